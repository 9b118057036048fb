// The normaliser must hide only what differs between runs; expectations are hand-written.
import { describe, expect, it } from "vitest";
import { normalise } from "./normalise.js";

/** Lays out rows as kubectl's tabwriter does: each column as wide as its widest cell, 3 spaces apart. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join("")).join("\n");
}

describe("normalise", () => {
  it.each([
    [
      "a get table: AGE cells and generated suffixes, re-aligned with 3 spaces",
      table([
        ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        ["coredns-5755c5476f-cddpx", "1/1", "Running", "0", "40m"],
        ["etcd-controlplane", "1/1", "Running", "1 (5m ago)", "3d4h"],
      ]),
      [
        "NAME                    READY   STATUS    RESTARTS        AGE",
        "coredns-<hash>-<rand>   1/1     Running   0               <age>",
        "etcd-controlplane       1/1     Running   1 (<age> ago)   <age>",
      ].join("\n"),
    ],
    [
      "an empty cell stays a cell",
      ["NAMESPACE   NAME   ENDPOINTS         AGE", "default     web                      2s", "default     k      172.30.1.2:6443   40m"].join("\n"),
      table([["NAMESPACE", "NAME", "ENDPOINTS", "AGE"], ["default", "web", "", "<age>"], ["default", "k", "172.30.1.2:6443", "<age>"]]),
    ],
    [
      "describe's Events table keeps its dashes, ages become <age>",
      ["Events:", "  Type    Reason     Age                From     Message", "  ----    ------     ----               ----     -------", "  Normal  Pulled     20s (x2 over 1m)   kubelet  Container image \"nginx\""].join("\n"),
      ["Events:", "  Type     Reason   Age     From      Message", "  ----     ------   ----    ----      -------", "  Normal   Pulled   <age>   kubelet   Container image \"nginx\""].join("\n"),
    ],
    [
      "timestamps, uids, ids and addresses",
      "Start Time: Wed, 25 Nov 2026 00:55:27 +0000 uid 4672547a-7632-47ba-bc3d-56a407a601ef at 2026-11-25T00:58:30Z ip 10.244.1.3 svc 10.98.119.108 fixed 10.96.0.10 id containerd://" + "ab".repeat(32),
      "Start Time: <time> uid <uid> at <time> ip <pod-ip> svc <cluster-ip> fixed 10.96.0.10 id containerd://<id>",
    ],
    [
      "resourceVersion in JSON and YAML",
      '  "resourceVersion": "1234",\n  resourceVersion: "99"',
      '  "resourceVersion": "<rv>",\n  resourceVersion: "<rv>"',
    ],
  ])("%s", (_name, input, want) => {
    expect(normalise(input)).toBe(want);
  });

  it("applies a case's extra rules after the common ones", () => {
    expect(normalise("80:32080/TCP", [[/:3\d{4}\//g, ":<nodeport>/"]])).toBe("80:<nodeport>/TCP");
  });
});

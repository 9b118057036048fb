import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { checkHostPathType, failedMountMessage, projectVolume, type VolumeSources } from "./volumes.js";
import type { Pod, Volume } from "./types.js";

const cm: KObject = { metadata: { name: "site", namespace: "web" }, data: { "index.html": "<h1>hi</h1>", "app.conf": "x=1" } };
const sec: KObject = { metadata: { name: "tls", namespace: "web" }, data: { "tls.crt": Buffer.from("CERT").toString("base64") } };
const src: VolumeSources = {
  configMap: (ns, n) => (ns === "web" && n === "site" ? cm : n === "kube-root-ca.crt" ? { data: { "ca.crt": "CA" } } : undefined),
  secret: (ns, n) => (ns === "web" && n === "tls" ? sec : undefined),
  token: (aud, exp) => `token(${aud ?? ""},${exp})`,
  hostIP: "172.30.2.2",
  podIP: "10.244.1.9",
  nodeAllocatable: {},
};
const pod: Pod = { metadata: { name: "p", namespace: "web", uid: "u", labels: { b: "2", a: "1" } }, spec: { containers: [{ name: "c" }] } };
const files = (v: Volume) => {
  const m = projectVolume(pod, v, src);
  return m && Object.fromEntries([...m].map(([k, f]) => [k, [f.data.toString(), f.mode.toString(8)]]));
};

describe("projectVolume", () => {
  const cases: { name: string; vol: Volume; want: Record<string, [string, string]> | undefined }[] = [
    { name: "configMap, all keys, 0644", vol: { name: "v", configMap: { name: "site" } }, want: { "index.html": ["<h1>hi</h1>", "644"], "app.conf": ["x=1", "644"] } },
    { name: "configMap items with mode", vol: { name: "v", configMap: { name: "site", defaultMode: 0o400, items: [{ key: "app.conf", path: "conf/app.conf" }, { key: "index.html", path: "i", mode: 0o600 }] } }, want: { "conf/app.conf": ["x=1", "400"], i: ["<h1>hi</h1>", "600"] } },
    { name: "secret decodes", vol: { name: "v", secret: { secretName: "tls" } }, want: { "tls.crt": ["CERT", "644"] } },
    { name: "optional missing secret is empty", vol: { name: "v", secret: { secretName: "nope", optional: true } }, want: {} },
    { name: "downwardAPI labels sorted", vol: { name: "v", downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }, { path: "ns", fieldRef: { fieldPath: "metadata.namespace" } }] } }, want: { labels: ['a="1"\nb="2"', "644"], ns: ["web", "644"] } },
    {
      name: "kube-api-access projected volume",
      vol: {
        name: "kube-api-access-x",
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { path: "token", expirationSeconds: 3607 } },
            { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
            { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
          ],
        },
      },
      want: { token: ["token(,3607)", "644"], "ca.crt": ["CA", "644"], namespace: ["web", "644"] },
    },
    { name: "hostPath is not projected", vol: { name: "v", hostPath: { path: "/data" } }, want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(files(c.vol)).toEqual(c.want));

  const errs = [
    { name: "missing configMap", vol: { name: "v", configMap: { name: "gone" } }, err: 'configmap "gone" not found' },
    { name: "missing configMap key", vol: { name: "v", configMap: { name: "site", items: [{ key: "k", path: "k" }] } }, err: "configmap references non-existent config key: k" },
    { name: "missing secret", vol: { name: "v", secret: { secretName: "gone" } }, err: 'secret "gone" not found' },
    { name: "missing secret key", vol: { name: "v", secret: { secretName: "tls", items: [{ key: "k", path: "k" }] } }, err: "references non-existent secret key: k" },
  ];
  for (const c of errs) it(c.name, () => expect(() => files(c.vol as Volume)).toThrow(c.err));
});

describe("checkHostPathType", () => {
  const cases = [
    { name: "unset", type: undefined, info: { exists: false }, want: "ok" },
    { name: "DirectoryOrCreate creates", type: "DirectoryOrCreate", info: { exists: false }, want: "create-dir" },
    { name: "FileOrCreate creates", type: "FileOrCreate", info: { exists: false }, want: "create-file" },
    { name: "Directory missing", type: "Directory", info: { exists: false }, want: "hostPath type check failed: /data is not a directory" },
    { name: "File on a dir", type: "File", info: { exists: true, isDir: true }, want: "hostPath type check failed: /data is not a file" },
    { name: "Socket", type: "Socket", info: { exists: true, isFile: true }, want: "hostPath type check failed: /data is not a socket file" },
  ];
  for (const c of cases)
    it(c.name, () => {
      const r = checkHostPathType("/data", c.type, c.info);
      expect(typeof r === "string" ? r : r.message).toBe(c.want);
    });
  it("FailedMount text", () => expect(failedMountMessage("data", "x")).toBe('MountVolume.SetUp failed for volume "data" : x'));
});

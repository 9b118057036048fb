import { describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../systemd/testing";
import { etcdTable, etcdutlCommand, humanizeBytes } from "./index";

describe("etcdutl formats", () => {
  it.each([
    [2_101_248, "2.1 MB"],
    [20480, "20 kB"],
    [5, "5 B"],
  ])("humanize.Bytes(%d)", (n, want) => expect(humanizeBytes(n)).toBe(want));
  it("table like etcd's docs", () =>
    expect(etcdTable(["HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE"], [["fe01cf57", "10", "7", "2.1 MB"]])).toBe(
      "+----------+----------+------------+------------+\n|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE |\n+----------+----------+------------+------------+\n| fe01cf57 |       10 |          7 | 2.1 MB     |\n+----------+----------+------------+------------+\n",
    ));
});

describe("etcdutl against a real snapshot", () => {
  it("status and restore", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-etcdutl-"));
    const port = 23000 + Math.floor(Math.random() * 1000);
    const etcd = spawn("/usr/bin/etcd", ["--data-dir", path.join(dir, "data"), "--listen-client-urls", `http://127.0.0.1:${port}`, "--advertise-client-urls", `http://127.0.0.1:${port}`, "--listen-peer-urls", `http://127.0.0.1:${port + 1}`], { stdio: "ignore" });
    try {
      const ctl = (...a: string[]) => execFileSync("/usr/bin/etcdctl", ["--endpoints", `127.0.0.1:${port}`, ...a], { env: { ETCDCTL_API: "3" } });
      for (let i = 0; i < 50; i++) {
        try {
          ctl("put", "/registry/a", "1");
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      ctl("snapshot", "save", path.join(dir, "snap.db"));
      const cmd = etcdutlCommand({ now: () => new Date("2026-11-25T10:00:00Z") });
      const nodePath = (p: string) => path.join(dir, p);
      const st = await run(cmd, ["etcdutl", "snapshot", "status", "/snap.db", "-w", "table"], { nodePath });
      expect(st.code).toBe(0);
      // The hash is printed with %x (no zero padding): its column is 7 or 8 wide with the snapshot.
      const hash = /^\| ([0-9a-f]+) \|/m.exec(st.out.split("\n")[3] ?? "")?.[1] ?? "";
      expect(st.out.split("\n")[1]).toBe(`| ${"HASH".padStart(4 + Math.floor((hash.length - 4) / 2)).padEnd(hash.length)} | REVISION | TOTAL KEYS | TOTAL SIZE | VERSION |`);
      const r = await run(cmd, ["etcdutl", "snapshot", "restore", "/snap.db", "--data-dir", "/var/lib/etcd-restore"], { nodePath });
      expect(r.code).toBe(0);
      expect(r.err.split("\n")[0]).toBe(
        '2026-11-25T10:00:00.000Z\tinfo\tsnapshot/v3_snapshot.go:248\trestoring snapshot\t{"path": "/snap.db", "wal-dir": "/var/lib/etcd-restore/member/wal", "data-dir": "/var/lib/etcd-restore", "snap-dir": "/var/lib/etcd-restore/member/snap"}',
      );
      expect(fs.existsSync(nodePath("/var/lib/etcd-restore/member/snap/db"))).toBe(true);
      const again = await run(cmd, ["etcdutl", "snapshot", "restore", "/snap.db", "--data-dir", "/var/lib/etcd-restore"], { nodePath });
      expect(again.code).not.toBe(0);
    } finally {
      etcd.kill();
    }
  }, 30_000);
});

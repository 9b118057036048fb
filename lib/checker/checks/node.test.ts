import { describe, expect, it } from "vitest";
import { FakeLab, check, type Scripted } from "../testing.js";
import { evaluate } from "./index.js";

const FILE = (p: string) => `if [ ! -e '${p}' ]; then exit 3; elif [ -d '${p}' ]; then exit 4; else cat -- '${p}'; fi`;

interface Case {
  name: string;
  check: Record<string, unknown>;
  lab: Scripted[];
  want: { passed: boolean; detail: string };
}

const cases: Case[] = [
  { name: "file: present with content", check: { type: "file", path: "/root/join.sh", content: { contains: "kubeadm join" } }, lab: [{ script: FILE("/root/join.sh"), result: { stdout: "kubeadm join 172.30.1.2:6443 --token abc\n" } }], want: { passed: true, detail: "/root/join.sh on controlplane exists with the expected content" } },
  { name: "file: missing", check: { type: "file", node: "node01", path: "/opt/x" }, lab: [{ node: "node01", script: FILE("/opt/x"), result: { code: 3 } }], want: { passed: false, detail: "/opt/x on node01 does not exist" } },
  { name: "file: must not exist", check: { type: "file", path: "/opt/x", exists: false }, lab: [{ script: FILE("/opt/x"), result: { code: 3 } }], want: { passed: true, detail: "/opt/x on controlplane does not exist" } },
  { name: "file: a directory", check: { type: "file", path: "/opt" }, lab: [{ script: FILE("/opt"), result: { code: 4 } }], want: { passed: false, detail: "/opt on controlplane is a directory" } },
  { name: "file: wrong content", check: { type: "file", path: "/a", content: { equals: "b" } }, lab: [{ script: FILE("/a"), result: { stdout: "c\n" } }], want: { passed: false, detail: '/a on controlplane is "c", expected "b"' } },
  { name: "file: a quote in the path", check: { type: "file", path: "/it's" }, lab: [{ script: `if [ ! -e '/it'\\''s' ]; then exit 3; elif [ -d '/it'\\''s' ]; then exit 4; else cat -- '/it'\\''s'; fi`, result: {} }], want: { passed: true, detail: "/it's on controlplane exists" } },
  { name: "command: exit code", check: { type: "command", run: "etcdctl snapshot status /opt/s.db", exitCode: 0 }, lab: [{ script: "etcdctl snapshot status /opt/s.db", result: { code: 1, stderr: "Error: stat /opt/s.db: no such file or directory\n" } }], want: { passed: false, detail: "the command exited 1, expected 0: Error: stat /opt/s.db: no such file or directory" } },
  { name: "command: stdout matches", check: { type: "command", run: "hostname", node: "node02", stdout: { equals: "node02" } }, lab: [{ node: "node02", script: "hostname", result: { stdout: "node02\n" } }], want: { passed: true, detail: "exit 0" } },
  { name: "command: stdout differs", check: { type: "command", run: "cat /etc/hostname", stdout: { matches: "^node" } }, lab: [{ script: "cat /etc/hostname", result: { stdout: "controlplane\n" } }], want: { passed: false, detail: 'its output "controlplane" does not match /^node/' } },
  { name: "command: no expectation means exit 0", check: { type: "command", run: "false" }, lab: [{ script: "false", result: { code: 1 } }], want: { passed: false, detail: "the command exited 1" } },
  { name: "command: stderr", check: { type: "command", run: "x", exitCode: 1, stderr: { contains: "denied" } }, lab: [{ script: "x", result: { code: 1, stderr: "permission denied\n" } }], want: { passed: true, detail: "exit 1" } },
];

describe("file and command checks", () => {
  it.each(cases)("$name", async ({ check: fields, lab, want }) => {
    expect(await evaluate(check(fields), new FakeLab(lab))).toEqual(want);
  });
});

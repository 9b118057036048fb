import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { commName, ProcessTable } from "./process-table.js";
import { InitShellSpawner, singleQuote } from "./init-shell.js";

// The node's namespaces are not needed to check a stand-in: a host bash reading its stdin plays
// the node's init.
let dirs: string[] = [];
let tables: ProcessTable[] = [];
let shells: ChildProcess[] = [];
afterEach(async () => {
  for (const t of tables) t.stopAll();
  await new Promise((r) => setTimeout(r, 50));
  for (const s of shells) s.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  tables = [];
  dirs = [];
  shells = [];
});

function table() {
  const dir = mkdtempSync(path.join(tmpdir(), "ps-"));
  dirs.push(dir);
  const init = spawn("/usr/bin/bash", [], { stdio: ["pipe", "pipe", "ignore"] });
  shells.push(init);
  const spawner = new InitShellSpawner({ stdin: init.stdin!, stdout: init.stdout! });
  const t = new ProcessTable({ spawner: () => spawner, hostLinkDir: dir, nodeLinkDir: dir });
  tables.push(t);
  return t;
}

const alive = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] !== "Z";
  } catch {
    return false;
  }
};
const waitFor = async (f: () => boolean) => {
  for (let i = 0; i < 250 && !f(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe("commName", () => {
  it.each([
    ["/usr/bin/kubelet", "kubelet"],
    ["etcd", "etcd"],
    ["/usr/local/bin/kube-proxy", "kube-proxy"],
  ])("%s -> %s", (argv0, want) => expect(commName(argv0)).toBe(want));
});

describe("ProcessTable", () => {
  it("a stand-in shows the daemon's command line and name, and ends when stopped", async () => {
    const t = table();
    const pid = (await t.start("daemon:kubelet", ["/usr/bin/kubelet", "--config=/var/lib/kubelet/config.yaml"]))!;
    // The forked job execs a moment after bash reports its pid.
    await waitFor(() => readFileSync(`/proc/${pid}/comm`, "utf8") === "kubelet\n");
    expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).toBe("/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml\0");
    expect(readFileSync(`/proc/${pid}/comm`, "utf8")).toBe("kubelet\n");
    t.stop("daemon:kubelet");
    await waitFor(() => !alive(pid));
    expect(alive(pid)).toBe(false);
  });

  it("reconcile keeps the wanted set under a prefix and replaces a changed command line", async () => {
    const t = table();
    t.start("daemon:containerd", ["/usr/bin/containerd"]);
    t.reconcile("pod:", new Map([["pod:a", ["/pause"]], ["pod:b", ["/coredns"]]]));
    t.reconcile("pod:", new Map([["pod:b", ["/coredns", "-conf", "/etc/coredns/Corefile"]]]));
    expect(t.keys().sort()).toEqual(["daemon:containerd", "pod:b"]);
  });

  it("shows a command line with quotes and shell syntax verbatim, never running it", async () => {
    const t = table();
    const marker = path.join(dirs[0], "pwned");
    const argv = ["sh", "-c", `echo 'it''s' $(touch ${marker}); \`id\` "$HOME"\nnext`];
    const pid = (await t.start("pod:x", argv))!;
    await waitFor(() => readFileSync(`/proc/${pid}/comm`, "utf8") === "sh\n");
    expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).toBe(argv.join(" ").replace("\n", " ") + "\0");
    expect(() => readFileSync(marker)).toThrow();
  });

  it("answers undefined once the node's init is gone", async () => {
    const t = table();
    shells[0].kill("SIGKILL");
    await new Promise((r) => shells[0].once("exit", r));
    expect(await t.start("pod:y", ["/pause"])).toBeUndefined();
  });
});

describe("singleQuote", () => {
  it.each([
    ["plain", "'plain'"],
    ["it's", "'it'\\''s'"],
    ["a\nb", "'a b'"],
  ])("%j -> %s", (s, want) => expect(singleQuote(s)).toBe(want));
});

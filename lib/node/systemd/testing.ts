// Test helpers: a node tree on disk holding the kubeadm kubelet unit, and fake daemons.
import { runCaptured } from "../run-captured";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeTime } from "../../cluster/runtime/timers.js";
import { KUBEADM_DROPIN, KUBELET_SERVICE } from "../kubeadm/kubelet";
import { Journal } from "../journal/journal";
import type { CommandIO, ProgramTable, ServiceProgram } from "../types";
import { createSystemd } from "./index";

export function tempNode(files: Record<string, string | { symlink: string }> = {}): { root: string; nodePath: (p: string) => string; write: (p: string, c: string) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-systemd-"));
  const nodePath = (p: string) => path.join(root, p);
  const write = (p: string, c: string) => {
    fs.mkdirSync(path.dirname(nodePath(p)), { recursive: true });
    fs.writeFileSync(nodePath(p), c);
  };
  const all: Record<string, string | { symlink: string }> = {
    "/usr/lib/systemd/system/kubelet.service": KUBELET_SERVICE,
    "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf": KUBEADM_DROPIN,
    "/etc/default/kubelet": "KUBELET_EXTRA_ARGS=\n",
    "/var/lib/kubelet/kubeadm-flags.env": 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    "/etc/systemd/system/multi-user.target.wants/kubelet.service": { symlink: "/usr/lib/systemd/system/kubelet.service" },
    ...files,
  };
  for (const [p, c] of Object.entries(all)) {
    if (typeof c === "string") write(p, c);
    else {
      fs.mkdirSync(path.dirname(nodePath(p)), { recursive: true });
      fs.symlinkSync(c.symlink, nodePath(p));
    }
  }
  return { root, nodePath, write };
}

/** A daemon that logs a line and runs until stopped, or exits with `exitCode` right away. */
export function fakeProgram(opts: { pid: () => number; exitCode?: number; line?: string; calls?: string[][] }): ServiceProgram {
  return (argv, _env, io) => {
    opts.calls?.push(argv);
    const pid = opts.pid();
    if (opts.line) io.log(opts.line);
    if (opts.exitCode !== undefined) {
      const code = opts.exitCode;
      queueMicrotask(() => io.exit(code));
    }
    return { pid, stop: async () => {} };
  };
}

export function systemdFixture(programs: ProgramTable, files?: Record<string, string | { symlink: string }>) {
  const node = tempNode(files);
  const time = new FakeTime("2026-11-25T10:00:00Z");
  const journal = new Journal("controlplane");
  const sd = createSystemd({ nodeName: "controlplane", nodePath: node.nodePath, programs, time, journal, firstPid: 1000 });
  return { node, time, journal, sd };
}

/** Runs a NodeCommand, collecting its output. */
export async function run(cmd: (io: CommandIO) => Promise<number>, argv: string[], extra: Partial<CommandIO> = {}) {
  const r = await runCaptured(cmd, argv, { cwd: "/root", ...extra });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

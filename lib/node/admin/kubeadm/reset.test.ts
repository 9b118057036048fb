import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { GR } from "../../../cluster/client/types.js";
import { joinFixture } from "./join/testing";

// Golden texts: kubeadm v1.32 `kubeadm reset` sessions (phases/reset/*.go, reset.go
// manualCleanupInstructions), on a worker and on a kubeadm control plane.
const CLEANUP = [
  "[reset] Stopping the kubelet service",
  '[reset] Unmounting mounted directories in "/var/lib/kubelet"',
  "[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]",
  "[reset] Deleting files: [/etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf]",
  "",
  "The reset process does not perform cleanup of CNI plugin configuration,",
  "network filtering rules and kubeconfig files.",
  "",
  "For information on how to perform this cleanup manually, please see:",
  "    https://k8s.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/",
  "",
  "",
].join("\n");

const READING = [
  '[reset] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...',
  "[reset] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.",
  "",
].join("\n");

const WARN_REVERT = "W1125 10:00:00.000000    4242 preflight.go:56] [reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.\n";

/** The node's files below a directory, relative, sorted (directories end in "/"). */
function tree(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .map((p) => (fs.lstatSync(`${root}/${p}`).isDirectory() ? `${p}/` : p))
    .sort();
}

describe("kubeadm reset", () => {
  const cases = [
    {
      name: "worker with -f: no admin.conf, no prompt, etcd dir from the default",
      node: "node01",
      args: ["reset", "-f"],
      stdin: "",
      code: 0,
      out: "[preflight] Running pre-flight checks\n[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n" + CLEANUP,
      err: "W1125 10:00:00.000000    4242 removeetcdmember.go:106] [reset] No kubeadm config, using etcd pod spec to get data directory\n",
    },
    {
      name: "control plane, confirmed with y",
      node: "controlplane",
      args: ["reset"],
      stdin: "y\n",
      code: 0,
      out: READING + "[reset] Are you sure you want to proceed? [y/N]: [preflight] Running pre-flight checks\n[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n" + CLEANUP,
      err: WARN_REVERT,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const f = await joinFixture();
      const at = (p: string) => f.nodePath(c.node)(p);
      fs.mkdirSync(at("/var/lib/etcd/member/snap"), { recursive: true });
      fs.writeFileSync(at("/var/lib/etcd/member/snap/db"), "data");
      const r = await f.kubeadm(c.node, c.args, c.stdin);
      expect(r).toEqual({ code: c.code, out: c.out, err: c.err });
      // What stays: the emptied directories, kubeadm's files elsewhere, the CNI configuration.
      expect(tree(at("/etc/kubernetes"))).toEqual(["manifests/", "pki/"]);
      expect(tree(at("/var/lib/kubelet"))).toEqual([]);
      expect(tree(at("/var/lib/etcd"))).toEqual([]);
      expect(tree(at("/etc/cni/net.d"))).toEqual(["10-calico.conflist", "calico-kubeconfig"]);
      // The kubelet stopped, then every pod sandbox stopped and removed with crictl.
      expect(f.calls).toEqual([
        ["systemctl", "stop", "kubelet"],
        ["crictl", "pods", "-q"],
        ["crictl", "stopp", "0a1b2c3d4e5f6"],
        ["crictl", "rmp", "0a1b2c3d4e5f6"],
        ["crictl", "stopp", "9f8e7d6c5b4a3"],
        ["crictl", "rmp", "9f8e7d6c5b4a3"],
      ]);
      // Upstream never deletes the Node object.
      expect(f.cluster.get(GR.nodes, "", c.node)?.metadata?.name).toBe(c.node);
    });
  }

  const refusals = [
    { name: "n", stdin: "n\n" },
    { name: "empty line", stdin: "\n" },
    { name: "end of input", stdin: "" },
  ];
  for (const c of refusals) {
    it(`stops when the answer is not y or yes (${c.name})`, async () => {
      const f = await joinFixture();
      const r = await f.kubeadm("node01", ["reset"], c.stdin);
      expect(r).toEqual({
        code: 1,
        out: "[reset] Are you sure you want to proceed? [y/N]: ",
        err: WARN_REVERT + "error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n",
      });
      expect(fs.existsSync(f.nodePath("node01")("/etc/kubernetes/kubelet.conf"))).toBe(true);
      expect(f.calls).toEqual([]);
    });
  }

  it("--dry-run on a worker: no prompt, only what would be done", async () => {
    const f = await joinFixture();
    const r = await f.kubeadm("node01", ["reset", "--dry-run"]);
    expect(r).toEqual({
      code: 0,
      out:
        [
          "[preflight] Running pre-flight checks",
          "[reset] Would stop the kubelet service",
          '[reset] Would unmount mounted directories in "/var/lib/kubelet"',
          "[reset] Would remove Kubernetes-managed containers",
          "[reset] Would delete contents of directories: [/etc/kubernetes/manifests /etc/kubernetes/pki]",
          "[reset] Would delete files: [/etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf]",
          "",
        ].join("\n") + CLEANUP.slice(CLEANUP.indexOf("\nThe reset")),
      err: "W1125 10:00:00.000000    4242 removeetcdmember.go:106] [reset] No kubeadm config, using etcd pod spec to get data directory\n",
    });
    expect(fs.existsSync(f.nodePath("node01")("/etc/kubernetes/kubelet.conf"))).toBe(true);
    expect(f.calls).toEqual([]);
  });

  it("accepts yes in any case", async () => {
    const f = await joinFixture();
    const r = await f.kubeadm("node01", ["reset"], "YES\n");
    expect(r.code).toBe(0);
    expect(fs.existsSync(f.nodePath("node01")("/etc/kubernetes/kubelet.conf"))).toBe(false);
  });
});

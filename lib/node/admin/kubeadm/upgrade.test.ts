import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { GR, type GroupResource } from "../../../cluster/client/types.js";
import { run } from "../../systemd/testing";
import { aptCommands } from "../apt";
import { labFixture } from "./testing";

// Expected texts follow kubeadm v1.32/v1.33 (cmd/kubeadm/app/cmd/upgrade/{plan,apply,node}.go,
// phases/upgrade/policy.go) as their release binaries print them.
const PLAN_HEAD = (hint: string) =>
  `[preflight] Running pre-flight checks.\n[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade/config] Use 'kubeadm init phase upload-config --config ${hint}' to re-upload it.\n[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n`;
const STACK = "To see the stack trace of this error execute with --v=5 or higher\n";

async function installKubeadm133(nodePath: (p: string) => string) {
  fs.writeFileSync(nodePath("/etc/apt/sources.list.d/kubernetes.list"), "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /\n");
  const apt = aptCommands({ kubernetesVersion: "v1.32.3" });
  await run(apt.get("apt-get")!, ["apt-get", "update"], { nodePath });
  await run(apt.get("apt-mark")!, ["apt-mark", "unhold", "kubeadm"], { nodePath });
  const r = await run(apt.get("apt-get")!, ["apt-get", "install", "-y", "kubeadm=1.33.0-1.1"], { nodePath });
  expect(r.code).toBe(0);
}

describe("kubeadm upgrade", () => {
  it("plan with the lab's kubeadm: up to date, after the stable fallback line", async () => {
    const { kubeadm, nodePath } = await labFixture();
    expect(await run(kubeadm, ["kubeadm", "upgrade", "plan"], { nodePath: nodePath("controlplane") })).toEqual({
      code: 0,
      out:
        PLAN_HEAD("your-config.yaml") +
        "[upgrade/versions] Cluster version: 1.32.3\n[upgrade/versions] kubeadm version: v1.32.3\n" +
        "I1125 10:00:00.000000    4242 version.go:261] remote version is much newer: v1.33.0; falling back to: stable-1.32\n" +
        "[upgrade/versions] Target version: v1.32.3\n[upgrade/versions] Latest version in the v1.32 series: v1.32.3\n",
      err: "",
    });
  });

  it.each([
    [
      "a newer minor than kubeadm",
      "v1.33.0",
      `error execution phase preflight: the version argument is invalid due to these fatal errors:\n\t- Specified version to upgrade to "v1.33.0" is at least one minor release higher than the kubeadm minor release (33 > 32). Such an upgrade is not supported\nPlease fix the misalignments highlighted above and try upgrading again\n`,
    ],
    [
      "two minors at once",
      "v1.34.0",
      `error execution phase preflight: the version argument is invalid due to these fatal errors:\n\t- Specified version to upgrade to "v1.34.0" is too high; kubeadm can upgrade only 1 minor version at a time\n\t- Specified version to upgrade to "v1.34.0" is at least one minor release higher than the kubeadm minor release (34 > 32). Such an upgrade is not supported\nPlease fix the misalignments highlighted above and try upgrading again\n`,
    ],
  ])("apply refuses %s", async (_n, target, err) => {
    const { kubeadm, nodePath } = await labFixture();
    const r = await run(kubeadm, ["kubeadm", "upgrade", "apply", target, "-y"], { nodePath: nodePath("controlplane") });
    expect(r.code).toBe(1);
    expect(r.err).toBe(err + STACK);
    expect(r.out.split("\n").slice(-3)).toEqual(["[upgrade/versions] Cluster version: v1.32.3", "[upgrade/versions] kubeadm version: v1.32.3", ""]);
  });

  it("the v1.33 flow: apt installs kubeadm, plan shows the tables, apply upgrades, node rewrites the kubelet config", async () => {
    const { kubeadm, nodePath, cluster } = await labFixture();
    const cp = nodePath("controlplane");
    await installKubeadm133(cp);
    expect((await run(kubeadm, ["kubeadm", "version", "-o", "short"], { nodePath: cp })).out).toBe("v1.33.0\n");
    expect((await run(kubeadm, ["kubeadm", "upgrade", "plan"], { nodePath: cp })).out).toBe(
      PLAN_HEAD("your-config-file") +
        "[upgrade/versions] Cluster version: 1.32.3\n[upgrade/versions] kubeadm version: v1.33.0\n" +
        "[upgrade/versions] Target version: v1.33.0\n[upgrade/versions] Latest version in the v1.32 series: v1.32.3\n\n" +
        "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n" +
        "COMPONENT   NODE           CURRENT   TARGET\n" +
        "kubelet     controlplane   v1.32.3   v1.33.0\n" +
        "kubelet     node01         v1.32.3   v1.33.0\n\n" +
        "Upgrade to the latest stable version:\n\n" +
        "COMPONENT                 NODE           CURRENT    TARGET\n" +
        "kube-apiserver            controlplane   v1.32.3    v1.33.0\n" +
        "kube-controller-manager   controlplane   v1.32.3    v1.33.0\n" +
        "kube-scheduler            controlplane   v1.32.3    v1.33.0\n" +
        "kube-proxy                               1.32.3     v1.33.0\n" +
        "CoreDNS                                  v1.11.3    v1.12.0\n" +
        "etcd                      controlplane   3.5.16-0   3.5.21-0\n\n" +
        "You can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply v1.33.0\n\n" +
        "_____________________________________________________________________\n\n\n" +
        "The table below shows the current state of component configs as understood by this version of kubeadm.\n" +
        'Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\n' +
        "resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\n" +
        'upgrade to is denoted in the "PREFERRED VERSION" column.\n\n' +
        "API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED\n" +
        "kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no\n" +
        "kubelet.config.k8s.io     v1beta1           v1beta1             no\n" +
        "_____________________________________________________________________\n",
    );

    const apply = await run(kubeadm, ["kubeadm", "upgrade", "apply", "v1.33.0", "-y"], { nodePath: cp });
    expect(apply.code).toBe(0);
    const lines = apply.out.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      `[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...`,
      "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.",
      "[upgrade/preflight] Running preflight checks",
      "[upgrade] Running cluster health checks",
      '[upgrade/preflight] You have chosen to upgrade the cluster version to "v1.33.0"',
      "[upgrade/versions] Cluster version: v1.32.3",
      "[upgrade/versions] kubeadm version: v1.33.0",
    ]);
    expect(lines.slice(-6)).toEqual([
      "[addons] Applied essential addon: kube-proxy",
      "",
      '[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.33.0".',
      "",
      "[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.",
      "",
    ]);
    const image = (f: string) => /image: (\S+)/.exec(fs.readFileSync(cp(`/etc/kubernetes/manifests/${f}.yaml`), "utf8"))![1];
    expect(["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].map(image)).toEqual([
      "registry.k8s.io/etcd:3.5.21-0",
      "registry.k8s.io/kube-apiserver:v1.33.0",
      "registry.k8s.io/kube-controller-manager:v1.33.0",
      "registry.k8s.io/kube-scheduler:v1.33.0",
    ]);
    const cc = (cluster.get(GR.configmaps, "kube-system", "kubeadm-config")!.data as Record<string, string>).ClusterConfiguration;
    expect(/kubernetesVersion: (\S+)/.exec(cc)![1]).toBe("v1.33.0");
    const img = (gr: GroupResource, n: string) => (cluster.get(gr, "kube-system", n)!.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
    expect([img(GR.deployments, "coredns"), img(GR.daemonsets, "kube-proxy")]).toEqual(["registry.k8s.io/coredns/coredns:v1.12.0", "registry.k8s.io/kube-proxy:v1.33.0"]);

    // The worker: its own kubeadm 1.33, then `upgrade node`.
    const n1 = nodePath("node01");
    await installKubeadm133(n1);
    fs.writeFileSync(n1("/var/lib/kubelet/config.yaml"), "garbage: true\n");
    const node = await run(kubeadm, ["kubeadm", "upgrade", "node"], { nodePath: n1 });
    expect(node.out.split("\n").filter((l) => !l.startsWith("W1125") && !l.startsWith("[upgrade] Backing"))).toEqual([
      `[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...`,
      "[upgrade] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.",
      "[upgrade/preflight] Running pre-flight checks",
      "[upgrade/preflight] Skipping prepull. Not a control plane node.",
      "[upgrade/control-plane] Skipping phase. Not a control plane node.",
      "[upgrade/kubeconfig] Skipping phase. Not a control plane node.",
      '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"',
      "[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!",
      "[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.",
      "[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.",
      "",
    ]);
    expect(fs.readFileSync(n1("/var/lib/kubelet/config.yaml"), "utf8")).toContain("kind: KubeletConfiguration\n");
  });
});

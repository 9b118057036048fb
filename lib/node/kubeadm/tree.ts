// The writable filesystem tree of one node of a fresh lab: everything `kubeadm init` (controlplane)
// or `kubeadm join` (workers), the kubelet, Calico's install-cni and Ubuntu leave there.
// Paths are absolute inside the node; writeNodeTree roots them in the lab's directory.
import { chmod, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { clusterPkiFiles } from "./cluster-pki";
import { calicoConflist, calicoKubeconfig } from "./cni";
import {
  KUBELET_CLIENT_CURRENT_PEM,
  renderBootstrappedKubeletConf,
  renderControlPlaneKubeletConf,
  renderEmbeddedKubeconfig,
} from "./kubeconfig";
import { DEFAULT_KUBELET, KUBEADM_DROPIN, KUBELET_SERVICE, kubeadmFlagsEnv, kubeletConfigYaml } from "./kubelet";
import type { LabPki } from "./lab-pki";
import { staticPodManifests } from "./manifests";
import { osFiles } from "./os";
import { API_SERVER_URL, CLUSTER_NAME, KUBERNETES_VERSION, NODES, type NodeSpec } from "./topology";

export type TreeEntry =
  | { content: string | Buffer; mode?: number }
  | { symlink: string }
  | { dir: true; mode?: number };

/** Absolute path inside the node -> what is there. */
export type NodeTree = Map<string, TreeEntry>;

export interface LabTreeInput {
  pki: LabPki;
  kubernetesVersion?: string;
  nodes?: readonly NodeSpec[];
  /** The calico-cni-plugin ServiceAccount token for calico-kubeconfig (minted by the lab runtime). */
  calicoCniToken?: string;
}

/** Directories a kubeadm node has even when empty, with their modes. */
function baseDirectories(node: NodeSpec): [string, number][] {
  const dirs: [string, number][] = [
    ["/etc/kubernetes/manifests", 0o755],
    ["/etc/kubernetes/pki", 0o755],
    ["/var/lib/kubelet/pki", 0o755],
    ["/var/lib/kubelet/pods", 0o750],
    ["/var/lib/kubelet/plugins", 0o750],
    ["/var/lib/kubelet/plugins_registry", 0o750],
    ["/var/lib/kubelet/pod-resources", 0o750],
    ["/var/lib/containerd", 0o711],
    ["/var/log/pods", 0o755],
    ["/var/log/containers", 0o755],
    ["/var/log/calico/cni", 0o755],
    ["/opt/cni/bin", 0o755],
    ["/etc/cni/net.d", 0o755],
    ["/etc/apt/keyrings", 0o755],
    ["/usr/libexec/kubernetes/kubelet-plugins/volume/exec", 0o755],
    ["/root", 0o700],
    ["/tmp", 0o1777],
  ];
  if (node.role === "control-plane") {
    dirs.push(["/etc/kubernetes/pki/etcd", 0o755]);
    // etcd's data dir: etcd itself insists on 0700.
    dirs.push(["/var/lib/etcd", 0o700]);
    dirs.push(["/root/.kube", 0o755]);
  }
  return dirs;
}

export function buildNodeTree(node: NodeSpec, lab: LabTreeInput): NodeTree {
  const version = lab.kubernetesVersion ?? KUBERNETES_VERSION;
  const nodes = lab.nodes ?? NODES;
  const { pki } = lab;
  const tree: NodeTree = new Map();
  const file = (path: string, content: string, mode = 0o644) => tree.set(path, { content, mode });

  for (const [path, mode] of baseDirectories(node)) tree.set(path, { dir: true, mode });
  for (const f of osFiles(node, version, nodes)) file(f.path, f.content, f.mode);
  // The keyring is binary and only apt reads it; apt is simulated, so an empty file stands in.
  file("/etc/apt/keyrings/kubernetes-apt-keyring.gpg", "");

  // Packages (kubelet, kubeadm debs) and kubeadm's kubelet phase.
  file("/usr/lib/systemd/system/kubelet.service", KUBELET_SERVICE);
  file("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", KUBEADM_DROPIN);
  file("/etc/default/kubelet", DEFAULT_KUBELET);
  tree.set("/etc/systemd/system/multi-user.target.wants/kubelet.service", {
    symlink: "/usr/lib/systemd/system/kubelet.service",
  });
  file("/var/lib/kubelet/config.yaml", kubeletConfigYaml());
  file("/var/lib/kubelet/kubeadm-flags.env", kubeadmFlagsEnv(version));

  // The kubelet's own certificates.
  const kubelet = pki.kubelets.get(node.name);
  if (!kubelet) throw new Error(`no kubelet PKI for node ${node.name}`);
  file("/var/lib/kubelet/pki/kubelet.crt", kubelet.servingCertPem);
  file("/var/lib/kubelet/pki/kubelet.key", kubelet.servingKeyPem, 0o600);
  for (const pem of kubelet.clientPems) file(`/var/lib/kubelet/pki/${pem.name}`, pem.content, 0o600);
  const current = kubelet.clientPems[kubelet.clientPems.length - 1];
  tree.set(KUBELET_CLIENT_CURRENT_PEM, { symlink: `/var/lib/kubelet/pki/${current.name}` });

  const caPem = pki.cluster.ca.certPem;
  const server = API_SERVER_URL;
  if (node.role === "control-plane") {
    for (const f of clusterPkiFiles(pki.cluster)) file(f.path, f.content, f.mode);
    for (const [name, cred] of pki.kubeconfigs) {
      if (name === "kubelet.conf") continue;
      const yaml = renderEmbeddedKubeconfig(cred, { clusterName: CLUSTER_NAME, server, caPem });
      file(`/etc/kubernetes/${name}`, yaml, 0o600);
      if (name === "admin.conf") file("/root/.kube/config", yaml, 0o600);
    }
    file(
      "/etc/kubernetes/kubelet.conf",
      renderControlPlaneKubeletConf({ nodeName: node.name, clusterName: CLUSTER_NAME, server, caPem }),
      0o600,
    );
    for (const [name, yaml] of staticPodManifests({ node, kubernetesVersion: version })) {
      file(`/etc/kubernetes/manifests/${name}`, yaml, 0o600);
    }
  } else {
    // kubeadm join keeps only the cluster CA; the kubelet writes its kubeconfig after bootstrap.
    file("/etc/kubernetes/pki/ca.crt", caPem);
    file("/etc/kubernetes/kubelet.conf", renderBootstrappedKubeletConf({ server, caPem }), 0o600);
  }

  file("/etc/cni/net.d/10-calico.conflist", calicoConflist(node.name));
  file("/etc/cni/net.d/calico-kubeconfig", calicoKubeconfig(caPem, lab.calicoCniToken ?? ""), 0o600);
  return tree;
}

/**
 * Writes a tree under rootDir (rootDir + absolute path): directories first (parents created
 * 0755), then files with their modes, then symlinks. Existing files are overwritten.
 */
export async function writeNodeTree(rootDir: string, tree: NodeTree): Promise<void> {
  const at = (p: string) => join(rootDir, p);
  const dirs: [string, number][] = [];
  const parents = new Set<string>();
  for (const [path, entry] of tree) {
    if ("dir" in entry) dirs.push([path, entry.mode ?? 0o755]);
    else parents.add(dirname(path));
  }
  await Promise.all([...parents].map((p) => mkdir(at(p), { recursive: true })));
  await Promise.all(dirs.map(([p]) => mkdir(at(p), { recursive: true })));
  await Promise.all(dirs.map(([p, mode]) => chmod(at(p), mode)));
  const writes: Promise<void>[] = [];
  for (const [path, entry] of tree) {
    if (!("content" in entry)) continue;
    const mode = entry.mode ?? 0o644;
    // writeFile's mode only applies on creation (and through the umask): chmod makes it exact.
    writes.push(writeFile(at(path), entry.content, { mode }).then(() => chmod(at(path), mode)));
  }
  await Promise.all(writes);
  for (const [path, entry] of tree) {
    if (!("symlink" in entry)) continue;
    await rm(at(path), { force: true });
    await symlink(entry.symlink, at(path));
  }
}

// What `kubeadm upgrade` reads from the cluster (phases/upgrade/versiongetter.go, compute.go):
// the ClusterConfiguration in kube-system/kubeadm-config, the kubelets' versions from the Node
// objects, and the running control plane, CoreDNS and kube-proxy images.
import { parse as parseYaml } from "yaml";
import type { KObject } from "../../../../cluster/api/types.js";
import type { ClusterClient } from "../../../../cluster/client/types.js";
import { GR } from "../../../../cluster/client/types.js";

export const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
export const CONTROL_PLANE_COMPONENTS = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"] as const;

export interface ClusterState {
  clusterVersion: string;
  clusterConfiguration: Record<string, unknown>;
  kubelets: { node: string; version: string }[];
  controlPlaneNodes: string[];
  /** node → component → image tag of its mirror pod. */
  componentTags: Map<string, Map<string, string>>;
  corednsTag?: string;
}

const tagOf = (image: string | undefined) => (image ? image.slice(image.lastIndexOf(":") + 1) : undefined);

function firstImage(obj: KObject | undefined): string | undefined {
  const spec = (obj?.spec as { template?: { spec?: { containers?: { image?: string }[] } }; containers?: { image?: string }[] } | undefined) ?? {};
  return (spec.template?.spec?.containers ?? spec.containers)?.[0]?.image;
}

/** Reads the state, or an error text as kubeadm prints it. */
export function readClusterState(client: ClusterClient): ClusterState | string {
  const cm = client.get(GR.configmaps, "kube-system", "kubeadm-config");
  const text = (cm?.data as Record<string, string> | undefined)?.ClusterConfiguration;
  if (!cm || !text) return `unable to fetch the kubeadm-config ConfigMap: configmaps "kubeadm-config" not found`;
  let cfg: Record<string, unknown>;
  try {
    cfg = (parseYaml(text) as Record<string, unknown>) ?? {};
  } catch (e) {
    return `unable to decode config from bytes: ${(e as Error).message}`;
  }
  const nodes = client.list(GR.nodes);
  const kubelets = nodes
    .map((n) => ({ node: n.metadata?.name ?? "", version: ((n.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion ?? "") }))
    .filter((k) => k.version);
  const controlPlaneNodes = nodes.filter((n) => n.metadata?.labels?.[CONTROL_PLANE_LABEL] !== undefined).map((n) => n.metadata?.name ?? "");
  const componentTags = new Map<string, Map<string, string>>();
  for (const pod of client.list(GR.pods, "kube-system")) {
    const component = pod.metadata?.labels?.component;
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const tag = tagOf(firstImage(pod));
    if (!component || !node || !tag) continue;
    if (!componentTags.has(node)) componentTags.set(node, new Map());
    componentTags.get(node)!.set(component, tag);
  }
  return {
    clusterVersion: String(cfg.kubernetesVersion ?? ""),
    clusterConfiguration: cfg,
    kubelets,
    controlPlaneNodes,
    componentTags,
    corednsTag: tagOf(firstImage(client.get(GR.deployments, "kube-system", "coredns"))),
  };
}

// The objects of a fresh lab, as kube-apiserver's bootstrap hooks, kubeadm and the add-on installs
// would have left them in etcd ~40 minutes after `kubeadm init`. They are written straight into
// etcd (JSON under kube-apiserver's keys) before the API server first serves, so every component
// starts from the same world, as after a real control-plane restart.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Clock, KObject, Random, ResourceInfo } from "../cluster/api/types.js";
import { RESOURCES, crdResources, resourceIndex } from "../cluster/api/resources.js";
import { bootstrapPolicy } from "../cluster/rbac/bootstrap-policy.js";
import { aggregateClusterRoles } from "../cluster/rbac/aggregation.js";
import { buildFreshCluster } from "../cluster/bootstrap/index.js";
import { decodeStaticPod } from "../cluster/kubelet/static-pod.js";
import type { LabPki } from "../node/kubeadm/lab-pki.js";
import type { Store } from "../store/types.js";
import { storageKey } from "../apiserver/storage/registry.js";

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export interface SeedOptions {
  pki: LabPki;
  initTime: Date;
  clock: Clock;
  random: Random;
  /** Host path of a node's tree, to hash its static pod manifests as its kubelet will. */
  nodeRoot(node: string): string;
  /** Leader-election identities the first kube-controller-manager and kube-scheduler runs use. */
  leaderIdentities: { "kube-controller-manager": string; "kube-scheduler": string };
}

/** Every object of the fresh cluster, in write order (CRDs first). */
export function freshObjects(opts: SeedOptions): KObject[] {
  const policy = bootstrapPolicy();
  const stamp = (o: KObject): KObject => ({
    ...o,
    metadata: { uid: opts.random.uuid(), creationTimestamp: rfc3339(new Date(opts.initTime.getTime() + 8000)), ...o.metadata },
  });
  const rbac = [...aggregateClusterRoles(policy.clusterRoles), ...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings].map(stamp);
  const cluster = buildFreshCluster({
    clock: opts.clock,
    random: opts.random,
    initTime: opts.initTime,
    caCertPem: opts.pki.cluster.ca.certPem,
    frontProxyCaPem: opts.pki.cluster.frontProxyCa.certPem,
    joinCSRs: Object.fromEntries([...opts.pki.kubelets.values()].map((k) => [k.node.name, { requestPem: k.issued.csrPem, certificatePem: k.issued.certPem }])),
  }).map((o) => alignWithNode(o, opts));
  const all = [...rbac, ...cluster];
  const isCRD = (o: KObject) => o.kind === "CustomResourceDefinition";
  return [...all.filter(isCRD), ...all.filter((o) => !isCRD(o))];
}

/**
 * Mirror pods carry the hash the node's kubelet computes from its manifest files, so the kubelet
 * adopts them instead of replacing them; the leader leases name the components' first identities.
 */
function alignWithNode(o: KObject, opts: SeedOptions): KObject {
  const ann = o.metadata?.annotations;
  if (o.kind === "Pod" && ann?.["kubernetes.io/config.mirror"]) {
    const node = (o.spec as { nodeName: string }).nodeName;
    const base = o.metadata!.name!.slice(0, -(node.length + 1));
    const file = `/etc/kubernetes/manifests/${base}.yaml`;
    try {
      const text = readFileSync(path.join(opts.nodeRoot(node), file), "utf8");
      const hash = decodeStaticPod(text, file, node, opts.initTime).metadata!.uid!;
      return { ...o, metadata: { ...o.metadata, annotations: { ...ann, "kubernetes.io/config.hash": hash, "kubernetes.io/config.mirror": hash } } };
    } catch {
      return o;
    }
  }
  if (o.kind === "Lease" && o.metadata?.namespace === "kube-system") {
    const id = opts.leaderIdentities[o.metadata.name as keyof SeedOptions["leaderIdentities"]];
    if (id) return { ...o, spec: { ...(o.spec as object), holderIdentity: id } };
  }
  return o;
}

/** Writes the objects under their keys; custom kinds are keyed by the CRDs written before them. */
export async function seedStore(store: Store, objects: KObject[]): Promise<void> {
  const crds = objects.filter((o) => o.kind === "CustomResourceDefinition");
  const index = resourceIndex([...RESOURCES, ...crds.flatMap((c) => crdResources(c).map((r) => ({ ...r, custom: true }) as ResourceInfo))]);
  await Promise.all(
    objects.map(async (o) => {
      const [group, version] = o.apiVersion!.includes("/") ? o.apiVersion!.split("/") : ["", o.apiVersion!];
      const info = index.byKind(group, version, o.kind!);
      if (!info) throw new Error(`no resource serves ${o.apiVersion} ${o.kind}`);
      const { resourceVersion: _rv, ...meta } = o.metadata ?? {};
      await store.create(storageKey(info, o.metadata?.namespace ?? "", o.metadata!.name!), Buffer.from(JSON.stringify({ ...o, metadata: meta })));
    }),
  );
}

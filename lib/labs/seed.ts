// Writes the objects of a fresh lab into its etcd, as kube-apiserver's bootstrap hooks, kubeadm
// and the add-on installs would have left them ~40 minutes after `kubeadm init`.
import type { Clock, KObject, Random } from "../cluster/api/types.js";
import { bootstrapPolicy } from "../cluster/rbac/bootstrap-policy.js";
import { aggregateClusterRoles } from "../cluster/rbac/aggregation.js";
import { buildFreshCluster } from "../cluster/bootstrap/index.js";
import type { LabPki } from "../node/kubeadm/lab-pki.js";
import type { ControlPlane } from "./control-plane.js";

export async function seedCluster(cp: ControlPlane, opts: { pki: LabPki; initTime: Date; clock: Clock; random: Random }): Promise<void> {
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
  });
  const api = cp.apiserver;
  const write = async (o: KObject) => {
    const [group, version] = o.apiVersion!.includes("/") ? o.apiVersion!.split("/") : ["", o.apiVersion!];
    const info = api.resourceForKind(group, version, o.kind!);
    const key = api.registry.keyFor(info, o.metadata?.namespace ?? "", o.metadata!.name!);
    const { resourceVersion: _rv, ...meta } = o.metadata ?? {};
    await cp.store.create(key, Buffer.from(JSON.stringify({ ...o, metadata: meta })));
  };
  // CRDs first: objects of custom kinds need their resource served before they can be keyed.
  const all = [...rbac, ...cluster];
  const isCRD = (o: KObject) => o.kind === "CustomResourceDefinition";
  await Promise.all(all.filter(isCRD).map(write));
  await api.cache.waitFor(await cp.store.currentRevision());
  await Promise.all(all.filter((o) => !isCRD(o)).map(write));
  await api.cache.waitFor(await cp.store.currentRevision());
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

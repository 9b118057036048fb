// coordination.k8s.io Leases of a running cluster: node heartbeats (pkg/kubelet/nodelease),
// leader election of kube-controller-manager / kube-scheduler and the add-on controllers
// (client-go/tools/leaderelection), and the API server identity lease
// (pkg/controlplane/apiserver/options: "apiserver-" + base32(sha256(hostname)[:16])).

import { createHash } from "node:crypto";
import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { nodeRegisteredAt } from "./nodes";
import { controlPlaneNode } from "./topology";

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** base32.StdEncoding without padding. */
export function base32NoPad(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function apiServerIdentityLeaseName(hostname: string): string {
  const sum = createHash("sha256").update(hostname).digest();
  return "apiserver-" + base32NoPad(sum.subarray(0, 16)).toLowerCase();
}

function lease(ctx: BuildContext, name: string, namespace: string, createdAt: number, spec: Record<string, unknown>, extra: { labels?: Record<string, string>; owner?: KObject } = {}): KObject {
  return obj("coordination.k8s.io/v1", "Lease", ctx, {
    name,
    namespace,
    labels: extra.labels,
    ownerReferences: extra.owner ? [{ apiVersion: "v1", kind: "Node", name: extra.owner.metadata!.name!, uid: extra.owner.metadata!.uid! }] : undefined,
    createdAt,
  }, { spec });
}

export function buildLeases(ctx: BuildContext, nodes: KObject[], addonLeaders: { name: string; namespace: string; holder: string; createdAt: number; duration: number }[]): KObject[] {
  const cp = controlPlaneNode(ctx.topology).name;
  const recent = (lag: number) => ctx.atMicro(Math.max(0, ctx.ageSeconds - lag));
  const out: KObject[] = [];
  for (const n of nodes) {
    const topo = ctx.topology.nodes.find((t) => t.name === n.metadata!.name)!;
    out.push(lease(ctx, topo.name, "kube-node-lease", nodeRegisteredAt(topo), { holderIdentity: topo.name, leaseDurationSeconds: 40, renewTime: recent(3) }, { owner: n }));
  }
  const leader = (name: string, createdAt: number) =>
    lease(ctx, name, "kube-system", createdAt, {
      acquireTime: ctx.atMicro(createdAt),
      holderIdentity: `${cp}_${ctx.random.uuid()}`,
      leaseDurationSeconds: 15,
      leaseTransitions: 0,
      renewTime: recent(1),
    });
  out.push(leader("kube-controller-manager", 11), leader("kube-scheduler", 11));
  const id = apiServerIdentityLeaseName(cp);
  out.push(
    lease(ctx, id, "kube-system", 9, { holderIdentity: `${id}_${ctx.random.uuid()}`, leaseDurationSeconds: 3600, renewTime: recent(7) }, {
      labels: { "apiserver.kubernetes.io/identity": "kube-apiserver", "kubernetes.io/hostname": cp },
    }),
  );
  for (const l of addonLeaders) {
    out.push(
      lease(ctx, l.name, l.namespace, l.createdAt, {
        acquireTime: ctx.atMicro(l.createdAt),
        holderIdentity: l.holder,
        leaseDurationSeconds: l.duration,
        leaseTransitions: 0,
        renewTime: recent(2),
      }),
    );
  }
  return out;
}

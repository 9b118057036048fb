// pkg/scheduler/framework/plugins/volumebinding (volume_binding.go, binder.go), the basics:
// PreFilter needs every claim to exist and immediate claims to be bound; Filter checks bound
// volumes' node affinity and, for WaitForFirstConsumer claims, that a matching Available
// PersistentVolume or dynamic provisioning can serve the node. PreBind (bindPodVolumes) claims
// the chosen PVs, annotates claims to provision with volume.kubernetes.io/selected-node, and
// waits for the claims to be bound.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { labelSelectorAsSelector } from "../../meta/labels.js";
import { parseQuantity } from "../../meta/quantity.js";
import { nodeSelectorTermsMatch } from "../node-selector.js";
import { SKIP, SUCCESS, unresolvable, type CycleContext, type NodeInfo, type NodeSelectorTerm, type Plugin } from "../types.js";

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict";
export const ERR_REASON_NOT_ENOUGH_SPACE = "node(s) did not have enough free storage";
export const ERR_REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
export const ERR_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
export const SELECTED_NODE_ANNOTATION = "volume.kubernetes.io/selected-node";
export const NO_PROVISIONER = "kubernetes.io/no-provisioner";

type PVC = KObject & { spec?: { volumeName?: string; storageClassName?: string; accessModes?: string[]; volumeMode?: string; resources?: { requests?: { storage?: string } }; selector?: unknown }; status?: { phase?: string } };
type PV = KObject & {
  spec?: { storageClassName?: string; accessModes?: string[]; volumeMode?: string; capacity?: { storage?: string }; claimRef?: { namespace?: string; name?: string; uid?: string }; nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } };
  status?: { phase?: string };
};

/** What the node would take: PVs to claim and claims to provision. */
export interface PodVolumes {
  bindings: { pvc: PVC; pv: PV }[];
  provisions: PVC[];
}

interface State {
  bound: PVC[];
  delayed: PVC[];
  perNode: Map<string, PodVolumes>;
}
const STATE_KEY = "PreFilterVolumeBinding";

const className = (pvc: PVC) => pvc.spec?.storageClassName ?? "";
const bytes = (s: string | undefined) => {
  try {
    return s === undefined ? 0 : Number(parseQuantity(s).nanos / 1_000_000_000n);
  } catch {
    return 0;
  }
};

function pvNodeMatches(pv: PV, n: NodeInfo): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  return !terms || nodeSelectorTermsMatch(terms, n.node);
}

// pkg/controller/volume/persistentvolume/util (FindMatchingVolume), the smallest fitting PV.
function findMatchingVolume(c: CycleContext, pvc: PVC, n: NodeInfo, taken: Set<string>): PV | undefined {
  const want = bytes(pvc.spec?.resources?.requests?.storage);
  let sel: ReturnType<typeof labelSelectorAsSelector> | undefined;
  try {
    sel = pvc.spec?.selector ? labelSelectorAsSelector(pvc.spec.selector as never) : undefined;
  } catch {
    return undefined;
  }
  let best: PV | undefined;
  for (const pv of c.list(GR.persistentvolumes) as PV[]) {
    const name = pv.metadata?.name ?? "";
    if (taken.has(name) || pv.metadata?.deletionTimestamp) continue;
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.namespace === pvc.metadata?.namespace && ref.name === pvc.metadata?.name && (!ref.uid || ref.uid === pvc.metadata?.uid))) continue;
    if (!ref && pv.status?.phase && pv.status.phase !== "Available") continue;
    if ((pv.spec?.storageClassName ?? "") !== className(pvc)) continue;
    if ((pv.spec?.volumeMode ?? "Filesystem") !== (pvc.spec?.volumeMode ?? "Filesystem")) continue;
    if (!(pvc.spec?.accessModes ?? []).every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
    if (sel && !sel.matches(pv.metadata?.labels ?? {})) continue;
    const size = bytes(pv.spec?.capacity?.storage);
    if (size < want || !pvNodeMatches(pv, n)) continue;
    if (!best || size < bytes(best.spec?.capacity?.storage)) best = pv;
  }
  return best;
}

export const volumeBinding: Plugin = {
  name: "VolumeBinding",
  events: ["NodeAdd", "NodeLabel", "PVC", "PV", "StorageClass"],
  preFilter(c) {
    const pod = c.pod;
    const ns = pod.metadata?.namespace ?? "";
    const s: State = { bound: [], delayed: [], perNode: new Map() };
    let immediate = false;
    let any = false;
    for (const v of pod.spec.volumes ?? []) {
      let claimName: string;
      const ephemeral = !v.persistentVolumeClaim && !!v.ephemeral;
      if (v.persistentVolumeClaim) claimName = v.persistentVolumeClaim.claimName;
      else if (ephemeral) claimName = `${pod.metadata?.name}-${v.name}`;
      else continue;
      any = true;
      const pvc = c.get(GR.persistentvolumeclaims, ns, claimName) as PVC | undefined;
      if (!pvc) {
        return {
          status: unresolvable(ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claimName}"` : `persistentvolumeclaim "${claimName}" not found`),
        };
      }
      if (ephemeral && !pvc.metadata?.ownerReferences?.some((r) => r.controller && r.uid === pod.metadata?.uid)) {
        return { status: unresolvable(`PVC ${ns}/${claimName} was not created for pod ${ns}/${pod.metadata?.name} (pod is not owner)`) };
      }
      if (pvc.metadata?.deletionTimestamp) return { status: unresolvable(`persistentvolumeclaim "${claimName}" is being deleted`) };
      if (pvc.spec?.volumeName) s.bound.push(pvc);
      else {
        const sc = className(pvc) ? c.get(GR.storageclasses, "", className(pvc)) : undefined;
        if ((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === "WaitForFirstConsumer") s.delayed.push(pvc);
        else immediate = true;
      }
    }
    if (!any) return { status: SKIP };
    if (immediate) return { status: unresolvable(ERR_UNBOUND_IMMEDIATE) };
    c.state.set(STATE_KEY, s);
    return { status: SUCCESS };
  },
  filter(c, n) {
    const s = c.state.get(STATE_KEY) as State | undefined;
    if (!s) return SUCCESS;
    const reasons = new Set<string>();
    for (const pvc of s.bound) {
      const pv = c.get(GR.persistentvolumes, "", pvc.spec!.volumeName!) as PV | undefined;
      if (!pv) reasons.add(ERR_REASON_PV_NOT_EXIST);
      else if (!pvNodeMatches(pv, n)) reasons.add(ERR_REASON_NODE_CONFLICT);
    }
    const vols: PodVolumes = { bindings: [], provisions: [] };
    const taken = new Set<string>();
    for (const pvc of s.delayed) {
      const pv = findMatchingVolume(c, pvc, n, taken);
      if (pv) {
        taken.add(pv.metadata!.name!);
        vols.bindings.push({ pvc, pv });
        continue;
      }
      const sc = c.get(GR.storageclasses, "", className(pvc)) as { provisioner?: string; allowedTopologies?: { matchLabelExpressions?: { key: string; values: string[] }[] }[] } | undefined;
      if (!sc || sc.provisioner === NO_PROVISIONER) {
        reasons.add(ERR_REASON_BIND_CONFLICT);
        continue;
      }
      const topo = sc.allowedTopologies ?? [];
      const ok = topo.length === 0 || topo.some((t) => (t.matchLabelExpressions ?? []).every((e) => e.values.includes(n.labels[e.key])));
      if (!ok) reasons.add(ERR_REASON_NODE_CONFLICT);
      else vols.provisions.push(pvc);
    }
    if (reasons.size) return unresolvable(...reasons);
    s.perNode.set(n.name, vols);
    return SUCCESS;
  },
};

/** The volumes to bind or provision for the chosen node (after Filter ran for it). */
export function podVolumesFor(c: CycleContext, node: string): PodVolumes | undefined {
  const s = c.state.get(STATE_KEY) as State | undefined;
  const v = s?.perNode.get(node);
  return v && (v.bindings.length || v.provisions.length) ? v : undefined;
}

/** Whether every claim of the pod is bound (what bindPodVolumes waits for). */
export function podClaimsBound(get: CycleContext["get"], pod: CycleContext["pod"]): boolean {
  const ns = pod.metadata?.namespace ?? "";
  for (const v of pod.spec.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName ?? (v.ephemeral ? `${pod.metadata?.name}-${v.name}` : undefined);
    if (!name) continue;
    const pvc = get(GR.persistentvolumeclaims, ns, name) as PVC | undefined;
    if (!pvc?.spec?.volumeName || pvc.status?.phase !== "Bound") return false;
  }
  return true;
}

// Owner references and the claim (adopt / release) step every controller runs before it counts
// its objects. Upstream: k8s.io/apimachinery metav1.GetControllerOf/NewControllerRef and
// pkg/controller/controller_ref_manager.go (ClaimObject, AdoptPod, ReleasePod).
import type { KObject, OwnerReference } from "../../api/types.js";
import type { ClusterClient, GroupResource } from "../../client/types.js";
import type { Selector } from "../../meta/labels.js";
import { isNotFound } from "./base.js";

export function getControllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export function newControllerRef(owner: KObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * ClaimObject for each candidate: keep those we control and still select, adopt matching orphans,
 * release those we control but no longer select. Returns what the owner now controls.
 */
export async function claimObjects(
  client: ClusterClient,
  gr: GroupResource,
  owner: KObject,
  ownerRef: OwnerReference,
  selector: Selector,
  candidates: KObject[],
  canAdopt: () => boolean,
): Promise<KObject[]> {
  const claimed: KObject[] = [];
  const uid = owner.metadata!.uid;
  for (const obj of candidates) {
    const labels = obj.metadata?.labels ?? {};
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (selector.matches(labels)) {
        claimed.push(obj);
        continue;
      }
      if (owner.metadata?.deletionTimestamp) continue;
      await release(client, gr, obj, uid!);
      continue;
    }
    if (owner.metadata?.deletionTimestamp || !selector.matches(labels) || obj.metadata?.deletionTimestamp) continue;
    if (!canAdopt()) continue;
    try {
      const refs = [...(obj.metadata?.ownerReferences ?? []), ownerRef];
      claimed.push(await client.patch(gr, obj.metadata!.namespace ?? "", obj.metadata!.name!, "application/merge-patch+json", { metadata: { ownerReferences: refs, uid: obj.metadata!.uid } }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  return claimed;
}

async function release(client: ClusterClient, gr: GroupResource, obj: KObject, ownerUid: string): Promise<void> {
  const refs = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  try {
    await client.patch(gr, obj.metadata!.namespace ?? "", obj.metadata!.name!, "application/merge-patch+json", {
      metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata!.uid },
    });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

// STAND-IN for kube-controller-manager's bootstrapsigner controller (pkg/controller/bootstrap/
// bootstrapsigner.go), which the lab does not run yet: it keeps one `jws-kubeconfig-<token id>`
// entry in kube-public/cluster-info per bootstrap token Secret with usage-bootstrap-signing, so
// that `kubeadm join` with a token from `kubeadm token create` passes discovery. Called by
// `kubeadm token create|delete`; tokens made another way (kubectl) are not signed. Replace by
// the controller when it exists.
import { computeDetachedSignature } from "../../../cluster/bootstrap/kubeadm.js";
import type { ClusterClient } from "../../../cluster/client/types.js";
import { GR } from "../../../cluster/client/types.js";

const JWS_PREFIX = "jws-kubeconfig-";

/** Adds (secret given) or removes (undefined) the token's signature; a missing cluster-info is left alone. */
export async function signClusterInfo(client: ClusterClient, tokenId: string, tokenSecret: string | undefined): Promise<void> {
  const cm = client.get(GR.configmaps, "kube-public", "cluster-info");
  if (!cm) return;
  const data: Record<string, string> = Object.assign(Object.create(null), (cm.data ?? {}) as Record<string, string>);
  if (tokenSecret === undefined) {
    if (!(JWS_PREFIX + tokenId in data)) return;
    delete data[JWS_PREFIX + tokenId];
  } else {
    if (data.kubeconfig === undefined) return;
    const sig = computeDetachedSignature(data.kubeconfig, tokenId, tokenSecret);
    if (data[JWS_PREFIX + tokenId] === sig) return;
    data[JWS_PREFIX + tokenId] = sig;
  }
  try {
    await client.update(GR.configmaps, { ...structuredClone(cm), data: { ...data } });
  } catch {
    // The controller would retry on its next sync; the stand-in has none, and a lost race only
    // means the student creates the token again.
  }
}

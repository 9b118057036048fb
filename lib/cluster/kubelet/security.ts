// The security settings the kubelet sends to the runtime for one container, following
// pkg/kubelet/kuberuntime/security_context.go (determineEffectiveSecurityContext) and
// pkg/securitycontext/util.go (DetermineEffectiveSecurityContext): container-level fields win
// over the pod's; the supplemental groups are the pod's supplementalGroups plus its fsGroup.
import type { KObject } from "../api/types.js";

export interface EffectiveSecurity {
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  readonlyRootfs?: boolean;
  privileged?: boolean;
}

interface SecurityFields {
  runAsUser?: number;
  runAsGroup?: number;
  readOnlyRootFilesystem?: boolean;
  privileged?: boolean;
}

export function effectiveSecurity(pod: KObject, container: { securityContext?: SecurityFields }): EffectiveSecurity {
  const podSc = ((pod.spec as { securityContext?: SecurityFields & { fsGroup?: number; supplementalGroups?: number[] } })?.securityContext ?? {});
  const sc = container.securityContext ?? {};
  const out: EffectiveSecurity = {};
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  const runAsGroup = sc.runAsGroup ?? podSc.runAsGroup;
  if (runAsUser !== undefined) out.runAsUser = runAsUser;
  if (runAsGroup !== undefined) out.runAsGroup = runAsGroup;
  const groups = [...(podSc.supplementalGroups ?? []), ...(podSc.fsGroup !== undefined ? [podSc.fsGroup] : [])];
  if (groups.length) out.supplementalGroups = groups;
  if (sc.readOnlyRootFilesystem) out.readonlyRootfs = true;
  if (sc.privileged) out.privileged = true;
  return out;
}

// phases/upgrade/policy.go EnforceVersionPolicies: which target versions `upgrade apply`
// refuses (Mandatory), and which only --force lets through (Skippable). The minimum-version
// message names the cluster version, as upstream's does.
import { compareVersions, parse } from "../releases";

/** constants.MinimumControlPlaneVersion for kubeadm v1.32 (v1.31.0) and v1.33 (v1.32.0). */
const MINIMUM_CONTROL_PLANE_MINOR: Record<number, number> = { 32: 31, 33: 32 };
/** MaximumAllowedMinorVersionKubeletSkew since v1.28. */
const KUBELET_SKEW = 3;

export interface SkewErrors {
  mandatory: string[];
  skippable: string[];
}

export function enforceVersionPolicies(target: string, clusterVersion: string, kubeadmVersion: string, kubeletVersions: string[]): SkewErrors {
  const errs: SkewErrors = { mandatory: [], skippable: [] };
  const t = parse(target);
  const c = parse(clusterVersion);
  const k = parse(kubeadmVersion);
  const minMinor = MINIMUM_CONTROL_PLANE_MINOR[k.minor] ?? k.minor - 1;
  if (t.major === 1 && t.minor <= minMinor && !(t.minor === minMinor && t.patch > 0)) {
    errs.mandatory.push(`Specified version to upgrade to "${target}" is equal to or lower than the minimum supported version "${clusterVersion}". Please specify a higher version to upgrade to`);
  }
  if (t.minor > c.minor + 1) errs.mandatory.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (t.minor < c.minor - 1) errs.mandatory.push(`Specified version to downgrade to "${target}" is too low; kubeadm can downgrade only 1 minor version at a time`);
  if (compareVersions(kubeadmVersion, target) < 0) {
    if (t.minor > k.minor) errs.mandatory.push(`Specified version to upgrade to "${target}" is at least one minor release higher than the kubeadm minor release (${t.minor} > ${k.minor}). Such an upgrade is not supported`);
    else errs.skippable.push(`Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadmVersion}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  }
  if (k.major > t.major || k.minor > t.minor) errs.skippable.push(`Kubeadm version ${kubeadmVersion} can only be used to upgrade to Kubernetes version ${k.major}.${k.minor}`);
  const tooOld = [...new Set(kubeletVersions)].filter((v) => t.minor > parse(v).minor + KUBELET_SKEW);
  if (tooOld.length) errs.skippable.push(`There are kubelets in this cluster that are too old that have these versions [${tooOld.join(" ")}]`);
  return errs;
}

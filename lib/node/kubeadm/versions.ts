// What differs between Kubernetes minors, as data keyed by version (docs/architecture.md
// "Versions"). Values follow cmd/kubeadm/app/constants/constants.go of each release branch.

export interface KubeadmVersionData {
  kubernetesVersion: string;
  /** SupportedEtcdVersion[minor] as the kubeadm release pins it. */
  etcdImageTag: string;
  /** PauseVersion. */
  pauseImageTag: string;
  /** CoreDNSVersion. */
  corednsImageTag: string;
  /** The pkgs.k8s.io channel, e.g. "v1.32". */
  aptChannel: string;
  /** The deb package version apt installs, e.g. "1.32.3-1.1". */
  debVersion: string;
}

export const IMAGE_REPOSITORY = "registry.k8s.io";

export const KUBEADM_VERSIONS: ReadonlyMap<string, KubeadmVersionData> = new Map([
  [
    "v1.32.3",
    {
      kubernetesVersion: "v1.32.3",
      etcdImageTag: "3.5.16-0",
      pauseImageTag: "3.10",
      corednsImageTag: "v1.11.3",
      aptChannel: "v1.32",
      debVersion: "1.32.3-1.1",
    },
  ],
]);

export function versionData(version: string): KubeadmVersionData {
  const data = KUBEADM_VERSIONS.get(version);
  if (!data) throw new Error(`no kubeadm data for Kubernetes ${version}`);
  return data;
}

export function kubernetesImage(component: string, version: string): string {
  return `${IMAGE_REPOSITORY}/${component}:${version}`;
}

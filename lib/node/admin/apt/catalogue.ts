// What the pkgs.k8s.io repositories offer, per minor channel (core:/stable:/v1.XX/deb), as far
// as Drydock has binaries and images for it (docs/cluster-spec.md "Images"): the deb versions
// follow the repository's "<x.y.z>-1.1" scheme. Sizes are stand-ins of the right magnitude;
// Installed-Size is the same for every version of a package, so an upgrade needs "0 B" more.

export interface DebPackage {
  name: string;
  version: string;
  /** Size of the .deb, bytes (apt's "Need to get"). */
  size: number;
  /** Installed-Size, KiB (dpkg status, "After this operation"). */
  installedSize: number;
  description: string;
  depends?: string;
}

export interface Channel {
  /** "v1.32" */
  minor: string;
  packages: DebPackage[];
}

const DESCRIPTIONS: Record<string, string> = {
  kubeadm: "Command-line utility for administering a Kubernetes cluster",
  kubectl: "Command-line utility for interacting with a Kubernetes cluster",
  kubelet: "Node agent for Kubernetes clusters",
  "cri-tools": "Command-line utility for interacting with a container runtime",
  "kubernetes-cni": "Binaries required to provision kubernetes container networking",
};

function kubePackages(patches: string[], sizes: { kubeadm: number; kubectl: number; kubelet: number }): DebPackage[] {
  const out: DebPackage[] = [];
  for (const v of patches) {
    const version = `${v}-1.1`;
    out.push({ name: "kubeadm", version, size: sizes.kubeadm, installedSize: 37_824, description: DESCRIPTIONS.kubeadm, depends: "cri-tools (>= 1.30.0)" });
    out.push({ name: "kubectl", version, size: sizes.kubectl, installedSize: 54_532, description: DESCRIPTIONS.kubectl });
    out.push({ name: "kubelet", version, size: sizes.kubelet, installedSize: 61_776, description: DESCRIPTIONS.kubelet, depends: "iptables (>= 1.4.21), kubernetes-cni (>= 1.1.1), iproute2, socat, util-linux, mount, ebtables, ethtool, conntrack" });
  }
  return out;
}

export const CHANNELS: ReadonlyMap<string, Channel> = new Map([
  [
    "v1.32",
    {
      minor: "v1.32",
      packages: [
        ...kubePackages(["1.32.0", "1.32.1", "1.32.2", "1.32.3"], { kubeadm: 12_200_000, kubectl: 11_200_000, kubelet: 15_200_000 }),
        { name: "cri-tools", version: "1.32.0-1.1", size: 16_200_000, installedSize: 77_612, description: DESCRIPTIONS["cri-tools"] },
        { name: "kubernetes-cni", version: "1.6.0-1.1", size: 36_900_000, installedSize: 126_072, description: DESCRIPTIONS["kubernetes-cni"] },
      ],
    },
  ],
  [
    "v1.33",
    {
      minor: "v1.33",
      packages: [
        ...kubePackages(["1.33.0"], { kubeadm: 12_700_000, kubectl: 11_700_000, kubelet: 15_700_000 }),
        { name: "cri-tools", version: "1.33.0-1.1", size: 16_900_000, installedSize: 77_612, description: DESCRIPTIONS["cri-tools"] },
        { name: "kubernetes-cni", version: "1.6.0-1.1", size: 36_900_000, installedSize: 126_072, description: DESCRIPTIONS["kubernetes-cni"] },
      ],
    },
  ],
]);

/** The packages pkgs.k8s.io carries (anything else is an Ubuntu package Drydock does not simulate). */
export const KUBE_PACKAGE_NAMES = ["cri-tools", "kubeadm", "kubectl", "kubelet", "kubernetes-cni"] as const;

/** "1.32.3-1.1" → "v1.32.3": the Kubernetes version a kube deb carries. */
export function debToKubeVersion(deb: string): string {
  return "v" + deb.replace(/-[^-]*$/, "");
}

export function kubeToDebVersion(version: string): string {
  return `${version.replace(/^v/, "")}-1.1`;
}

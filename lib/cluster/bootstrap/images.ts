// The images of a fresh lab, as containerd reports them (Pod.status.containerStatuses[].image and
// imageID, Node.status.images). Digests marked "published" are copied from the add-ons' official
// manifests; the others are stand-ins derived from the reference (KNOWN_GAPS: real digests).

import { createHash } from "node:crypto";
import { KUBERNETES_VERSION } from "./topology";

export const IMAGES = {
  kubeApiserver: `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`,
  kubeControllerManager: `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`,
  kubeScheduler: `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`,
  kubeProxy: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
  etcd: "registry.k8s.io/etcd:3.5.16-0",
  coredns: "registry.k8s.io/coredns/coredns:v1.11.3",
  pause: "registry.k8s.io/pause:3.10",
  calicoNode: "docker.io/calico/node:v3.29.2",
  calicoCni: "docker.io/calico/cni:v3.29.2",
  calicoKubeControllers: "docker.io/calico/kube-controllers:v3.29.2",
  metricsServer: "registry.k8s.io/metrics-server/metrics-server:v0.7.2",
  ingressController:
    "registry.k8s.io/ingress-nginx/controller:v1.12.1@sha256:d2fbc4ec70d8aa2050dd91a91506e998765e86c96f32cffb56c503c9c34eed5b",
  webhookCertgen:
    "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.2@sha256:e8825994b7a2c7497375a9b945f386506ca6a3eda80b89b74ef2db743f66a5ea",
  localPath: "rancher/local-path-provisioner:v0.0.30",
  ngf: "ghcr.io/nginx/nginx-gateway-fabric:1.6.2",
  ngfNginx: "ghcr.io/nginx/nginx-gateway-fabric/nginx:1.6.2",
} as const;

/** Approximate unpacked sizes (bytes) as containerd lists them in Node.status.images. */
const SIZES: Record<string, number> = {
  [IMAGES.kubeApiserver]: 28670731,
  [IMAGES.kubeControllerManager]: 26259392,
  [IMAGES.kubeScheduler]: 20657902,
  [IMAGES.kubeProxy]: 30917765,
  [IMAGES.etcd]: 57680541,
  [IMAGES.coredns]: 18562039,
  [IMAGES.pause]: 320368,
  [IMAGES.calicoNode]: 140483365,
  [IMAGES.calicoCni]: 99266165,
  [IMAGES.calicoKubeControllers]: 35610302,
  [IMAGES.metricsServer]: 19494617,
  [IMAGES.ingressController]: 105916425,
  [IMAGES.webhookCertgen]: 28995425,
  [IMAGES.localPath]: 20718316,
  [IMAGES.ngf]: 28345674,
  [IMAGES.ngfNginx]: 24962581,
};

/** containerd's normalised name: docker.io/ for Docker Hub, library/ for official images. */
export function normalizeImage(ref: string): string {
  const first = ref.split("/")[0];
  const hasRegistry = ref.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return ref;
  return ref.includes("/") ? `docker.io/${ref}` : `docker.io/library/${ref}`;
}

function repository(ref: string): string {
  const noDigest = normalizeImage(ref).split("@")[0];
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The repo digest of an image (sha256:<64 hex>). */
export function imageDigest(ref: string): string {
  const at = ref.indexOf("@");
  if (at >= 0) return ref.slice(at + 1);
  return "sha256:" + createHash("sha256").update(`drydock-repo-digest:${normalizeImage(ref)}`).digest("hex");
}

/** The local image id (config digest) containerd reports as the image's id. */
export function imageConfigID(ref: string): string {
  return "sha256:" + createHash("sha256").update(`drydock-image-id:${normalizeImage(ref)}`).digest("hex");
}

/** What a running container's status says: image and imageID. */
export function containerImageStatus(ref: string): { image: string; imageID: string } {
  const norm = normalizeImage(ref);
  const image = norm.includes("@") ? `${repository(ref)}@${imageDigest(ref)}` : norm;
  return { image, imageID: `${repository(ref)}@${imageDigest(ref)}` };
}

/** One entry of Node.status.images. */
export function nodeImageEntry(ref: string): { names: string[]; sizeBytes: number } {
  const norm = normalizeImage(ref);
  const names = [`${repository(ref)}@${imageDigest(ref)}`];
  const tagged = norm.split("@")[0];
  if (tagged !== repository(ref)) names.push(tagged);
  return { names, sizeBytes: SIZES[ref] ?? 10000000 };
}

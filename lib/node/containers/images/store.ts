// containerd's image store on one node (the CRI ImageService): pulls resolve against the
// catalogue and take time proportional to the image's size; failures carry containerd's
// messages (containerd/internal/cri/server/images/image_pull.go wraps the resolver's error in
// `failed to pull and unpack image %q: failed to resolve reference %q: ...`).
import { imageConfigID, imageDigest } from "../../../cluster/bootstrap/images.js";
import type { Time } from "../../../cluster/runtime/timers.js";
import { ImagePullError, type ImageInfo } from "../../cri/types.js";
import { findCatalogueEntry, KNOWN_REGISTRIES, repositoryExists, type CatalogueEntry } from "./catalogue.js";
import { formatReference, InvalidReferenceError, parseReference, repositoryOf, type ImageReference } from "./reference.js";

/** Download + unpack speed of the lab's "registry mirror": nginx (72 MB) takes about 3.4 s. */
export const PULL_BYTES_PER_SECOND = 25_000_000;
export const PULL_BASE_MS = 500;

export interface StoredImage extends ImageInfo {
  entry: CatalogueEntry;
  /** All tags that point at this image (RepoTags). */
  repoTags: string[];
}

export class ImageStore {
  private images = new Map<string, StoredImage>(); // by id
  private inflight = new Map<string, Promise<ImageInfo>>();

  constructor(private readonly time: Time) {}

  /** Puts images on the node without a pull (the fresh cluster's images, from kubeadm's pre-pull). */
  preload(refs: string[]): void {
    for (const r of refs) this.add(this.resolve(r));
  }

  /** Where a reference leads, or an ImagePullError with containerd's text. */
  resolve(image: string): { ref: ImageReference; entry: CatalogueEntry } {
    let ref: ImageReference;
    try {
      ref = parseReference(image);
    } catch (e) {
      const msg = e instanceof InvalidReferenceError ? e.message : String(e);
      throw new ImagePullError(`failed to pull and unpack image "${image}": ${msg}`, "invalid-name");
    }
    const full = formatReference(ref);
    const repo = repositoryOf(ref);
    const prefix = `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
    if (!KNOWN_REGISTRIES.has(ref.domain)) {
      const what = ref.digest ?? ref.tag;
      throw new ImagePullError(
        `${prefix}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${what}": dial tcp: lookup ${ref.domain.replace(/:\d+$/, "")}: no such host`,
        "network",
      );
    }
    if (!repositoryExists(repo)) {
      if (ref.domain === "docker.io") {
        throw new ImagePullError(
          `${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
          "unauthorized",
        );
      }
      throw new ImagePullError(`${prefix}: ${full}: not found`, "not-found");
    }
    const entry = ref.tag ? findCatalogueEntry(repo, ref.tag) : this.byDigest(repo, ref.digest!);
    if (!entry) throw new ImagePullError(`${prefix}: ${full}: not found`, "not-found");
    return { ref, entry };
  }

  private byDigest(repo: string, digest: string): CatalogueEntry | undefined {
    for (const img of this.images.values()) if (img.repoDigest === `${repo}@${digest}`) return img.entry;
    return undefined;
  }

  /** Resolves after the pull time; a second pull of a present image is instant (IfNotPresent is the kubelet's choice). */
  pull(image: string): Promise<ImageInfo> {
    const key = image;
    const running = this.inflight.get(key);
    if (running) return running;
    let resolved: { ref: ImageReference; entry: CatalogueEntry };
    try {
      resolved = this.resolve(image);
    } catch (e) {
      // containerd answers a failed resolve after a registry round trip, not at once.
      return new Promise((_, reject) => this.time.after(300, () => reject(e)));
    }
    const ms = PULL_BASE_MS + Math.round((resolved.entry.size / PULL_BYTES_PER_SECOND) * 1000);
    const p = new Promise<ImageInfo>((resolve) => {
      this.time.after(ms, () => {
        this.inflight.delete(key);
        resolve(this.add(resolved));
      });
    });
    this.inflight.set(key, p);
    return p;
  }

  private add({ ref, entry }: { ref: ImageReference; entry: CatalogueEntry }): StoredImage {
    const full = formatReference(ref);
    const repo = repositoryOf(ref);
    const id = imageConfigID(full);
    const tagged = ref.tag ? `${repo}:${ref.tag}` : undefined;
    const existing = this.images.get(id);
    if (existing) {
      if (tagged && !existing.repoTags.includes(tagged)) existing.repoTags.push(tagged);
      return existing;
    }
    const img: StoredImage = {
      ref: tagged ?? `${repo}@${ref.digest}`,
      id,
      repoDigest: `${repo}@${ref.digest ?? imageDigest(full)}`,
      size: entry.size,
      entry,
      repoTags: tagged ? [tagged] : [],
    };
    this.images.set(id, img);
    return img;
  }

  /** By reference (any spelling), by id or by a prefix of the id as crictl accepts. */
  find(image: string): StoredImage | undefined {
    const hex = image.replace(/^sha256:/, "");
    if (/^[0-9a-f]{4,64}$/.test(hex)) {
      const matches = [...this.images.values()].filter((i) => i.id.slice(7).startsWith(hex));
      if (matches.length === 1) return matches[0];
    }
    let full: string;
    try {
      full = formatReference(parseReference(image));
    } catch {
      return undefined;
    }
    for (const img of this.images.values()) {
      if (img.repoTags.includes(full) || img.repoDigest === full || img.ref === full) return img;
      const [repo, digest] = img.repoDigest.split("@");
      if (full === `${repo}@${digest}` || full.endsWith(`@${digest}`)) return img;
    }
    return undefined;
  }

  list(): StoredImage[] {
    return [...this.images.values()];
  }

  remove(image: string): boolean {
    const img = this.find(image);
    if (!img) return false;
    this.images.delete(img.id);
    return true;
  }
}

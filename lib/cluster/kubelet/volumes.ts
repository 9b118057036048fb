// Volumes as the kubelet's volume plugins present them to the runtime (pkg/volume/{configmap,
// secret,downwardapi,projected,hostpath,emptydir}): projected content becomes a file map, host
// directories become paths under the node's tree. The error texts are the plugins' own; the
// kubelet wraps them as `MountVolume.SetUp failed for volume "<name>" : <error>` (FailedMount).
import type { KObject } from "../api/types.js";
import { formatMap, podFieldValue, resourceFieldValue } from "./env.js";
import type { DownwardAPIVolumeFile, KeyToPath, Pod, Volume } from "./types.js";

export type FileMap = Map<string, { data: Buffer; mode: number }>;

/** volume.DefaultMode of configMap/secret/downwardAPI/projected volumes (0644). */
export const DEFAULT_MODE = 0o644;

export class MountError extends Error {}

export interface VolumeSources {
  configMap(namespace: string, name: string): KObject | undefined;
  secret(namespace: string, name: string): KObject | undefined;
  /** The bound service-account token for a projected serviceAccountToken source. */
  token(audience: string | undefined, expirationSeconds: number): string;
  hostIP: string;
  podIP: string;
  nodeAllocatable: Record<string, string>;
}

/** The pod's volume directory for plugin-backed volumes: /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~<plugin>/<name>. */
export function podVolumeDir(podUID: string, plugin: string, name: string): string {
  return `/var/lib/kubelet/pods/${podUID}/volumes/kubernetes.io~${plugin}/${name}`;
}

function put(out: FileMap, path: string, data: Buffer, mode: number) {
  out.set(path, { data, mode });
}

function keyData(obj: KObject, kind: "configmap" | "secret"): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  if (kind === "configmap") {
    for (const [k, v] of Object.entries((obj.data as Record<string, string>) ?? {})) m.set(k, Buffer.from(v));
    for (const [k, v] of Object.entries((obj.binaryData as Record<string, string>) ?? {})) m.set(k, Buffer.from(v, "base64"));
  } else {
    for (const [k, v] of Object.entries((obj.data as Record<string, string>) ?? {})) m.set(k, Buffer.from(v, "base64"));
  }
  return m;
}

/** MakePayload of the configmap and secret plugins. */
function keysPayload(
  out: FileMap,
  data: Map<string, Buffer>,
  items: KeyToPath[] | undefined,
  defaultMode: number,
  kind: "configmap" | "secret",
  optional: boolean,
) {
  if (!items?.length) {
    for (const [k, v] of data) put(out, k, v, defaultMode);
    return;
  }
  for (const it of items) {
    const v = data.get(it.key);
    if (!v) {
      if (optional) continue;
      throw new MountError(kind === "configmap" ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`);
    }
    put(out, it.path, v, it.mode ?? defaultMode);
  }
}

function downwardPayload(out: FileMap, pod: Pod, items: DownwardAPIVolumeFile[], defaultMode: number, src: VolumeSources) {
  for (const it of items) {
    let text = "";
    if (it.fieldRef) {
      const fp = it.fieldRef.fieldPath;
      text = fp === "metadata.labels" || fp === "metadata.annotations" ? formatMap((fp === "metadata.labels" ? pod.metadata?.labels : pod.metadata?.annotations) ?? {}) : podFieldValue(pod, fp, src);
    } else if (it.resourceFieldRef) {
      const c = pod.spec.containers.find((x) => x.name === it.resourceFieldRef!.containerName) ?? pod.spec.containers[0];
      text = resourceFieldValue(pod, c, it.resourceFieldRef, src.nodeAllocatable);
    }
    put(out, it.path, Buffer.from(text), it.mode ?? defaultMode);
  }
}

/** The files of a configMap, secret, downwardAPI or projected volume; undefined for other volume types. */
export function projectVolume(pod: Pod, vol: Volume, src: VolumeSources): FileMap | undefined {
  const ns = pod.metadata?.namespace ?? "default";
  const out: FileMap = new Map();
  if (vol.configMap) {
    const cm = src.configMap(ns, vol.configMap.name);
    if (!cm) {
      if (vol.configMap.optional) return out;
      throw new MountError(`configmap "${vol.configMap.name}" not found`);
    }
    keysPayload(out, keyData(cm, "configmap"), vol.configMap.items, vol.configMap.defaultMode ?? DEFAULT_MODE, "configmap", !!vol.configMap.optional);
    return out;
  }
  if (vol.secret) {
    const s = src.secret(ns, vol.secret.secretName);
    if (!s) {
      if (vol.secret.optional) return out;
      throw new MountError(`secret "${vol.secret.secretName}" not found`);
    }
    keysPayload(out, keyData(s, "secret"), vol.secret.items, vol.secret.defaultMode ?? DEFAULT_MODE, "secret", !!vol.secret.optional);
    return out;
  }
  if (vol.downwardAPI) {
    downwardPayload(out, pod, vol.downwardAPI.items ?? [], vol.downwardAPI.defaultMode ?? DEFAULT_MODE, src);
    return out;
  }
  if (vol.projected) {
    const mode = vol.projected.defaultMode ?? DEFAULT_MODE;
    for (const s of vol.projected.sources ?? []) {
      if (s.configMap) {
        const cm = src.configMap(ns, s.configMap.name);
        if (!cm) {
          if (s.configMap.optional) continue;
          throw new MountError(`configmap "${s.configMap.name}" not found`);
        }
        keysPayload(out, keyData(cm, "configmap"), s.configMap.items, mode, "configmap", !!s.configMap.optional);
      } else if (s.secret) {
        const sec = src.secret(ns, s.secret.name);
        if (!sec) {
          if (s.secret.optional) continue;
          throw new MountError(`secret "${s.secret.name}" not found`);
        }
        keysPayload(out, keyData(sec, "secret"), s.secret.items, mode, "secret", !!s.secret.optional);
      } else if (s.downwardAPI) {
        downwardPayload(out, pod, s.downwardAPI.items ?? [], mode, src);
      } else if (s.serviceAccountToken) {
        // The projected plugin writes the token 0600 unless defaultMode says otherwise (upstream
        // uses the volume's mode; kube-api-access volumes are 0644).
        put(out, s.serviceAccountToken.path, Buffer.from(src.token(s.serviceAccountToken.audience, s.serviceAccountToken.expirationSeconds ?? 3600)), mode);
      }
    }
    return out;
  }
  return undefined;
}

/** What a stat of the hostPath shows, for checkType. */
export interface PathInfo {
  exists: boolean;
  isDir?: boolean;
  isFile?: boolean;
  isSocket?: boolean;
  isCharDevice?: boolean;
  isBlockDevice?: boolean;
}

/** hostpath checkTypeInternal: "create" asks the caller to make the directory (0755) or empty file (0644). */
export function checkHostPathType(path: string, type: string | undefined, info: PathInfo): "ok" | "create-dir" | "create-file" | MountError {
  const fail = (what: string) => new MountError(`hostPath type check failed: ${path} is not a ${what}`);
  switch (type ?? "") {
    case "":
      return "ok";
    case "DirectoryOrCreate":
      if (!info.exists) return "create-dir";
      return info.isDir ? "ok" : fail("directory");
    case "Directory":
      return info.exists && info.isDir ? "ok" : fail("directory");
    case "FileOrCreate":
      if (!info.exists) return "create-file";
      return info.isFile ? "ok" : fail("file");
    case "File":
      return info.exists && info.isFile ? "ok" : fail("file");
    case "Socket":
      return info.exists && info.isSocket ? "ok" : fail("socket file");
    case "CharDevice":
      return info.exists && info.isCharDevice ? "ok" : fail("character device");
    case "BlockDevice":
      return info.exists && info.isBlockDevice ? "ok" : fail("block device");
  }
  return new MountError(`invalid HostPathType: ${type}`);
}

/** The kubelet's FailedMount event text. */
export function failedMountMessage(volume: string, err: string): string {
  return `MountVolume.SetUp failed for volume "${volume}" : ${err}`;
}

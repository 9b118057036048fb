// Static pods from the kubelet's manifest directory, as pkg/kubelet/config/file.go (one pod per
// file, YAML or JSON, hidden files skipped) and common.go applyDefaults (name "<pod>-<node>",
// uid = hash of the pod, node and file; config annotations; a NoExecute toleration), plus the
// mirror pod the kubelet creates for each (pkg/kubelet/pod/mirror_client.go).
import { createHash } from "node:crypto";
import YAML from "yaml";
import type { KObject } from "../api/types.js";
import type { Pod } from "./types.js";

export const CONFIG_HASH = "kubernetes.io/config.hash";
export const CONFIG_MIRROR = "kubernetes.io/config.mirror";
export const CONFIG_SEEN = "kubernetes.io/config.seen";
export const CONFIG_SOURCE = "kubernetes.io/config.source";

export class ManifestDecodeError extends Error {}

/** file.go ignores dot files and (since v1.30) files the sync would trip on. */
export function isManifestFile(name: string): boolean {
  return !name.startsWith(".");
}

/** time.Time.String()-free RFC3339Nano, as config.seen shows: 2026-01-01T00:00:00.123456789Z. */
function rfc3339Nano(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const base = d.toISOString().slice(0, 19);
  return ms ? `${base}.${String(ms).padStart(3, "0").replace(/0+$/, "")}Z` : `${base}Z`;
}

/** Decodes one manifest and applies the file source's defaults. */
export function decodeStaticPod(text: string, file: string, nodeName: string, seen: Date): Pod {
  let obj: unknown;
  try {
    obj = YAML.parse(text);
  } catch (e) {
    const m = /at line (\d+)/.exec((e as Error).message);
    throw new ManifestDecodeError(`${file}: couldn't parse as pod(yaml: line ${m ? m[1] : 1}: could not find expected ':'), please check config file`);
  }
  if (!obj || typeof obj !== "object") throw new ManifestDecodeError(`${file}: couldn't parse as pod(Object 'Kind' is missing in '${String(obj ?? "")}'), please check config file`);
  const pod = structuredClone(obj) as Pod;
  if (pod.kind !== "Pod") {
    throw new ManifestDecodeError(`${file}: couldn't parse as pod(Object 'Kind' is missing in '${JSON.stringify(obj)}'), please check config file`);
  }
  if (!pod.spec || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) {
    throw new ManifestDecodeError(`invalid pod: [spec.containers: Required value]`);
  }
  if (!pod.metadata?.name) throw new ManifestDecodeError(`invalid pod: [metadata.name: Required value: name or generateName is required]`);
  const m = pod.metadata;
  const hasher = createHash("md5");
  hasher.update(JSON.stringify(pod));
  hasher.update(`host:${nodeName}`);
  hasher.update(`file:${file}`);
  const hash = hasher.digest("hex");
  m.uid = hash;
  m.name = `${m.name}-${nodeName}`;
  m.namespace ||= "default";
  m.annotations = { ...(m.annotations ?? {}), [CONFIG_HASH]: hash, [CONFIG_SEEN]: rfc3339Nano(seen), [CONFIG_SOURCE]: "file" };
  pod.spec.nodeName = nodeName;
  pod.spec.restartPolicy ??= "Always";
  pod.spec.dnsPolicy ??= "ClusterFirst";
  pod.spec.terminationGracePeriodSeconds ??= 30;
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: "Exists", effect: "NoExecute" }];
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    c.imagePullPolicy ??= c.image && (c.image.endsWith(":latest") || !/:[^/]+$/.test(c.image.split("@")[0])) ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
  }
  return pod;
}

/** The mirror pod posted to the API for a static pod. */
export function mirrorPod(pod: Pod, node: { name: string; uid: string }): KObject {
  const m = structuredClone(pod);
  const meta = m.metadata!;
  delete meta.uid;
  delete meta.resourceVersion;
  meta.annotations = { ...(meta.annotations ?? {}), [CONFIG_MIRROR]: meta.annotations?.[CONFIG_HASH] ?? "" };
  meta.ownerReferences = [{ apiVersion: "v1", kind: "Node", name: node.name, uid: node.uid, controller: true }];
  delete m.status;
  m.apiVersion = "v1";
  m.kind = "Pod";
  return m;
}

export function isMirrorPod(pod: KObject): boolean {
  return !!pod.metadata?.annotations?.[CONFIG_MIRROR];
}

/** The static pod a mirror pod stands for, by its hash. */
export function mirrorHash(pod: KObject): string | undefined {
  return pod.metadata?.annotations?.[CONFIG_MIRROR];
}

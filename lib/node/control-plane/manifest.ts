// Reading a static pod manifest the way the kubelet and the component see it: the pod, its
// first container's command as flags, and hostPath volumes to resolve paths on the node.
import YAML from "yaml";
import type { KObject } from "../../cluster/api/types.js";

export interface StaticPod {
  pod: KObject;
  command: string[];
  flags: Map<string, string>;
  image: string;
}

export class ManifestError extends Error {}

export function parseStaticPod(text: string, file: string): StaticPod {
  let pod: KObject;
  try {
    pod = YAML.parse(text) as KObject;
  } catch (e) {
    throw new ManifestError(`could not process manifest file "${file}": ${(e as Error).message}`);
  }
  if (!pod || typeof pod !== "object" || pod.kind !== "Pod") throw new ManifestError(`could not process manifest file "${file}": invalid pod`);
  const containers = ((pod.spec as { containers?: { command?: string[]; args?: string[]; image?: string }[] })?.containers ?? []);
  const c = containers[0];
  if (!c) throw new ManifestError(`could not process manifest file "${file}": no containers`);
  const command = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  const flags = new Map<string, string>();
  for (const arg of command.slice(1)) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (m) flags.set(m[1], m[2] ?? "true");
  }
  return { pod, command, flags, image: c.image ?? "" };
}

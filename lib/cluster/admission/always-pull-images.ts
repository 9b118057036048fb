// AlwaysPullImages (plugin/pkg/admission/alwayspullimages/admission.go): with the plugin enabled
// (--enable-admission-plugins=...,AlwaysPullImages), every container of a created pod, and of an
// updated pod that brings a new image, pulls Always, so that a node's cached image is never used
// without the pod's credentials being checked.
import type { KObject } from "../api/types";
import type { Container, PodSpec } from "./types";

const containersOf = (spec: PodSpec): Container[] => [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];

/** isUpdateWithNoNewImages: every image of the new pod was already in the old one. */
function noNewImages(pod: KObject, old: KObject): boolean {
  const before = new Set(containersOf((old.spec ?? {}) as PodSpec).map((c) => c.image));
  return containersOf((pod.spec ?? {}) as PodSpec).every((c) => before.has(c.image));
}

/** Admit: the pod with imagePullPolicy Always on all its containers (unchanged when ignored). */
export function admitAlwaysPullImages(pod: KObject, old: KObject | undefined): KObject {
  if (old && noNewImages(pod, old)) return pod;
  const spec = structuredClone((pod.spec ?? {}) as PodSpec);
  for (const list of [spec.initContainers, spec.containers, spec.ephemeralContainers]) {
    for (const c of list ?? []) c.imagePullPolicy = "Always";
  }
  return { ...pod, spec };
}

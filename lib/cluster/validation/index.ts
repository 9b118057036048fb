// Per-kind validation (the Validate / ValidateUpdate of each registry strategy in
// pkg/registry/<group>/<resource>/strategy.go). Metadata is validated by the caller
// (meta/object-meta.ts); this returns the kind's own errors, spec first, in upstream's order.
import type { FieldError, KObject } from "../api/types";
import { validateApps } from "./apps";
import { validateBatch } from "./batch";
import { validateCore } from "./core";
import { objOf, type Obj } from "./helpers";
import { validateMisc } from "./misc";
import { validateNetworking } from "./networking";
import { validatePodCreate, validatePodTemplateSpec } from "./pod";
import { validatePodUpdate } from "./pod-update";
import { validateRBAC } from "./rbac";

/** Every error of obj (old on update) for kind in group, with upstream's paths and details. */
export function validateObject(group: string, kind: string, obj: KObject, old: KObject | undefined): FieldError[] {
  const o = obj as unknown as Obj;
  const prev = old as unknown as Obj | undefined;
  switch (group) {
    case "":
      if (kind === "Pod") return prev ? validatePodUpdate(o, prev) : validatePodCreate(o);
      if (kind === "PodTemplate") return validatePodTemplateSpec(objOf(o.template), "template");
      return validateCore(kind, o, prev) ?? [];
    case "apps":
      return validateApps(kind, o, prev) ?? [];
    case "batch":
      return validateBatch(kind, o, prev) ?? [];
    case "rbac.authorization.k8s.io":
      return validateRBAC(kind, o, prev) ?? [];
    case "networking.k8s.io":
      return validateNetworking(kind, o, prev) ?? [];
    default:
      return validateMisc(group, kind, o, prev) ?? [];
  }
}

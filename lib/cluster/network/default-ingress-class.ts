// The DefaultIngressClass admission plugin's decision (plugin/pkg/admission/network/
// defaultingressclass/admission.go): on CREATE of an Ingress without spec.ingressClassName and
// without the legacy kubernetes.io/ingress.class annotation, set the class marked
// ingressclass.kubernetes.io/is-default-class=true; with several defaults the newest wins
// (ties by name). ingress-nginx itself ignores class-less Ingresses, so this is what makes
// "make nginx the default class, then apply a class-less Ingress" work.
import type { KObject } from "../api/types.js";

export const DEFAULT_INGRESS_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

/** The class name to write into a new Ingress, or undefined to leave it unchanged. */
export function defaultIngressClassFor(ing: KObject, classes: KObject[]): string | undefined {
  if ((ing.spec as { ingressClassName?: string } | undefined)?.ingressClassName) return undefined;
  if (ing.metadata?.annotations?.["kubernetes.io/ingress.class"] !== undefined) return undefined;
  const defaults = classes.filter((c) => c.metadata?.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === "true");
  defaults.sort((a, b) => {
    const ta = Date.parse(a.metadata?.creationTimestamp ?? "") || 0;
    const tb = Date.parse(b.metadata?.creationTimestamp ?? "") || 0;
    return ta !== tb ? tb - ta : (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "");
  });
  return defaults[0]?.metadata?.name;
}

// rbac.authorization.k8s.io/v1 as pkg/apis/rbac/validation/validation.go and the roleRef
// immutability of pkg/registry/rbac/{rolebinding,clusterrolebinding}/strategy.go.
import type { FieldError } from "../api/types";
import { child, index, invalid, notSupported, required } from "../meta/field-errors";
import { validateLabelSelector } from "../meta/labels";
import { nameIsDNSSubdomain, validateNamespaceName } from "../meta/names";
import { arr, deepEqual, objOf, objs, str, type Obj } from "./helpers";

function validatePolicyRule(rule: Obj, isNamespaced: boolean, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (arr(rule.verbs).length === 0) errs.push(required(child(p, "verbs"), "verbs must contain at least one value"));
  const urls = arr(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (isNamespaced) errs.push(invalid(child(p, "nonResourceURLs"), urls.map(String), "namespaced rules cannot apply to non-resource URLs"));
    if (arr(rule.apiGroups).length > 0 || arr(rule.resources).length > 0 || arr(rule.resourceNames).length > 0) {
      errs.push(invalid(child(p, "nonResourceURLs"), urls.map(String), "rules cannot apply to both regular resources and non-resource URLs"));
    }
    return errs;
  }
  if (arr(rule.apiGroups).length === 0) errs.push(required(child(p, "apiGroups"), "resource rules must supply at least one api group"));
  if (arr(rule.resources).length === 0) errs.push(required(child(p, "resources"), "resource rules must supply at least one resource"));
  return errs;
}

function validateRole(obj: Obj, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  objs(obj.rules).forEach((r, i) => errs.push(...validatePolicyRule(r, namespaced, index("rules", i))));
  const ar = objOf(obj.aggregationRule);
  if (ar) {
    const sels = objs(ar.clusterRoleSelectors);
    if (sels.length === 0) errs.push(required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil"));
    sels.forEach((s, i) => errs.push(...validateLabelSelector(s, {}, index("aggregationRule.clusterRoleSelectors", i))));
  }
  return errs;
}

function validateBinding(obj: Obj, old: Obj | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = objOf(obj.roleRef) ?? {};
  if (str(ref.apiGroup) !== "rbac.authorization.k8s.io") errs.push(notSupported("roleRef.apiGroup", str(ref.apiGroup), ["rbac.authorization.k8s.io"]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(str(ref.kind))) errs.push(notSupported("roleRef.kind", str(ref.kind), kinds));
  const name = str(ref.name);
  if (!name) errs.push(required("roleRef.name", ""));
  else for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid("roleRef.name", name, m));
  objs(obj.subjects).forEach((s, i) => {
    const p = index("subjects", i);
    const sname = str(s.name);
    if (!sname) errs.push(required(child(p, "name"), ""));
    switch (s.kind) {
      case "ServiceAccount":
        if (sname) for (const m of nameIsDNSSubdomain(sname, false)) errs.push(invalid(child(p, "name"), sname, m));
        if (str(s.apiGroup) !== "") errs.push(notSupported(child(p, "apiGroup"), str(s.apiGroup), [""]));
        if (!namespaced && !str(s.namespace)) errs.push(required(child(p, "namespace"), ""));
        if (str(s.namespace)) for (const m of validateNamespaceName(str(s.namespace), false)) errs.push(invalid(child(p, "namespace"), str(s.namespace), m));
        break;
      case "User":
      case "Group":
        if (str(s.apiGroup) !== "rbac.authorization.k8s.io") errs.push(notSupported(child(p, "apiGroup"), str(s.apiGroup), ["rbac.authorization.k8s.io"]));
        break;
      default:
        errs.push(notSupported(child(p, "kind"), str(s.kind), ["ServiceAccount", "User", "Group"]));
    }
  });
  if (old && !deepEqual(obj.roleRef, old.roleRef)) errs.push(invalid("roleRef", new RoleRefLiteral(ref), "cannot change roleRef"));
  return errs;
}

import { GoLiteral, goQuote } from "../meta/go-format";
class RoleRefLiteral extends GoLiteral {
  constructor(ref: Obj) {
    super(`rbac.RoleRef{APIGroup:${goQuote(str(ref.apiGroup))}, Kind:${goQuote(str(ref.kind))}, Name:${goQuote(str(ref.name))}}`);
  }
}

export function validateRBAC(kind: string, obj: Obj, old: Obj | undefined): FieldError[] | undefined {
  switch (kind) {
    case "Role": return validateRole(obj, true);
    case "ClusterRole": return validateRole(obj, false);
    case "RoleBinding": return validateBinding(obj, old, true);
    case "ClusterRoleBinding": return validateBinding(obj, old, false);
  }
  return undefined;
}

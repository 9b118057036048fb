// Label and selector formatting. Follows k8s.io/apimachinery/pkg/labels (Set.String,
// FormatLabels, Requirement.String, internalSelector.Add sorting by key) and
// pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, FormatLabelSelector).
import { compareGo, isMap } from "./fields";

/** upstream: labels.Set.String(): sorted "k=v" joined by ",". */
export function labelSetString(labels: unknown): string {
  if (!isMap(labels)) return "";
  return Object.keys(labels)
    .sort(compareGo)
    .map((k) => `${k}=${String(labels[k])}`)
    .join(",");
}

/** upstream: labels.FormatLabels: "<none>" when empty. */
export function formatLabels(labels: unknown): string {
  const s = labelSetString(labels);
  return s === "" ? "<none>" : s;
}

interface Requirement {
  key: string;
  op: "=" | "in" | "notin" | "exists" | "!";
  values: string[];
}

function requirementString(r: Requirement): string {
  switch (r.op) {
    case "!":
      return `!${r.key}`;
    case "exists":
      return r.key;
    case "=":
      return `${r.key}=${r.values[0] ?? ""}`;
    default: {
      // Values print sorted (upstream safeSort) without changing the selector.
      const vals = r.values.length === 1 ? r.values : [...r.values].sort(compareGo);
      return `${r.key} ${r.op} (${vals.join(",")})`;
    }
  }
}

/**
 * upstream: metav1.LabelSelectorAsSelector(ps).String(). Returns undefined when the selector is
 * invalid (an unknown operator); "" for a nil or empty selector.
 */
export function labelSelectorString(selector: unknown): string | undefined {
  if (!isMap(selector)) return "";
  const reqs: Requirement[] = [];
  const matchLabels = isMap(selector.matchLabels) ? selector.matchLabels : {};
  for (const k of Object.keys(matchLabels)) reqs.push({ key: k, op: "=", values: [String(matchLabels[k])] });
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isMap(e)) return undefined;
    const key = typeof e.key === "string" ? e.key : "";
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    switch (e.operator) {
      case "In":
        reqs.push({ key, op: "in", values });
        break;
      case "NotIn":
        reqs.push({ key, op: "notin", values });
        break;
      case "Exists":
        reqs.push({ key, op: "exists", values: [] });
        break;
      case "DoesNotExist":
        reqs.push({ key, op: "!", values: [] });
        break;
      default:
        return undefined;
    }
  }
  // internalSelector.Add sorts requirements by key; Array.prototype.sort is stable.
  reqs.sort((a, b) => compareGo(a.key, b.key));
  return reqs.map(requirementString).join(",");
}

/** upstream: metav1.FormatLabelSelector: "<error>" when invalid, "<none>" when empty. */
export function formatLabelSelector(selector: unknown): string {
  const s = labelSelectorString(selector);
  if (s === undefined) return "<error>";
  return s === "" ? "<none>" : s;
}

/**
 * upstream: (*metav1.LabelSelector).String(), the gogo-protobuf generated Go-syntax form, which
 * the ValidatingAdmissionPolicyBinding printer shows for a paramRef selector.
 */
export function labelSelectorGoString(selector: unknown): string {
  const sel = isMap(selector) ? selector : {};
  const ml = isMap(sel.matchLabels) ? sel.matchLabels : {};
  let labels = "map[string]string{";
  for (const k of Object.keys(ml).sort(compareGo)) labels += `${k}: ${String(ml[k])},`;
  labels += "}";
  let exprs = "[]LabelSelectorRequirement{";
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const m = isMap(e) ? e : {};
    const values = Array.isArray(m.values) ? m.values.map(String).join(" ") : "";
    exprs += `LabelSelectorRequirement{Key:${String(m.key ?? "")},Operator:${String(m.operator ?? "")},Values:[${values}],},`;
  }
  exprs += "}";
  return `&LabelSelector{MatchLabels:${labels},MatchExpressions:${exprs},}`;
}

// metav1.LabelSelector matching (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
// LabelSelectorAsSelector): matchLabels and matchExpressions are ANDed; an empty selector
// matches everything.
import type { LabelSelector } from "./types";

export function labelSelectorMatches(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const has = (k: string) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, k);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(key) || labels![key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const present = has(req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
        if (!present || !values.includes(labels![req.key])) return false;
        break;
      case "NotIn":
        if (present && values.includes(labels![req.key])) return false;
        break;
      case "Exists":
        if (!present) return false;
        break;
      case "DoesNotExist":
        if (present) return false;
        break;
      default:
        // LabelSelectorAsSelector fails on an unknown operator; the controller then skips the role.
        return false;
    }
  }
  return true;
}

// ?labelSelector= and ?fieldSelector= for lists, watches and deletecollection, parsed once per
// request with apimachinery's rules (lib/cluster/meta) and the resource's selectable fields.
import { StatusError, type KObject, type ResourceInfo } from "../cluster/api/types.js";
import { parseLabelSelectorParam } from "../cluster/meta/labels.js";
import { parseFieldSelectorParam, selectableFields } from "../cluster/meta/fields.js";

export type ObjectFilter = (obj: KObject) => boolean;

export function compileSelectors(info: ResourceInfo, query: URLSearchParams): ObjectFilter {
  const ls = query.get("labelSelector");
  const fs = query.get("fieldSelector");
  const labels = ls ? parseLabelSelectorParam(ls) : undefined;
  if (labels instanceof StatusError) throw labels;
  const fields = fs ? parseFieldSelectorParam(fs, info.group, info.kind) : undefined;
  if (fields instanceof StatusError) throw fields;
  if (!labels && !fields) return () => true;
  return (obj) => {
    if (labels && !labels.matches(obj.metadata?.labels ?? {})) return false;
    if (fields && !fields.matches(selectableFields(info.group, info.kind, info.namespaced, obj))) return false;
    return true;
  };
}

// Maps @kubernetes/client-node model names back to the definition names of Kubernetes'
// swagger.json. The generator drops the Go package from each name ("io.k8s.api.apps.v1.Deployment"
// becomes "V1Deployment") and keeps a group prefix only where two packages clash ("CoreV1Event",
// "EventsV1Event"), so the package is recovered from Go's import graph: a kind is declared in the
// group that serves it (RESOURCES), and a nested type in the one package every package using it
// imports: the users' own package when only one package uses it, else core/v1 (which the other
// k8s.io/api packages import), apimachinery's meta/v1 (MODEL_PACKAGE) being known by name.

/** Group -> Go package of its types, as swagger.json names definitions. */
export function packageOfGroup(group) {
  if (group === "") return "io.k8s.api.core";
  if (group === "apiextensions.k8s.io") return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions";
  if (group === "apiregistration.k8s.io") return "io.k8s.kube-aggregator.pkg.apis.apiregistration";
  return `io.k8s.api.${group.split(".")[0]}`;
}

const PREFIX_PACKAGES = {
  Core: "io.k8s.api.core",
  Apiextensions: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
  Apiregistration: "io.k8s.kube-aggregator.pkg.apis.apiregistration",
};

const META = "io.k8s.apimachinery.pkg.apis.meta";

/**
 * Models whose package the import graph cannot tell: apimachinery's meta/v1 types
 * (k8s.io/apimachinery/pkg/apis/meta/v1 types.go and watch.go), and core/v1 types that only
 * another group's types use (storage.k8s.io/v1 StorageClass.allowedTopologies).
 */
const MODEL_PACKAGE = new Map([
  ...["APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
    "FieldSelectorRequirement", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta",
    "ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "Preconditions", "ServerAddressByClientCIDR", "Status",
    "StatusCause", "StatusDetails", "WatchEvent"].map((k) => [`V1${k}`, META]),
  ["V1TopologySelectorTerm", "io.k8s.api.core"],
  ["V1TopologySelectorLabelRequirement", "io.k8s.api.core"],
]);

/** Fixed names: "VersionInfo" is apimachinery's version.Info. */
const FIXED = new Map([["VersionInfo", "io.k8s.apimachinery.pkg.version.Info"]]);

/** { prefix, version, kind } of "CoreV1Event", "V1beta1Foo", "V2HorizontalPodAutoscaler". */
export function splitModelName(model) {
  const m = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z].*)$/.exec(model);
  return m ? { prefix: m[1], version: m[2].toLowerCase(), kind: m[3] } : undefined;
}

/** Model names a property type refers to ("Array<V1Container>", "{ [key: string]: V1JSONSchemaProps; }"). */
export function modelRefs(type, models) {
  return (type.match(/[A-Z]\w*/g) ?? []).filter((t) => models.has(t));
}

/**
 * Map model -> definition name, for the models reachable from `roots` (Map model -> package,
 * e.g. V1Deployment -> "io.k8s.api.apps") or `extra` (models of known package: discovery, version).
 * Models reachable from neither are left out.
 */
export function definitionNames(models, roots, extra = []) {
  const pkg = new Map(roots);
  const referrers = new Map();
  const reached = new Set([...roots.keys(), ...extra]);
  const queue = [...reached];
  while (queue.length) {
    const name = queue.shift();
    for (const p of models.get(name)?.properties ?? []) {
      for (const ref of modelRefs(p.type, models)) {
        if (!referrers.has(ref)) referrers.set(ref, new Set());
        referrers.get(ref).add(name);
        if (!reached.has(ref)) { reached.add(ref); queue.push(ref); }
      }
    }
  }
  const resolve = (name, seen) => {
    if (pkg.has(name)) return pkg.get(name);
    const split = splitModelName(name);
    let p = MODEL_PACKAGE.get(name) ?? (split?.prefix && (PREFIX_PACKAGES[split.prefix] ?? `io.k8s.api.${split.prefix.toLowerCase()}`));
    if (!p) {
      const users = new Set();
      for (const r of referrers.get(name) ?? []) if (!seen.has(r)) users.add(resolve(r, new Set(seen).add(r)));
      users.delete(undefined);
      p = users.size === 1 ? [...users][0] : "io.k8s.api.core";
    }
    pkg.set(name, p);
    return p;
  };
  const out = new Map();
  for (const name of reached) {
    if (FIXED.has(name)) { out.set(name, FIXED.get(name)); continue; }
    const split = splitModelName(name);
    if (!split) continue;
    out.set(name, `${resolve(name, new Set([name]))}.${split.version}.${split.kind}`);
  }
  return out;
}

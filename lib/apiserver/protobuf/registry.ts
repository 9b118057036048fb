// Every protobuf message a client may send to a v1.32 kube-apiserver, and which (apiVersion, kind)
// selects which message; upstream this is the scheme (k8s.io/apimachinery/pkg/runtime/scheme.go).
import { FieldFlag, SCALAR_TYPES, type FieldSpec, type MessageSpec, type PackageTable } from "./schema.js";
import { table as admissionregistrationV1 } from "./tables/admissionregistration-v1.js";
import { table as apiextensionsV1 } from "./tables/apiextensions-v1.js";
import { table as appsV1 } from "./tables/apps-v1.js";
import { table as authenticationV1 } from "./tables/authentication-v1.js";
import { table as authorizationV1 } from "./tables/authorization-v1.js";
import { table as autoscalingV1 } from "./tables/autoscaling-v1.js";
import { table as autoscalingV2 } from "./tables/autoscaling-v2.js";
import { table as batchV1 } from "./tables/batch-v1.js";
import { table as certificatesV1 } from "./tables/certificates-v1.js";
import { table as coordinationV1 } from "./tables/coordination-v1.js";
import { table as coreV1 } from "./tables/core-v1.js";
import { table as discoveryV1 } from "./tables/discovery-v1.js";
import { table as eventsV1 } from "./tables/events-v1.js";
import { table as flowcontrolV1 } from "./tables/flowcontrol-v1.js";
import { table as intstr } from "./tables/intstr.js";
import { table as metaV1 } from "./tables/meta-v1.js";
import { table as networkingV1 } from "./tables/networking-v1.js";
import { table as nodeV1 } from "./tables/node-v1.js";
import { table as policyV1 } from "./tables/policy-v1.js";
import { table as rbacV1 } from "./tables/rbac-v1.js";
import { table as resource } from "./tables/resource.js";
import { table as runtime } from "./tables/runtime.js";
import { table as schedulingV1 } from "./tables/scheduling-v1.js";
import { table as storageV1 } from "./tables/storage-v1.js";

const PACKAGES: readonly PackageTable[] = [
  coreV1, appsV1, batchV1, autoscalingV1, autoscalingV2, networkingV1, policyV1, rbacV1, storageV1,
  coordinationV1, certificatesV1, schedulingV1, discoveryV1, eventsV1, nodeV1,
  admissionregistrationV1, authenticationV1, authorizationV1, flowcontrolV1, apiextensionsV1,
  metaV1, runtime, resource, intstr,
];

/**
 * meta.k8s.io/v1 kinds every group version accepts: metav1.AddToGroupVersion registers WatchEvent
 * and the option types in each group version, and Status & co. are unversioned.
 */
const META_KINDS_IN_EVERY_VERSION = new Set([
  "WatchEvent", "ListOptions", "GetOptions", "DeleteOptions", "CreateOptions", "UpdateOptions",
  "PatchOptions", "Status", "APIVersions", "APIGroupList", "APIGroup", "APIResourceList",
]);

const messages = new Map<string, MessageSpec>();
const kinds = new Map<string, string>(); // "apps/v1 Deployment" -> "apps.v1.Deployment"

function qualify(type: string, pkg: string): string {
  if (SCALAR_TYPES.has(type) || type.includes(".")) return type;
  return `${pkg}.${type}`;
}

for (const pkg of PACKAGES) {
  for (const [name, rows] of Object.entries(pkg.messages)) {
    const fields: FieldSpec[] = rows.map(([no, json, type, flags]) => ({ no, json, type: qualify(type, pkg.package), flags }));
    messages.set(`${pkg.package}.${name}`, {
      name: `${pkg.package}.${name}`,
      shortName: name,
      fields,
      byNumber: new Map(fields.map((f) => [f.no, f])),
    });
  }
  if (pkg.groupVersion) for (const kind of pkg.kinds ?? []) kinds.set(`${pkg.groupVersion} ${kind}`, `${pkg.package}.${kind}`);
}

export function messageSpec(name: string): MessageSpec {
  const spec = messages.get(name);
  if (!spec) throw new Error(`protobuf table has no message ${name}`); // a table bug, not a client error
  return spec;
}

/** The message for a kind in a group version ("apps/v1", "Deployment"), or undefined if not registered. */
export function kindMessage(apiVersion: string, kind: string): MessageSpec | undefined {
  const name = kinds.get(`${apiVersion} ${kind}`) ?? (META_KINDS_IN_EVERY_VERSION.has(kind) ? `meta.v1.${kind}` : undefined);
  return name === undefined ? undefined : messages.get(name);
}

/** Every message name, for tests that check the tables are closed over their references. */
export function allMessageSpecs(): MessageSpec[] {
  return [...messages.values()];
}

export { FieldFlag };

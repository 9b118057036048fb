// The Node authorizer's essentials (plugin/pkg/auth/authorizer/node/node_authorizer.go and the
// graph of graph_populator.go): a kubelet (user system:node:<name> in group system:nodes) may
// read the Secrets, ConfigMaps, PVCs, PVs and ServiceAccount tokens that pods bound to its node
// reference, its own Node and Lease and CSINode, and otherwise what the system:node rules allow.
// v1.32 has AuthorizeNodeWithSelectors on by default, so Node and Pod reads are subdivided too.
// The graph is computed on demand from a lookup interface instead of kept as a live index.
import type { KObject, UserInfo } from "../api/types";
import type { Attributes, AuthorizationResult, Authorizer, RuleResolver, RulesForResult } from "./types";
import { nodeRules } from "./bootstrap/cluster-roles";
import { rulesAllow } from "./rule-match";

export const NODES_GROUP = "system:nodes";
const NODE_USER_PREFIX = "system:node:";
const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** What the Node authorizer needs to know about the cluster. */
export interface NodeGraphSource {
  /** Pods whose spec.nodeName is nodeName. */
  podsOnNode(nodeName: string): KObject[];
  getPersistentVolumeClaim(namespace: string, name: string): KObject | undefined;
  /** VolumeAttachments whose spec.nodeName is nodeName (optional: none when absent). */
  volumeAttachmentsOnNode?(nodeName: string): KObject[];
}

/** NodeIdentifier.NodeIdentity: the node name, "" for an unidentifiable node, null when not a node. */
export function nodeIdentity(user: UserInfo): string | null {
  if (!user.username.startsWith(NODE_USER_PREFIX)) return null;
  if (!user.groups.includes(NODES_GROUP)) return null;
  return user.username.slice(NODE_USER_PREFIX.length);
}

type VertexType = "configmap" | "secret" | "pvc" | "pv" | "pod" | "serviceAccount" | "volumeattachment";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every object reachable from the node, keyed "type/namespace/name" (upstream: hasPathFrom). */
export function nodeReachable(graph: NodeGraphSource, nodeName: string): Set<string> {
  const out = new Set<string>();
  const add = (t: VertexType, ns: string, name: string | undefined) => {
    if (name) out.add(`${t}/${ns}/${name}`);
  };
  for (const pod of graph.podsOnNode(nodeName) as Json[]) {
    const ns: string = pod.metadata?.namespace ?? "";
    const spec: Json = pod.spec ?? {};
    add("pod", ns, pod.metadata?.name);
    add("serviceAccount", ns, spec.serviceAccountName || "default");
    for (const s of spec.imagePullSecrets ?? []) add("secret", ns, s?.name);
    const containers: Json[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
    for (const c of containers) {
      for (const e of c.env ?? []) {
        add("secret", ns, e?.valueFrom?.secretKeyRef?.name);
        add("configmap", ns, e?.valueFrom?.configMapKeyRef?.name);
      }
      for (const e of c.envFrom ?? []) {
        add("secret", ns, e?.secretRef?.name);
        add("configmap", ns, e?.configMapRef?.name);
      }
    }
    for (const v of (spec.volumes ?? []) as Json[]) {
      add("secret", ns, v.secret?.secretName);
      add("configmap", ns, v.configMap?.name);
      for (const src of v.projected?.sources ?? []) {
        add("secret", ns, src?.secret?.name);
        add("configmap", ns, src?.configMap?.name);
      }
      for (const ref of [v.csi?.nodePublishSecretRef, v.cephfs?.secretRef, v.rbd?.secretRef, v.iscsi?.secretRef, v.flexVolume?.secretRef]) {
        add("secret", ns, ref?.name);
      }
      add("secret", ns, v.azureFile?.secretName);
      const claim: string | undefined =
        v.persistentVolumeClaim?.claimName ?? (v.ephemeral ? `${pod.metadata?.name}-${v.name}` : undefined);
      if (claim) {
        add("pvc", ns, claim);
        const pvc = graph.getPersistentVolumeClaim(ns, claim) as Json | undefined;
        add("pv", "", pvc?.spec?.volumeName);
      }
    }
  }
  for (const va of (graph.volumeAttachmentsOnNode?.(nodeName) ?? []) as Json[]) add("volumeattachment", "", va.metadata?.name);
  return out;
}

const noOpinion = (reason: string): AuthorizationResult => ({ decision: "no-opinion", reason });
const ALLOW: AuthorizationResult = { decision: "allow", reason: "" };

export function nodeAuthorizer(graph: NodeGraphSource): Authorizer & RuleResolver {
  const NODE_RULES = nodeRules();

  const related = (nodeName: string, t: VertexType, attrs: Attributes): AuthorizationResult => {
    if (!attrs.name) return noOpinion("No Object name found");
    const ns = t === "pv" || t === "volumeattachment" ? "" : attrs.namespace ?? "";
    if (nodeReachable(graph, nodeName).has(`${t}/${ns}/${attrs.name}`)) return ALLOW;
    return noOpinion(`no relationship found between node '${nodeName}' and this object`);
  };
  const readNamespaced = (nodeName: string, t: VertexType, attrs: Attributes) => {
    if (!["get", "list", "watch"].includes(attrs.verb)) return noOpinion("can only read resources of this type");
    if (attrs.subresource) return noOpinion("cannot read subresource");
    if (!attrs.namespace) return noOpinion("can only read namespaced object of this type");
    return related(nodeName, t, attrs);
  };
  const getOnly = (nodeName: string, t: VertexType, attrs: Attributes) => {
    if (attrs.verb !== "get") return noOpinion("can only get individual resources of this type");
    if (attrs.subresource) return noOpinion("cannot get subresource");
    return related(nodeName, t, attrs);
  };
  const staticRules = (attrs: Attributes): AuthorizationResult =>
    rulesAllow(attrs, NODE_RULES) ? ALLOW : noOpinion("");

  function authorize(attrs: Attributes): AuthorizationResult {
    const nodeName = nodeIdentity(attrs.user);
    if (nodeName === null) return noOpinion("");
    if (nodeName === "") return noOpinion(`unknown node for user "${attrs.user.username}"`);
    if (!attrs.resourceRequest) return staticRules(attrs);
    const group = attrs.apiGroup ?? "";
    const key = `${group}/${attrs.resource ?? ""}`;
    switch (key) {
      case "/secrets":
        return readNamespaced(nodeName, "secret", attrs);
      case "/configmaps":
        return readNamespaced(nodeName, "configmap", attrs);
      case "/persistentvolumeclaims":
        if (attrs.subresource === "status") {
          if (attrs.verb !== "update" && attrs.verb !== "patch") return noOpinion("can only get/update/patch this type");
          return related(nodeName, "pvc", attrs);
        }
        return getOnly(nodeName, "pvc", attrs);
      case "/persistentvolumes":
        return getOnly(nodeName, "pv", attrs);
      case "storage.k8s.io/volumeattachments":
        return getOnly(nodeName, "volumeattachment", attrs);
      case "/serviceaccounts":
        if (attrs.verb !== "create" || !attrs.name) return noOpinion("can only create tokens for individual service accounts");
        if (attrs.subresource !== "token") return noOpinion("can only create token subresource of serviceaccount");
        return related(nodeName, "serviceAccount", attrs);
      case "coordination.k8s.io/leases":
        if (!["get", "create", "update", "patch", "delete"].includes(attrs.verb)) {
          return noOpinion("can only get, create, update, patch, or delete a node lease");
        }
        if (attrs.namespace !== NODE_LEASE_NAMESPACE) {
          return noOpinion(`can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
        }
        // The name is unknown at create; the NodeRestriction admission plugin checks it then.
        if (attrs.verb !== "create" && attrs.name !== nodeName) {
          return noOpinion("can only access node lease with the same name as the requesting node");
        }
        return ALLOW;
      case "storage.k8s.io/csinodes":
        if (!["get", "create", "update", "patch", "delete"].includes(attrs.verb)) {
          return noOpinion("can only get, create, update, patch, or delete a CSINode");
        }
        if (attrs.subresource) return noOpinion("cannot authorize CSINode subresources");
        if (attrs.verb !== "create" && attrs.name !== nodeName) {
          return noOpinion("can only access CSINode with the same name as the requesting node");
        }
        return ALLOW;
      case "/nodes":
        // A kubelet may read only its own Node (a list/watch names it through
        // fieldSelector=metadata.name=<node>); writes are left to NodeRestriction admission.
        if (["get", "list", "watch"].includes(attrs.verb) && !attrs.subresource) {
          if (attrs.name === nodeName) return ALLOW;
          if (!attrs.name) return noOpinion(`node '${nodeName}' cannot read all nodes, only its own Node object`);
          return noOpinion(`node '${nodeName}' cannot read '${attrs.name}', only its own Node object`);
        }
        return staticRules(attrs);
      case "/pods":
        if (attrs.verb === "get" && !attrs.subresource) return getOnly(nodeName, "pod", attrs);
        if ((attrs.verb === "list" || attrs.verb === "watch") && !attrs.subresource) {
          if (fieldSelectorHas(attrs.fieldSelector, "spec.nodeName", nodeName)) return ALLOW;
          return noOpinion("can only list/watch pods with spec.nodeName field selector");
        }
        return staticRules(attrs);
      default:
        return staticRules(attrs);
    }
  }

  return {
    authorize,
    rulesFor(user: UserInfo): RulesForResult {
      // Nodes' permissions depend on the graph, so they are not enumerated.
      if (nodeIdentity(user) !== null) {
        return { resourceRules: [], nonResourceRules: [], incomplete: true, errors: ["node authorizer does not support user rule resolution"] };
      }
      return { resourceRules: [], nonResourceRules: [], incomplete: false, errors: [] };
    },
  };
}

/** Whether a raw field selector requires field=value (operators "=" and "=="). */
function fieldSelectorHas(selector: string | undefined, field: string, value: string): boolean {
  if (!selector) return false;
  return selector.split(",").some((term) => {
    const m = /^\s*([^=!\s]+)\s*==?\s*(.*?)\s*$/.exec(term);
    return m !== null && m[1] === field && m[2] === value;
  });
}

import { describe, expect, it } from "vitest";
import type { KObject, Random } from "../api/types";
import { buildFreshCluster } from "./index";
import { computeDetachedSignature } from "./kubeadm";

type J = Record<string, any>;

// A deterministic Random: a counter through a multiplicative hash.
function fakeRandom(): Random {
  let n = 0;
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  const next = () => (n = (Math.imul(++n, 2654435761) >>> 0) ^ (n >>> 7));
  return {
    string: (k) => Array.from({ length: k }, () => alphabet[next() % 27]).join(""),
    uuid: () => {
      const h = Array.from({ length: 4 }, () => (next() >>> 0).toString(16).padStart(8, "0")).join("");
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

const INIT = new Date("2026-01-05T09:00:00Z");
const CA = "-----BEGIN CERTIFICATE-----\nMIIBCA==\n-----END CERTIFICATE-----\n";
const objects = buildFreshCluster({
  clock: { now: () => new Date(INIT.getTime() + 40 * 60_000) },
  random: fakeRandom(),
  initTime: INIT,
  caCertPem: CA,
  bootstrapToken: { id: "abcdef", secret: "0123456789abcdef" },
});
const key = (o: KObject) => `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;
const find = (kind: string, ns: string | undefined, name: string) => objects.find((o) => key(o) === `${kind}/${ns ?? ""}/${name}`) as J;
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind) as J[];

describe("object set", () => {
  it("has no duplicate (kind, namespace, name)", () => {
    const keys = objects.map(key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
  it("gives every object apiVersion, kind, name, uid and creationTimestamp, and no resourceVersion", () => {
    for (const o of objects) {
      expect(o.apiVersion, key(o)).toBeTruthy();
      expect(o.kind, key(o)).toBeTruthy();
      expect(o.metadata?.name, key(o)).toBeTruthy();
      expect(o.metadata?.uid, key(o)).toMatch(/^[0-9a-f-]{36}$/);
      expect(o.metadata?.creationTimestamp, key(o)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(o.metadata?.resourceVersion, key(o)).toBeUndefined();
    }
  });
  it("puts every namespaced object in an existing namespace, created no later", () => {
    const ns = new Map(ofKind("Namespace").map((n) => [n.metadata.name, n.metadata.creationTimestamp]));
    expect([...ns.keys()].sort()).toEqual(["default", "ingress-nginx", "kube-node-lease", "kube-public", "kube-system", "local-path-storage", "nginx-gateway"]);
    for (const o of objects.filter((x) => x.metadata?.namespace)) {
      expect(ns.has(o.metadata!.namespace!), key(o)).toBe(true);
      expect(ns.get(o.metadata!.namespace!)! <= o.metadata!.creationTimestamp!, key(o)).toBe(true);
    }
  });
  it("has kube-root-ca.crt and a default ServiceAccount in every namespace", () => {
    for (const n of ofKind("Namespace")) {
      expect(find("ConfigMap", n.metadata.name, "kube-root-ca.crt")?.data).toEqual({ "ca.crt": CA });
      expect(find("ServiceAccount", n.metadata.name, "default")).toBeTruthy();
    }
  });
});

describe("cross references", () => {
  const uids = new Map(objects.map((o) => [o.metadata!.uid, o]));
  it("resolves every ownerReference to an object of that kind and name", () => {
    for (const o of objects) {
      for (const ref of o.metadata?.ownerReferences ?? []) {
        const owner = uids.get(ref.uid);
        expect(owner?.kind, key(o)).toBe(ref.kind);
        expect(owner?.metadata?.name, key(o)).toBe(ref.name);
      }
    }
  });
  it("schedules every pod onto an existing node, Running pods Ready with an IP", () => {
    const nodes = new Set(ofKind("Node").map((n) => n.metadata.name));
    for (const p of ofKind("Pod")) {
      expect(nodes.has(p.spec.nodeName), p.metadata.name).toBe(true);
      if (p.status.phase !== "Running") continue;
      expect(p.status.conditions.find((c: J) => c.type === "Ready").status).toBe("True");
      expect(p.status.podIP).toBeTruthy();
      for (const cs of p.status.containerStatuses) expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    }
  });
  it("labels each ReplicaSet and its pods with its Deployment's pod-template-hash", () => {
    for (const rs of ofKind("ReplicaSet")) {
      const hash = rs.metadata.labels["pod-template-hash"];
      const dep = uids.get(rs.metadata.ownerReferences[0].uid) as J;
      expect(rs.metadata.name).toBe(`${dep.metadata.name}-${hash}`);
      expect(rs.spec.selector.matchLabels["pod-template-hash"]).toBe(hash);
      const pods = ofKind("Pod").filter((p) => p.metadata.ownerReferences?.[0].uid === rs.metadata.uid);
      expect(pods.length).toBe(dep.spec.replicas);
      for (const p of pods) expect(p.metadata.labels["pod-template-hash"]).toBe(hash);
    }
  });
  it("runs one pod of each DaemonSet per node, labelled with its ControllerRevision hash", () => {
    for (const ds of ofKind("DaemonSet")) {
      const cr = ofKind("ControllerRevision").find((c) => c.metadata.ownerReferences[0].uid === ds.metadata.uid)!;
      const hash = cr.metadata.labels["controller-revision-hash"];
      expect(cr.metadata.name).toBe(`${ds.metadata.name}-${hash}`);
      expect(cr.data.spec.template.$patch).toBe("replace");
      const pods = ofKind("Pod").filter((p) => p.metadata.ownerReferences?.[0].uid === ds.metadata.uid);
      expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(["controlplane", "node01", "node02"]);
      for (const p of pods) expect(p.metadata.labels["controller-revision-hash"]).toBe(hash);
    }
  });
  it("lists exactly the selected Running pods in each selector Service's Endpoints and EndpointSlice", () => {
    for (const svc of ofKind("Service").filter((s) => s.spec.selector)) {
      const ns = svc.metadata.namespace;
      const selected = ofKind("Pod").filter(
        (p) => p.metadata.namespace === ns && p.status.phase === "Running" && Object.entries(svc.spec.selector).every(([k, v]) => p.metadata.labels?.[k] === v),
      );
      expect(selected.length, svc.metadata.name).toBeGreaterThan(0);
      const ips = selected.map((p) => p.status.podIP).sort();
      const ep = find("Endpoints", ns, svc.metadata.name);
      expect(ep.subsets[0].addresses.map((a: J) => a.ip).sort()).toEqual(ips);
      const slice = ofKind("EndpointSlice").find((s) => s.metadata.labels["kubernetes.io/service-name"] === svc.metadata.name && s.metadata.namespace === ns)!;
      expect(slice.endpoints.map((e: J) => e.addresses[0]).sort()).toEqual(ips);
    }
  });
});

describe("spot facts", () => {
  it.each<[string, () => unknown, unknown]>([
    ["kubernetes Service ClusterIP", () => find("Service", "default", "kubernetes").spec.clusterIP, "10.96.0.1"],
    ["kubernetes Endpoints", () => find("Endpoints", "default", "kubernetes").subsets, [{ addresses: [{ ip: "172.30.1.2" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]],
    ["kube-dns ClusterIP", () => find("Service", "kube-system", "kube-dns").spec.clusterIP, "10.96.0.10"],
    ["kube-dns ports", () => find("Service", "kube-system", "kube-dns").spec.ports.map((p: J) => `${p.port}/${p.protocol}`), ["53/UDP", "53/TCP", "9153/TCP"]],
    ["coredns replicas", () => find("Deployment", "kube-system", "coredns").spec.replicas, 2],
    ["coredns image", () => find("Deployment", "kube-system", "coredns").spec.template.spec.containers[0].image, "registry.k8s.io/coredns/coredns:v1.11.3"],
    ["ingress node ports", () => find("Service", "ingress-nginx", "ingress-nginx-controller").spec.ports.map((p: J) => `${p.port}:${p.nodePort}`), ["80:32080", "443:32443"]],
    ["ingress Service type", () => find("Service", "ingress-nginx", "ingress-nginx-controller").spec.type, "NodePort"],
    ["IngressClass controller", () => find("IngressClass", undefined, "nginx").spec.controller, "k8s.io/ingress-nginx"],
    ["default StorageClasses", () => ofKind("StorageClass").filter((s) => s.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true").map((s) => s.metadata.name), ["standard"]],
    ["standard StorageClass", () => { const s = find("StorageClass", undefined, "standard"); return [s.provisioner, s.volumeBindingMode, s.reclaimPolicy]; }, ["rancher.io/local-path", "WaitForFirstConsumer", "Delete"]],
    ["GatewayClass controller", () => find("GatewayClass", undefined, "nginx").spec.controllerName, "gateway.nginx.org/nginx-gateway-controller"],
    ["controlplane taint", () => find("Node", undefined, "controlplane").spec.taints, [{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }]],
    ["node pod CIDRs", () => ofKind("Node").map((n) => n.spec.podCIDR), ["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"]],
    ["Ready condition", () => { const c = find("Node", undefined, "node01").status.conditions.find((x: J) => x.type === "Ready"); return [c.status, c.reason, c.message]; }, ["True", "KubeletReady", "kubelet is posting ready status"]],
    ["NetworkUnavailable", () => find("Node", undefined, "node02").status.conditions[0].reason, "CalicoIsUp"],
    ["kubelet version", () => find("Node", undefined, "node02").status.nodeInfo.kubeletVersion, "v1.32.3"],
    ["priority classes", () => ofKind("PriorityClass").map((p) => [p.metadata.name, p.value]), [["system-cluster-critical", 2000000000], ["system-node-critical", 2000001000]]],
    ["mirror pod names", () => ofKind("Pod").filter((p) => p.metadata.annotations?.["kubernetes.io/config.mirror"]).map((p) => p.metadata.name).sort(), ["etcd-controlplane", "kube-apiserver-controlplane", "kube-controller-manager-controlplane", "kube-scheduler-controlplane"]],
    ["bootstrap token type", () => find("Secret", "kube-system", "bootstrap-token-abcdef").type, "bootstrap.kubernetes.io/token"],
    ["bootstrap token expiry (24h)", () => Buffer.from(find("Secret", "kube-system", "bootstrap-token-abcdef").data.expiration, "base64").toString(), "2026-01-06T09:00:15Z"],
    ["cluster-admins binding", () => { const b = find("ClusterRoleBinding", undefined, "kubeadm:cluster-admins"); return [b.roleRef.name, b.subjects[0].name]; }, ["cluster-admin", "kubeadm:cluster-admins"]],
    ["join CSRs", () => ofKind("CertificateSigningRequest").map((c) => [c.spec.signerName, c.spec.username, c.status.conditions[0].reason]), [
      ["kubernetes.io/kube-apiserver-client-kubelet", "system:bootstrap:abcdef", "AutoApproved"],
      ["kubernetes.io/kube-apiserver-client-kubelet", "system:bootstrap:abcdef", "AutoApproved"],
    ]],
    ["metrics APIService", () => find("APIService", undefined, "v1beta1.metrics.k8s.io").spec.service, { name: "metrics-server", namespace: "kube-system", port: 443 }],
    ["gateway API CRDs", () => ofKind("CustomResourceDefinition").filter((c) => c.spec.group === "gateway.networking.k8s.io").map((c) => c.metadata.name).sort(), [
      "gatewayclasses.gateway.networking.k8s.io", "gateways.gateway.networking.k8s.io", "grpcroutes.gateway.networking.k8s.io", "httproutes.gateway.networking.k8s.io", "referencegrants.gateway.networking.k8s.io",
    ]],
    // pkg/controlplane/controller/legacytokentracking: data.since is the day the apiserver first ran.
    ["legacy token tracking ConfigMap", () => find("ConfigMap", "kube-system", "kube-apiserver-legacy-service-account-token-tracking").data, { since: INIT.toISOString().slice(0, 10) }],
    ["node leases", () => ofKind("Lease").filter((l) => l.metadata.namespace === "kube-node-lease").map((l) => [l.metadata.name, l.spec.leaseDurationSeconds]), [["controlplane", 40], ["node01", 40], ["node02", 40]]],
  ])("%s", (_name, get, want) => expect(get()).toEqual(want));

  it("signs cluster-info with the bootstrap token (detached JWS)", () => {
    const cm = find("ConfigMap", "kube-public", "cluster-info");
    expect(cm.data["jws-kubeconfig-abcdef"]).toBe(computeDetachedSignature(cm.data.kubeconfig, "abcdef", "0123456789abcdef"));
    expect(cm.data["jws-kubeconfig-abcdef"]).toMatch(/^eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiY2RlZiJ9\.\.[A-Za-z0-9_-]{43}$/);
  });
});

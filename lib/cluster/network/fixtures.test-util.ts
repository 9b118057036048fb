// Builders of Services and EndpointSlices for the network tests (test-only).
import type { KObject } from "../api/types.js";

export function service(ns: string, name: string, spec: Record<string, unknown>): KObject {
  return { apiVersion: "v1", kind: "Service", metadata: { namespace: ns, name }, spec: { type: "ClusterIP", sessionAffinity: "None", ...spec } };
}

export interface EpSpec {
  ip: string;
  node?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  hostname?: string;
}

export function slice(ns: string, svc: string, ports: { name?: string; port: number; protocol?: string }[], eps: EpSpec[], suffix = "abcde"): KObject {
  return {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { namespace: ns, name: `${svc}-${suffix}`, labels: { "kubernetes.io/service-name": svc } },
    addressType: "IPv4",
    ports: ports.map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP" })),
    endpoints: eps.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      ...(e.node ? { nodeName: e.node } : {}),
      ...(e.hostname ? { hostname: e.hostname } : {}),
    })),
  };
}

export const kubernetesSvc = service("default", "kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP" }] });
export const kubernetesSlice = slice("default", "kubernetes", [{ name: "https", port: 6443 }], [{ ip: "172.30.1.2" }], "");

/** kubeadm v1.32's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go). */
export const KUBEADM_COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

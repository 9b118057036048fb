// Every API object of a fresh lab, ~40 minutes after `kubeadm init`, two `kubeadm join`s and the
// add-on installs of docs/cluster-spec.md. Pure: time and identities come from the inputs.

import type { Clock, KObject, Random } from "../api/types";
import { buildBuiltinAPIServices, buildCRDAPIServices } from "./apiservices";
import { buildAPFObjects } from "./apf";
import { buildCalico } from "./calico";
import { type BuildContext, newBuildContext } from "./context";
import { buildMirrorPods } from "./control-plane";
import {
  buildControllerServiceAccounts,
  buildExtensionAPIServerAuthentication,
  buildKubernetesService,
  buildLegacyTokenTracking,
  buildPriorityClasses,
  buildSystemNamespaces,
  namespaceDefaults,
} from "./core";
import { buildCoreDNS, COREDNS_CREATED_AT } from "./coredns";
import { buildGateway, GATEWAY_APPLIED_AT } from "./gateway";
import { IMAGES } from "./images";
import { type AdmissionCert, buildIngressNginx, INGRESS_NGINX_APPLIED_AT } from "./ingress-nginx";
import { type BootstrapToken, buildJoinCSR, buildKubeadmInitObjects, type JoinCSRInput } from "./kubeadm";
import { buildKubeProxy, KUBE_PROXY_CREATED_AT } from "./kube-proxy";
import { buildLeases } from "./leases";
import { buildLocalPath, LOCAL_PATH_APPLIED_AT } from "./local-path";
import { buildMetricsServer, METRICS_SERVER_APPLIED_AT } from "./metrics-server";
import { buildNode, CALICO_APPLIED_AT, calicoReadyAt, nodeRegisteredAt } from "./nodes";
import { buildEndpoints } from "./services";
import { type ClusterTopology, type NodeTopology, TOPOLOGY } from "./topology";
import { type Placement, PodIPAllocator } from "./workloads";

export { TOPOLOGY } from "./topology";
export type { BootstrapToken, JoinCSRInput } from "./kubeadm";
export type { AdmissionCert } from "./ingress-nginx";

export interface FreshClusterInput {
  clock: Clock;
  random: Random;
  /** When `kubeadm init` started. */
  initTime: Date;
  /** /etc/kubernetes/pki/ca.crt. */
  caCertPem: string;
  /** /etc/kubernetes/pki/front-proxy-ca.crt (defaults to caCertPem). */
  frontProxyCaPem?: string;
  /** The token `kubeadm init` printed; generated from `random` when absent. */
  bootstrapToken?: BootstrapToken;
  /** The workers' bootstrap CSRs and issued client certificates, by node name. */
  joinCSRs?: Record<string, JoinCSRInput>;
  /** What kube-webhook-certgen generated for ingress-nginx's admission webhook. */
  ingressAdmissionCert?: AdmissionCert;
  topology?: ClusterTopology;
}

/** A ClusterIP from the service range, as the allocator's random pick would be. */
function clusterIPAllocator(random: Random, t: ClusterTopology): () => string {
  const used = new Set([t.kubernetesServiceIP, t.dnsServiceIP]);
  const [a, b] = t.serviceSubnet.split("/")[0].split(".").map(Number);
  // How many values the second octet spans (16 for a /12); the last two octets are free.
  const span = 2 ** (16 - Number(t.serviceSubnet.split("/")[1]));
  return () => {
    for (;;) {
      const hex = random.uuid().replace(/-/g, "");
      const ip = `${a}.${b + (parseInt(hex.slice(0, 2), 16) % span)}.${parseInt(hex.slice(2, 4), 16)}.${1 + (parseInt(hex.slice(4, 6), 16) % 254)}`;
      if (!used.has(ip)) {
        used.add(ip);
        return ip;
      }
    }
  };
}

function nodePortAllocator(random: Random): () => number {
  const used = new Set([32080, 32443]);
  return () => {
    for (;;) {
      const p = 30000 + (parseInt(random.uuid().replace(/-/g, "").slice(0, 6), 16) % 2768);
      if (!used.has(p)) {
        used.add(p);
        return p;
      }
    }
  };
}

export function buildFreshCluster(input: FreshClusterInput): KObject[] {
  const t = input.topology ?? TOPOLOGY;
  const ctx: BuildContext = newBuildContext(input.random, t, input.initTime, input.clock.now());
  const random = input.random;
  const token = input.bootstrapToken ?? { id: random.string(6), secret: random.string(16) };
  const ca = input.caCertPem;
  const ipam = new PodIPAllocator();
  const clusterIP = clusterIPAllocator(random, t);
  const nodePort = nodePortAllocator(random);
  const [cp, w1, w2] = [t.nodes.find((n) => n.controlPlane)!, ...t.nodes.filter((n) => !n.controlPlane)];
  const workerA = w1 ?? cp;
  const workerB = w2 ?? workerA;
  const cniUp = (n: NodeTopology) => calicoReadyAt(n);
  const place = (node: NodeTopology, createdAt: number, startDelay: number, readyDelay: number, hostNetwork = false): Placement => ({
    node,
    createdAt,
    startedAt: Math.max(createdAt, nodeRegisteredAt(node)) + startDelay,
    readyAt: Math.max(createdAt, nodeRegisteredAt(node)) + startDelay + readyDelay,
    podIP: hostNetwork ? undefined : ipam.allocate(node),
  });
  const afterCNI = (node: NodeTopology, createdAt: number, readyDelay: number): Placement => {
    const start = Math.max(createdAt, cniUp(node)) + 3;
    return { node, createdAt, startedAt: start, readyAt: start + readyDelay, podIP: ipam.allocate(node) };
  };

  const out: KObject[] = [];
  // kube-apiserver bootstrap.
  out.push(...buildSystemNamespaces(ctx));
  out.push(...buildKubernetesService(ctx));
  out.push(buildExtensionAPIServerAuthentication(ctx, ca, input.frontProxyCaPem ?? ca));
  out.push(buildLegacyTokenTracking(ctx));
  out.push(...buildPriorityClasses(ctx));
  out.push(...buildAPFObjects(ctx));
  out.push(...buildBuiltinAPIServices(ctx));

  // Nodes (images filled in at the end, once we know what runs where).
  const nodes = new Map<string, KObject>();
  const nodeImages = new Map<string, Set<string>>(t.nodes.map((n) => [n.name, new Set([IMAGES.pause])]));
  for (const n of t.nodes) {
    const node = buildNode(ctx, n, [], { machineID: random.uuid().replace(/-/g, ""), systemUUID: random.uuid(), bootID: random.uuid() });
    nodes.set(n.name, node);
    out.push(node);
  }
  out.push(...buildMirrorPods(ctx, nodes.get(cp.name)!));
  for (const img of [IMAGES.etcd, IMAGES.kubeApiserver, IMAGES.kubeControllerManager, IMAGES.kubeScheduler]) nodeImages.get(cp.name)!.add(img);

  // kube-controller-manager: per-namespace defaults and controller service accounts.
  for (const ns of ["default", "kube-node-lease", "kube-public", "kube-system"]) out.push(...namespaceDefaults(ctx, ns, 20, ca));
  out.push(...buildControllerServiceAccounts(ctx));

  // kubeadm init: configs, token, RBAC; then the CoreDNS and kube-proxy add-ons.
  out.push(...buildKubeadmInitObjects(ctx, { caCertPem: ca, token }));
  out.push(...buildCoreDNS(ctx, [afterCNI(cp, COREDNS_CREATED_AT, 6), afterCNI(workerA, COREDNS_CREATED_AT, 6)]));
  out.push(...buildKubeProxy(ctx, t.nodes.map((n) => place(n, Math.max(KUBE_PROXY_CREATED_AT, nodeRegisteredAt(n)), 2, 0, true))));
  for (const n of t.nodes) nodeImages.get(n.name)!.add(IMAGES.kubeProxy);
  nodeImages.get(cp.name)!.add(IMAGES.coredns);
  nodeImages.get(workerA.name)!.add(IMAGES.coredns);

  // kubeadm join of the workers.
  for (const n of t.nodes.filter((x) => !x.controlPlane)) out.push(buildJoinCSR(ctx, n, token, input.joinCSRs?.[n.name]));

  // Add-ons, in the order the lab installs them.
  out.push(...buildCalico(ctx, t.nodes.map((n) => ({ node: n, createdAt: CALICO_APPLIED_AT, startedAt: CALICO_APPLIED_AT + 30, readyAt: calicoReadyAt(n) - 2 })), afterCNI(cp, CALICO_APPLIED_AT + 1, 5)));
  for (const n of t.nodes) for (const img of [IMAGES.calicoNode, IMAGES.calicoCni]) nodeImages.get(n.name)!.add(img);
  nodeImages.get(cp.name)!.add(IMAGES.calicoKubeControllers);

  out.push(...buildMetricsServer(ctx, place(workerB, METRICS_SERVER_APPLIED_AT, 5, 25), clusterIP()));
  nodeImages.get(workerB.name)!.add(IMAGES.metricsServer);

  const ingressController = place(workerA, INGRESS_NGINX_APPLIED_AT, 8, 17);
  const jobs: [Placement, Placement] = [place(workerA, INGRESS_NGINX_APPLIED_AT, 5, 5), place(workerB, INGRESS_NGINX_APPLIED_AT, 6, 6)];
  out.push(...buildIngressNginx(ctx, ca, ingressController, jobs, [clusterIP(), clusterIP()], input.ingressAdmissionCert));
  nodeImages.get(workerA.name)!.add(IMAGES.ingressController).add(IMAGES.webhookCertgen);
  nodeImages.get(workerB.name)!.add(IMAGES.webhookCertgen);

  out.push(...buildLocalPath(ctx, ca, place(workerB, LOCAL_PATH_APPLIED_AT, 5, 1)));
  nodeImages.get(workerB.name)!.add(IMAGES.localPath);

  const ngf = place(workerA, GATEWAY_APPLIED_AT, 6, 4);
  out.push(...buildGateway(ctx, ca, ngf, clusterIP(), [nodePort(), nodePort()]));
  nodeImages.get(workerA.name)!.add(IMAGES.ngf).add(IMAGES.ngfNginx);

  out.push(...buildCRDAPIServices(ctx, out.filter((o) => o.kind === "CustomResourceDefinition")));

  // Endpoints controllers: one Endpoints and EndpointSlice per selector Service.
  const running = out.filter((o) => o.kind === "Pod" && (o.status as { phase: string }).phase === "Running");
  for (const svc of out.filter((o) => o.kind === "Service" && (o.spec as { selector?: object }).selector)) {
    out.push(...buildEndpoints(ctx, svc, running));
  }

  // Leases, including the add-on controllers' leader locks held by their pods.
  const podOf = (ns: string, prefix: string) => running.find((p) => p.metadata!.namespace === ns && p.metadata!.name!.startsWith(prefix))!.metadata!.name!;
  out.push(
    ...buildLeases(ctx, [...nodes.values()], [
      { name: "ingress-nginx-leader", namespace: "ingress-nginx", holder: podOf("ingress-nginx", "ingress-nginx-controller-"), createdAt: ingressController.readyAt, duration: 30 },
      { name: "nginx-gateway-leader-election", namespace: "nginx-gateway", holder: podOf("nginx-gateway", "nginx-gateway-"), createdAt: ngf.readyAt, duration: 15 },
    ]),
  );

  // Node.status.images, now that every pod is placed.
  for (const n of t.nodes) {
    const fresh = buildNode(ctx, n, [...nodeImages.get(n.name)!], { machineID: "", systemUUID: "", bootID: "" });
    const node = nodes.get(n.name)!;
    (node.status as Record<string, unknown>).images = (fresh.status as Record<string, unknown>).images;
  }

  // A plausible creation order: by creation time, ties in build order.
  return out
    .map((o, i) => ({ o, i }))
    .sort((a, b) => (a.o.metadata!.creationTimestamp! < b.o.metadata!.creationTimestamp! ? -1 : a.o.metadata!.creationTimestamp! > b.o.metadata!.creationTimestamp! ? 1 : a.i - b.i))
    .map((x) => x.o);
}

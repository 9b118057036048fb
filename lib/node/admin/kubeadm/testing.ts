// Test fixture: a fresh lab's controlplane and node01 trees on disk (the kubeadm PKI, kubeconfigs,
// static pod manifests, kubelet config, apt source) and the cluster objects `kubeadm upgrade`
// reads, in a FakeCluster.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KObject } from "../../../cluster/api/types.js";
import { clusterConfigurationYAML, kubeletConfigurationYAML } from "../../../cluster/bootstrap/kubeadm.js";
import { FakeCluster, counterRandom } from "../../../cluster/client/fake.js";
import { GR } from "../../../cluster/client/types.js";
import { FakeTime } from "../../../cluster/runtime/timers.js";
import { buildNodeTree, CONTROL_PLANE, generateLabPki, generateRsaKeyPair, NODES, writeNodeTree, type KeyPair } from "../../kubeadm";
import { kubeadmCommand } from "./index";

let keys: KeyPair[] | undefined;
/** Two RSA keys shared by every fixture: tests sign, they do not need fresh keys. */
export async function testKeys(): Promise<KeyPair[]> {
  keys ??= await Promise.all([generateRsaKeyPair(), generateRsaKeyPair()]);
  return keys;
}

export const INIT = new Date("2026-11-25T09:30:00Z");

function node(name: string, kubeletVersion: string, controlPlane: boolean): KObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {} },
    status: { nodeInfo: { kubeletVersion } },
  };
}

function pod(component: string, image: string): KObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `${component}-controlplane`, namespace: "kube-system", labels: { component, tier: "control-plane" } },
    spec: { nodeName: "controlplane", containers: [{ name: component, image }] },
  };
}

function workload(kind: string, name: string, image: string): KObject {
  return { apiVersion: "apps/v1", kind, metadata: { name, namespace: "kube-system" }, spec: { template: { spec: { containers: [{ name, image }] } } } };
}

export async function labFixture() {
  const pool = await testKeys();
  let i = 0;
  const keySource = async () => pool[i++ % pool.length];
  const pki = await generateLabPki({ initTime: INIT, keySource });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-kubeadm-lab-"));
  for (const n of NODES.slice(0, 2)) await writeNodeTree(path.join(root, n.name), buildNodeTree(n, { pki, calicoCniToken: "t" }));
  const time = new FakeTime("2026-11-25T10:00:00Z");
  const cluster = new FakeCluster(time);
  const ctx = { topology: { clusterName: "kubernetes", kubernetesVersion: "v1.32.3", dnsDomain: "cluster.local", podSubnet: "10.244.0.0/16", serviceSubnet: "10.96.0.0/12", dnsServiceIP: "10.96.0.10" } } as unknown as Parameters<typeof clusterConfigurationYAML>[0];
  cluster.seed(
    GR.configmaps,
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kubeadm-config", namespace: "kube-system" }, data: { ClusterConfiguration: clusterConfigurationYAML(ctx) } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kubelet-config", namespace: "kube-system" }, data: { kubelet: kubeletConfigurationYAML(ctx) } },
  );
  cluster.seed(GR.nodes, node("controlplane", "v1.32.3", true), node("node01", "v1.32.3", false));
  cluster.seed(
    GR.pods,
    pod("etcd", "registry.k8s.io/etcd:3.5.16-0"),
    pod("kube-apiserver", "registry.k8s.io/kube-apiserver:v1.32.3"),
    pod("kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.32.3"),
    pod("kube-scheduler", "registry.k8s.io/kube-scheduler:v1.32.3"),
  );
  cluster.seed(GR.deployments, workload("Deployment", "coredns", "registry.k8s.io/coredns/coredns:v1.11.3"));
  cluster.seed(GR.daemonsets, workload("DaemonSet", "kube-proxy", "registry.k8s.io/kube-proxy:v1.32.3"));
  const nodePath = (name: string) => (p: string) => path.join(root, name, p);
  const kubeadm = kubeadmCommand({ client: async () => cluster, nodePath: nodePath(CONTROL_PLANE.name), time, random: counterRandom(), keySource });
  return { root, time, cluster, kubeadm, nodePath, pki };
}

import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { FakeCluster, counterRandom } from "../../../cluster/client/fake.js";
import { FakeTime } from "../../../cluster/runtime/timers.js";
import { run } from "../../systemd/testing";
import { kubeletCliCommand } from "../kubelet-cli";
import { kubeadmCommand } from "./index";

function setup() {
  const time = new FakeTime("2026-11-25T10:00:00Z");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-kubeadm-print-"));
  const nodePath = (p: string) => path.join(root, p);
  const cmd = kubeadmCommand({ client: async () => new FakeCluster(time), nodePath, time, random: counterRandom() });
  return { cmd, nodePath };
}

describe("kubeadm config print", () => {
  // The v1beta4 documents kubeadm v1.32 prints (cmd/kubeadm/app/cmd/config.go, apis/kubeadm/v1beta4 defaults).
  it("init-defaults: InitConfiguration with placeholders, then the defaulted ClusterConfiguration", async () => {
    const { cmd, nodePath } = setup();
    const r = await run(cmd, ["kubeadm", "config", "print", "init-defaults"], { nodePath });
    expect(r.code).toBe(0);
    const [init, cluster] = r.out.split("---\n").map((d) => parse(d));
    expect(init).toEqual({
      apiVersion: "kubeadm.k8s.io/v1beta4",
      bootstrapTokens: [{ groups: ["system:bootstrappers:kubeadm:default-node-token"], token: "abcdef.0123456789abcdef", ttl: "24h0m0s", usages: ["signing", "authentication"] }],
      kind: "InitConfiguration",
      localAPIEndpoint: { advertiseAddress: "1.2.3.4", bindPort: 6443 },
      nodeRegistration: { criSocket: "unix:///var/run/containerd/containerd.sock", imagePullPolicy: "IfNotPresent", imagePullSerial: true, name: "node", taints: null },
      timeouts: { controlPlaneComponentHealthCheck: "4m0s", discovery: "5m0s", etcdAPICall: "2m0s", kubeletHealthCheck: "4m0s", kubernetesAPICall: "1m0s", tlsBootstrap: "5m0s", upgradeManifests: "5m0s" },
    });
    expect(cluster).toEqual({
      apiServer: {},
      apiVersion: "kubeadm.k8s.io/v1beta4",
      caCertificateValidityPeriod: "87600h0m0s",
      certificateValidityPeriod: "8760h0m0s",
      certificatesDir: "/etc/kubernetes/pki",
      clusterName: "kubernetes",
      controllerManager: {},
      dns: {},
      encryptionAlgorithm: "RSA-2048",
      etcd: { local: { dataDir: "/var/lib/etcd" } },
      imageRepository: "registry.k8s.io",
      kind: "ClusterConfiguration",
      kubernetesVersion: "1.32.0",
      networking: { dnsDomain: "cluster.local", serviceSubnet: "10.96.0.0/12" },
      proxy: {},
      scheduler: {},
    });
  });

  it("join-defaults: JoinConfiguration with the discovery placeholders", async () => {
    const { cmd, nodePath } = setup();
    const r = await run(cmd, ["kubeadm", "config", "print", "join-defaults"], { nodePath });
    expect(parse(r.out)).toEqual({
      apiVersion: "kubeadm.k8s.io/v1beta4",
      caCertPath: "/etc/kubernetes/pki/ca.crt",
      discovery: {
        bootstrapToken: { apiServerEndpoint: "kube-apiserver:6443", token: "abcdef.0123456789abcdef", unsafeSkipCAVerification: true },
        tlsBootstrapToken: "abcdef.0123456789abcdef",
      },
      kind: "JoinConfiguration",
      nodeRegistration: { criSocket: "unix:///var/run/containerd/containerd.sock", imagePullPolicy: "IfNotPresent", imagePullSerial: true, name: "node", taints: null },
      timeouts: { controlPlaneComponentHealthCheck: "4m0s", discovery: "5m0s", etcdAPICall: "2m0s", kubeletHealthCheck: "4m0s", kubernetesAPICall: "1m0s", tlsBootstrap: "5m0s", upgradeManifests: "5m0s" },
    });
  });
});

describe("installed versions", () => {
  it("kubeadm and kubelet report what dpkg's status says", async () => {
    const { cmd, nodePath } = setup();
    const kubelet = kubeletCliCommand("v1.32.3");
    expect((await run(kubelet, ["kubelet", "--version"], { nodePath })).out).toBe("Kubernetes v1.32.3\n");
    const status = fs.readFileSync(nodePath("/var/lib/dpkg/status"), "utf8");
    fs.writeFileSync(nodePath("/var/lib/dpkg/status"), status.replaceAll("Version: 1.32.3-1.1", "Version: 1.33.0-1.1"));
    expect((await run(kubelet, ["kubelet", "--version"], { nodePath })).out).toBe("Kubernetes v1.33.0\n");
    // v1.33's version.Info gained the emulation fields (transcripts of the v1.33.0 release binary).
    expect((await run(cmd, ["kubeadm", "version"], { nodePath })).out).toBe(
      'kubeadm version: &version.Info{Major:"1", Minor:"33", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"v1.33.0", GitCommit:"60a317eadfcb839692a68eab88b2096f4d708f4f", GitTreeState:"clean", BuildDate:"2025-04-23T13:05:48Z", GoVersion:"go1.24.2", Compiler:"gc", Platform:"linux/amd64"}\n',
    );
    expect((await run(cmd, ["kubeadm", "config", "images", "list"], { nodePath })).out).toBe(
      "registry.k8s.io/kube-apiserver:v1.33.0\nregistry.k8s.io/kube-controller-manager:v1.33.0\nregistry.k8s.io/kube-scheduler:v1.33.0\nregistry.k8s.io/kube-proxy:v1.33.0\nregistry.k8s.io/coredns/coredns:v1.12.0\nregistry.k8s.io/pause:3.10\nregistry.k8s.io/etcd:3.5.21-0\n",
    );
  });
});

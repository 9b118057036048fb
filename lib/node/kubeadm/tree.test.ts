import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readlinkSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kubeadmFlagsEnv, kubeletConfigYaml } from "./kubelet";
import { generateLabPki, type LabPki } from "./lab-pki";
import { generateRsaKeyPair } from "./pki";
import { NODES } from "./topology";
import { buildNodeTree, writeNodeTree, type NodeTree } from "./tree";

const INIT = new Date("2025-03-20T10:00:00Z");
const AT_TIME = String(Math.floor(INIT.getTime() / 1000) + 86400);
let lab: LabPki;
const trees = new Map<string, NodeTree>();
const root = mkdtempSync(join(tmpdir(), "kubeadm-tree-"));
const openssl = (...args: string[]) =>
  execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const content = (node: string, path: string) => {
  const e = trees.get(node)!.get(path);
  if (!e || !("content" in e)) throw new Error(`no file ${path} on ${node}`);
  return String(e.content);
};

beforeAll(async () => {
  // A pre-filled pool, as the lab runtime keeps one: lab creation then only signs.
  const pool = await Promise.all(Array.from({ length: 22 }, () => generateRsaKeyPair()));
  const t0 = performance.now();
  lab = await generateLabPki({ initTime: INIT, keySource: async () => pool.pop()! });
  const t1 = performance.now();
  for (const node of NODES) trees.set(node.name, buildNodeTree(node, { pki: lab, calicoCniToken: "token" }));
  const t2 = performance.now();
  await Promise.all(NODES.map((n) => writeNodeTree(join(root, n.name), trees.get(n.name)!)));
  const t3 = performance.now();
  console.log(
    `lab PKI from a key pool ${(t1 - t0).toFixed(0)}ms, trees ${(t2 - t1).toFixed(0)}ms, write ${(t3 - t2).toFixed(0)}ms`,
  );
});

describe("kubeconfigs (phases/kubeconfig)", () => {
  it.each([
    ["admin.conf", "kubernetes-admin", "O = kubeadm:cluster-admins, CN = kubernetes-admin"],
    ["super-admin.conf", "kubernetes-super-admin", "O = system:masters, CN = kubernetes-super-admin"],
    ["controller-manager.conf", "system:kube-controller-manager", "CN = system:kube-controller-manager"],
    ["scheduler.conf", "system:kube-scheduler", "CN = system:kube-scheduler"],
  ])("%s", (file, user, subject) => {
    const cfg = parse(content("controlplane", `/etc/kubernetes/${file}`));
    expect(Object.keys(cfg)).toEqual(["apiVersion", "clusters", "contexts", "current-context", "kind", "preferences", "users"]);
    expect(cfg.clusters).toEqual([
      { cluster: { "certificate-authority-data": Buffer.from(lab.cluster.ca.certPem).toString("base64"), server: "https://172.30.1.2:6443" }, name: "kubernetes" },
    ]);
    expect(cfg.contexts).toEqual([{ context: { cluster: "kubernetes", user }, name: `${user}@kubernetes` }]);
    expect(cfg["current-context"]).toBe(`${user}@kubernetes`);
    expect(cfg.users.map((u: { name: string }) => u.name)).toEqual([user]);
    const certPem = Buffer.from(cfg.users[0].user["client-certificate-data"], "base64").toString();
    const path = join(root, "controlplane", "etc/kubernetes", `${file}.crt`);
    execFileSync("sh", ["-c", `cat > '${path}'`], { input: certPem });
    expect(openssl("x509", "-in", path, "-noout", "-subject").trim()).toBe(`subject=${subject}`);
    expect(openssl("verify", "-attime", AT_TIME, "-CAfile", join(root, "controlplane/etc/kubernetes/pki/ca.crt"), path)).toBe(`${path}: OK\n`);
  });

  it("root's kubeconfig is admin.conf", () => {
    expect(content("controlplane", "/root/.kube/config")).toBe(content("controlplane", "/etc/kubernetes/admin.conf"));
  });

  it("controlplane kubelet.conf points at the rotating client certificate", () => {
    const cfg = parse(content("controlplane", "/etc/kubernetes/kubelet.conf"));
    expect(cfg.contexts).toEqual([{ context: { cluster: "kubernetes", user: "system:node:controlplane" }, name: "system:node:controlplane@kubernetes" }]);
    expect(cfg.users).toEqual([
      { name: "system:node:controlplane", user: { "client-certificate": "/var/lib/kubelet/pki/kubelet-client-current.pem", "client-key": "/var/lib/kubelet/pki/kubelet-client-current.pem" } },
    ]);
  });

  it("a joined worker's kubelet.conf is the one the kubelet writes after TLS bootstrap", () => {
    const cfg = parse(content("node01", "/etc/kubernetes/kubelet.conf"));
    expect(cfg["current-context"]).toBe("default-context");
    expect(cfg.contexts).toEqual([{ context: { cluster: "default-cluster", namespace: "default", user: "default-auth" }, name: "default-context" }]);
    expect(cfg.clusters[0].name).toBe("default-cluster");
    expect(cfg.clusters[0].cluster.server).toBe("https://172.30.1.2:6443");
  });
});

describe("kubelet files", () => {
  it("kubeadm-flags.env", () => {
    expect(kubeadmFlagsEnv("v1.32.3")).toBe(
      'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    );
  });

  it("config.yaml carries the cluster settings the kubelet needs", () => {
    const cfg = parse(kubeletConfigYaml());
    expect(cfg).toMatchObject({
      apiVersion: "kubelet.config.k8s.io/v1beta1",
      kind: "KubeletConfiguration",
      authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: "/etc/kubernetes/pki/ca.crt" } },
      authorization: { mode: "Webhook" },
      cgroupDriver: "systemd",
      clusterDNS: ["10.96.0.10"],
      clusterDomain: "cluster.local",
      rotateCertificates: true,
      staticPodPath: "/etc/kubernetes/manifests",
    });
    expect(kubeletConfigYaml()).toContain('containerRuntimeEndpoint: ""\n');
  });

  it.each(NODES.map((n) => n.name))("%s: serving cert, client cert symlink, both verify", (name) => {
    const dir = join(root, name, "var/lib/kubelet/pki");
    const serving = join(dir, "kubelet.crt");
    expect(openssl("x509", "-in", serving, "-noout", "-subject").trim()).toMatch(new RegExp(`^subject=CN = ${name}@\\d+$`));
    expect(openssl("x509", "-in", serving, "-noout", "-issuer").trim()).toMatch(new RegExp(`^issuer=CN = ${name}-ca@\\d+$`));
    expect(openssl("x509", "-in", serving, "-noout", "-ext", "subjectAltName")).toContain(`DNS:${name}`);
    expect(readlinkSync(join(dir, "kubelet-client-current.pem"))).toMatch(/^\/var\/lib\/kubelet\/pki\/kubelet-client-2025-03-20-10-\d\d-\d\d\.pem$/);
    const current = join(dir, readlinkSync(join(dir, "kubelet-client-current.pem")).split("/").pop()!);
    expect(openssl("x509", "-in", current, "-noout", "-subject").trim()).toBe(`subject=O = system:nodes, CN = system:node:${name}`);
    expect(openssl("verify", "-attime", AT_TIME, "-CAfile", join(root, name, "etc/kubernetes/pki/ca.crt"), current)).toBe(`${current}: OK\n`);
    expect(openssl("ec", "-in", current, "-noout", "-check", "-inform", "PEM")).toBe("");
    expect(lab.kubelets.get(name)!.issued.csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
  });

  it("controlplane keeps kubeadm's bootstrap pem next to the rotated one", () => {
    const names = lab.kubelets.get("controlplane")!.clientPems.map((p) => p.name);
    expect(names).toEqual(["kubelet-client-2025-03-20-10-00-15.pem", "kubelet-client-2025-03-20-10-00-40.pem"]);
    const first = new X509Certificate(lab.kubelets.get("controlplane")!.clientPems[0].content);
    expect(first.subject).toBe("O=system:nodes\nCN=system:node:controlplane");
  });
});

describe("node trees", () => {
  const mode = (node: string, p: string) => (statSync(join(root, node, p)).mode & 0o7777).toString(8);
  it.each([
    ["controlplane", "/etc/kubernetes/admin.conf", "600"],
    ["controlplane", "/etc/kubernetes/pki/ca.key", "600"],
    ["controlplane", "/etc/kubernetes/pki/ca.crt", "644"],
    ["controlplane", "/etc/kubernetes/manifests/kube-apiserver.yaml", "600"],
    ["controlplane", "/var/lib/etcd", "700"],
    ["controlplane", "/var/lib/kubelet/config.yaml", "644"],
    ["node01", "/etc/kubernetes/pki/ca.crt", "644"],
    ["node01", "/etc/kubernetes/kubelet.conf", "600"],
    ["node02", "/var/lib/kubelet/pki/kubelet.key", "600"],
    ["node02", "/etc/kubernetes/manifests", "755"],
    ["node02", "/tmp", "1777"],
  ])("%s %s has mode %s", (node, path, want) => {
    expect(mode(node, path)).toBe(want);
  });

  it("workers get the CA certificate only, an empty manifests dir and no control-plane files", () => {
    const paths = [...trees.get("node01")!.keys()];
    expect(paths.filter((p) => p.startsWith("/etc/kubernetes/pki/"))).toEqual(["/etc/kubernetes/pki/ca.crt"]);
    expect(paths.filter((p) => p.startsWith("/etc/kubernetes/manifests/"))).toEqual([]);
    expect(paths).not.toContain("/etc/kubernetes/admin.conf");
    expect(paths).not.toContain("/var/lib/etcd");
  });

  it("the controlplane has every kubeadm file", () => {
    const paths = new Set(trees.get("controlplane")!.keys());
    for (const p of [
      "/etc/kubernetes/super-admin.conf", "/etc/kubernetes/controller-manager.conf", "/etc/kubernetes/scheduler.conf",
      "/etc/kubernetes/manifests/etcd.yaml", "/etc/kubernetes/manifests/kube-scheduler.yaml",
      "/etc/kubernetes/pki/etcd/healthcheck-client.key", "/etc/kubernetes/pki/sa.pub",
      "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", "/etc/cni/net.d/10-calico.conflist",
    ]) expect(paths.has(p), p).toBe(true);
  });

  it.each(NODES.map((n) => n.name))("%s: identity and OS files", (name) => {
    expect(content(name, "/etc/hostname")).toBe(`${name}\n`);
    expect(content(name, "/etc/hosts")).toContain("172.30.1.2 controlplane\n172.30.2.2 node01\n172.30.2.3 node02\n");
    expect(content(name, "/etc/os-release")).toContain('PRETTY_NAME="Ubuntu 24.04.2 LTS"\n');
    expect(content(name, "/etc/apt/sources.list.d/kubernetes.list")).toBe(
      "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.32/deb/ /\n",
    );
    expect(content(name, "/etc/containerd/config.toml")).toContain("SystemdCgroup = true\n");
    expect(content(name, "/root/.bashrc")).toContain("alias k=kubectl\ncomplete -o default -F __start_kubectl k\n");
    expect(JSON.parse(content(name, "/etc/cni/net.d/10-calico.conflist")).plugins[0].nodename).toBe(name);
    expect(lstatSync(join(root, name, "etc/systemd/system/multi-user.target.wants/kubelet.service")).isSymbolicLink()).toBe(true);
  });
});

// The controlplane node's static pods, run the way its kubelet runs them: each manifest in
// /etc/kubernetes/manifests is read, and the component it names is started with its flags. etcd
// is the real binary; kube-apiserver is Drydock's, in this process, serving on a unix socket that
// the node forwards to <node IP>:6443 and 127.0.0.1:6443.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Clock, Random } from "../cluster/api/types.js";
import { EtcdStore } from "../store/etcd.js";
import { ApiServer } from "../apiserver/server.js";
import { parseStaticPod, type StaticPod } from "../node/control-plane/manifest.js";
import { startEtcd, type EtcdProcess } from "../node/control-plane/etcd.js";

export interface ControlPlane {
  etcd: EtcdProcess;
  apiserver: ApiServer;
  store: EtcdStore;
  apiSocket: string;
  stop(): Promise<void>;
}

export function nodePathOf(nodeRoot: string) {
  return (p: string) => path.join(nodeRoot, p);
}

function readManifest(nodeRoot: string, name: string): StaticPod {
  const file = path.join("/etc/kubernetes/manifests", name);
  return parseStaticPod(readFileSync(path.join(nodeRoot, file), "utf8"), file);
}

export async function startControlPlane(opts: { nodeRoot: string; runDir: string; clock: Clock; random: Random; log: (component: string, line: string) => void }): Promise<ControlPlane> {
  const np = nodePathOf(opts.nodeRoot);
  const etcdPod = readManifest(opts.nodeRoot, "etcd.yaml");
  const etcd = startEtcd(etcdPod, np, opts.runDir, (l) => opts.log("etcd", l));

  const api = readManifest(opts.nodeRoot, "kube-apiserver.yaml");
  const f = api.flags;
  const read = (flag: string) => readFileSync(np(f.get(flag)!));
  const store = new EtcdStore({
    endpoints: [`unix://${etcd.clientSocket}`],
    caPem: read("etcd-cafile"),
    certPem: read("etcd-certfile"),
    keyPem: read("etcd-keyfile"),
  });
  const range = (f.get("service-node-port-range") ?? "30000-32767").split("-").map(Number) as [number, number];
  const apiserver = new ApiServer({
    store,
    clock: opts.clock,
    random: opts.random,
    tlsCert: read("tls-cert-file"),
    tlsKey: read("tls-private-key-file"),
    clientCA: read("client-ca-file"),
    saPublicKeys: [read("service-account-key-file").toString()],
    saSigningKey: read("service-account-signing-key-file").toString(),
    issuer: f.get("service-account-issuer") ?? "https://kubernetes.default.svc.cluster.local",
    admission: {
      enabled: (f.get("enable-admission-plugins") ?? "").split(",").filter(Boolean),
      disabled: (f.get("disable-admission-plugins") ?? "").split(",").filter(Boolean),
      serviceCIDR: f.get("service-cluster-ip-range") ?? "10.96.0.0/12",
      nodePortRange: range,
    },
    authorizationModes: (f.get("authorization-mode") ?? "AlwaysAllow").split(","),
    advertiseAddress: f.get("advertise-address") ?? "127.0.0.1",
    securePort: Number(f.get("secure-port") ?? 6443),
    log: (l) => opts.log("kube-apiserver", l),
  });
  // etcd takes a moment to open its socket; the API server retries as the real one does.
  for (let i = 0; ; i++) {
    try {
      await apiserver.start();
      break;
    } catch (e) {
      if (i > 100) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const apiSocket = path.join(opts.runDir, "kube-apiserver.sock");
  await apiserver.listen(apiSocket);
  return {
    etcd,
    apiserver,
    store,
    apiSocket,
    async stop() {
      await apiserver.close();
      await store.close();
      await etcd.stop();
    },
  };
}

// Reading a kubeconfig as kubeadm does (the current context's cluster and user).
import fs from "node:fs";
import { parse } from "yaml";

export interface KubeconfigView {
  server: string;
  caPem?: string;
  clientCertPem?: string;
}

export function readKubeconfig(hostPath: string): KubeconfigView {
  const doc = parse(fs.readFileSync(hostPath, "utf8")) as {
    "current-context"?: string;
    contexts?: { name: string; context: { cluster: string; user: string } }[];
    clusters?: { name: string; cluster: { server: string; "certificate-authority-data"?: string } }[];
    users?: { name: string; user: { "client-certificate-data"?: string } }[];
  };
  const ctx = doc.contexts?.find((c) => c.name === doc["current-context"])?.context ?? doc.contexts?.[0]?.context;
  const cluster = doc.clusters?.find((c) => c.name === ctx?.cluster)?.cluster ?? doc.clusters?.[0]?.cluster;
  const user = doc.users?.find((u) => u.name === ctx?.user)?.user ?? doc.users?.[0]?.user;
  const b64 = (s?: string) => (s ? Buffer.from(s, "base64").toString("utf8") : undefined);
  return { server: cluster?.server ?? "", caPem: b64(cluster?.["certificate-authority-data"]), clientCertPem: b64(user?.["client-certificate-data"]) };
}

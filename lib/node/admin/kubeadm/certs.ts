// kubeadm certs check-expiration (cmd/kubeadm/app/cmd/certs.go and phases/certs/renewal):
// every certificate kubeadm manages, sorted by name, then the three CAs.
import fs from "node:fs";
import { X509Certificate } from "node:crypto";
import type { Clock } from "../../../cluster/api/types.js";
import type { CommandIO } from "../../types";
import { shortHumanDuration, tabwrite } from "../tabwriter";
import { readKubeconfig } from "./kubeconfig";
import { uploadConfigHint } from "./messages";

const PKI = "/etc/kubernetes/pki";
/** name → where its certificate is (a .crt, or a kubeconfig's embedded client certificate) and its CA. */
export const MANAGED_CERTS: readonly { name: string; path: string; ca: string; kubeconfig?: boolean }[] = [
  { name: "admin.conf", path: "/etc/kubernetes/admin.conf", ca: "ca", kubeconfig: true },
  { name: "apiserver", path: `${PKI}/apiserver.crt`, ca: "ca" },
  { name: "apiserver-etcd-client", path: `${PKI}/apiserver-etcd-client.crt`, ca: "etcd-ca" },
  { name: "apiserver-kubelet-client", path: `${PKI}/apiserver-kubelet-client.crt`, ca: "ca" },
  { name: "controller-manager.conf", path: "/etc/kubernetes/controller-manager.conf", ca: "ca", kubeconfig: true },
  { name: "etcd-healthcheck-client", path: `${PKI}/etcd/healthcheck-client.crt`, ca: "etcd-ca" },
  { name: "etcd-peer", path: `${PKI}/etcd/peer.crt`, ca: "etcd-ca" },
  { name: "etcd-server", path: `${PKI}/etcd/server.crt`, ca: "etcd-ca" },
  { name: "front-proxy-client", path: `${PKI}/front-proxy-client.crt`, ca: "front-proxy-ca" },
  { name: "scheduler.conf", path: "/etc/kubernetes/scheduler.conf", ca: "ca", kubeconfig: true },
  { name: "super-admin.conf", path: "/etc/kubernetes/super-admin.conf", ca: "ca", kubeconfig: true },
];
export const MANAGED_CAS: readonly { name: string; path: string }[] = [
  { name: "ca", path: `${PKI}/ca.crt` },
  { name: "etcd-ca", path: `${PKI}/etcd/ca.crt` },
  { name: "front-proxy-ca", path: `${PKI}/front-proxy-ca.crt` },
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");
/** Go layout "Jan 02, 2006 15:04 MST" in UTC. */
export function expiresText(d: Date): string {
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}, ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

function notAfter(io: CommandIO, path: string, kubeconfig?: boolean): Date | undefined {
  try {
    const pem = kubeconfig ? readKubeconfig(io.nodePath(path)).clientCertPem : fs.readFileSync(io.nodePath(path), "utf8");
    return pem ? new Date(new X509Certificate(pem).validTo) : undefined;
  } catch {
    return undefined;
  }
}

export function checkExpiration(io: CommandIO, clock: Clock, kubeadmVersion = "v1.32.3"): number {
  const now = clock.now().getTime();
  io.stdout.write(
    `[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n` +
      `[check-expiration] ${uploadConfigHint(kubeadmVersion)}\n\n`,
  );
  const rows: string[][] = [["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"]];
  for (const c of MANAGED_CERTS) {
    const t = notAfter(io, c.path, c.kubeconfig);
    if (!t) continue;
    rows.push([c.name, expiresText(t), shortHumanDuration(t.getTime() - now), c.ca, "no".padEnd(8)]);
  }
  const cas: string[][] = [["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]];
  for (const c of MANAGED_CAS) {
    const t = notAfter(io, c.path);
    if (!t) continue;
    cas.push([c.name, expiresText(t), shortHumanDuration(t.getTime() - now), "no".padEnd(8)]);
  }
  io.stdout.write(tabwrite(rows) + "\n" + tabwrite(cas));
  return 0;
}

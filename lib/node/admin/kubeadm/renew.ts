// kubeadm certs renew <name>|all (cmd/kubeadm/app/cmd/certs.go, phases/certs/renewal): each
// managed certificate is re-issued by its CA from the node's PKI with the same subject, SANs
// and usages, a new key (FileRenewer → pkiutil.NewCertAndKey) and a fresh one-year validity.
// Kubeconfig-embedded client certificates are rewritten in place; ~/.kube/config, a copy, is not.
import fs from "node:fs";
import { X509Certificate } from "node:crypto";
import type { Clock } from "../../../cluster/api/types.js";
import {
  CERTIFICATE_VALIDITY_MS,
  generateRsaKeyPair,
  loadCertificateAuthority,
  newSignedCert,
  validity,
  type ExtKeyUsage,
  type KeySource,
} from "../../kubeadm";
import type { CommandIO } from "../../types";
import { MANAGED_CERTS } from "./certs";
import { uploadConfigHint } from "./messages";

/** The handlers' LongName (renewal/readwriter + certs.go), printed as "<long name> renewed". */
export const CERT_LONG_NAMES: ReadonlyMap<string, string> = new Map([
  ["admin.conf", "certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself"],
  ["apiserver", "certificate for serving the Kubernetes API"],
  ["apiserver-etcd-client", "certificate the apiserver uses to access etcd"],
  ["apiserver-kubelet-client", "certificate for the API server to connect to kubelet"],
  ["controller-manager.conf", "certificate embedded in the kubeconfig file for the controller manager to use"],
  ["etcd-healthcheck-client", "certificate for liveness probes to healthcheck etcd"],
  ["etcd-peer", "certificate for etcd nodes to communicate with each other"],
  ["etcd-server", "certificate for serving etcd"],
  ["front-proxy-client", "certificate for the front proxy client"],
  ["scheduler.conf", "certificate embedded in the kubeconfig file for the scheduler manager to use"],
  ["super-admin.conf", "certificate embedded in the kubeconfig file for the super-admin"],
]);

const CA_FILES: Record<string, string> = {
  ca: "/etc/kubernetes/pki/ca",
  "etcd-ca": "/etc/kubernetes/pki/etcd/ca",
  "front-proxy-ca": "/etc/kubernetes/pki/front-proxy-ca",
};

export interface RenewDeps {
  clock: Clock;
  keySource?: KeySource;
  kubeadmVersion: string;
}

const EKU: Record<string, ExtKeyUsage> = { "1.3.6.1.5.5.7.3.1": "serverAuth", "1.3.6.1.5.5.7.3.2": "clientAuth" };

/** Subject, SANs and usages of an existing certificate: the CertConfig kubeadm renews it with. */
function certConfig(cert: X509Certificate) {
  const subject = cert.subject.split("\n");
  const cn = subject.find((l) => l.startsWith("CN="))?.slice(3) ?? "";
  const org = subject.filter((l) => l.startsWith("O=")).map((l) => l.slice(2));
  const sans = (cert.subjectAltName ?? "").split(", ").filter(Boolean);
  return {
    commonName: cn,
    organization: org.length ? org : undefined,
    dnsNames: sans.filter((s) => s.startsWith("DNS:")).map((s) => s.slice(4)),
    ips: sans.filter((s) => s.startsWith("IP Address:")).map((s) => s.slice(11)),
    extKeyUsages: (cert.keyUsage ?? []).map((o) => EKU[o]).filter(Boolean),
  };
}

/** Replaces the value of a "key: value" line of a kubeconfig, keeping the file otherwise as is. */
function replaceField(yaml: string, key: string, value: string): string {
  return yaml.replace(new RegExp(`^(\\s*${key}:\\s*)\\S+\\s*$`, "m"), `$1${value}`);
}

async function renewOne(io: CommandIO, deps: RenewDeps, name: string): Promise<"renewed" | "missing"> {
  const spec = MANAGED_CERTS.find((c) => c.name === name)!;
  const file = io.nodePath(spec.path);
  if (!fs.existsSync(file)) return "missing";
  const caBase = io.nodePath(CA_FILES[spec.ca]);
  const ca = loadCertificateAuthority(fs.readFileSync(caBase + ".crt", "utf8"), fs.readFileSync(caBase + ".key", "utf8"));
  let kubeconfig: string | undefined;
  let certPem: string;
  if (spec.kubeconfig) {
    kubeconfig = fs.readFileSync(file, "utf8");
    const m = /client-certificate-data:\s*(\S+)/.exec(kubeconfig);
    if (!m) return "missing";
    certPem = Buffer.from(m[1], "base64").toString("utf8");
  } else certPem = fs.readFileSync(file, "utf8");
  const old = new X509Certificate(certPem);
  const keys = await (deps.keySource ?? generateRsaKeyPair)();
  const renewed = newSignedCert(ca, keys, { ...certConfig(old), ...validity(deps.clock.now(), CERTIFICATE_VALIDITY_MS) });
  if (kubeconfig !== undefined) {
    let out = replaceField(kubeconfig, "client-certificate-data", Buffer.from(renewed.certPem).toString("base64"));
    out = replaceField(out, "client-key-data", Buffer.from(renewed.keyPem).toString("base64"));
    fs.writeFileSync(file, out, { mode: 0o600 });
  } else {
    fs.writeFileSync(file, renewed.certPem);
    fs.writeFileSync(file.replace(/\.crt$/, ".key"), renewed.keyPem, { mode: 0o600 });
  }
  return "renewed";
}

export async function certsRenew(io: CommandIO, deps: RenewDeps, args: string[]): Promise<number> {
  const names = args.filter((a) => !a.startsWith("-"));
  const target = names[0];
  const all = [...CERT_LONG_NAMES.keys()];
  if (target === undefined) {
    io.stderr.write(`missing subcommand; "renew" is not meant to be run on its own\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  if (target !== "all" && !CERT_LONG_NAMES.has(target)) {
    io.stderr.write(`Error: unknown command "${target}" for "kubeadm certs renew"\nRun 'kubeadm certs renew --help' for usage.\n`);
    return 1;
  }
  io.stdout.write(`[renew] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[renew] ${uploadConfigHint(deps.kubeadmVersion)}\n\n`);
  for (const name of target === "all" ? all : [target]) {
    const r = await renewOne(io, deps, name);
    io.stdout.write(r === "missing" ? `MISSING! ${CERT_LONG_NAMES.get(name)}\n` : `${CERT_LONG_NAMES.get(name)} renewed\n`);
  }
  if (target === "all") {
    io.stdout.write("\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n");
  }
  return 0;
}

/** The renewals `kubeadm upgrade` does along the way: no output of their own. */
export async function certsRenewQuiet(io: CommandIO, deps: RenewDeps, names: string[]): Promise<void> {
  for (const name of names) await renewOne(io, deps, name);
}

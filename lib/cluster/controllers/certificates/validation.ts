// What each kubernetes.io signer accepts: pkg/apis/certificates/helpers.go
// (ValidateKubeletClientCSR, ValidateKubeletServingCSR) and pkg/controller/certificates/signer
// (validAPIServerClientUsages), with upstream's error texts.
import type { ParsedCSR } from "./csr.js";

export const KUBE_APISERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
export const KUBE_APISERVER_CLIENT_KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
export const KUBELET_SERVING = "kubernetes.io/kubelet-serving";
export const LEGACY_UNKNOWN = "kubernetes.io/legacy-unknown";

const sorted = (s: Iterable<string>) => [...new Set(s)].sort();
const sameSet = (a: Set<string>, b: string[]) => a.size === b.length && b.every((x) => a.has(x));
const goList = (l: string[]) => `[${l.join(" ")}]`;

const CLIENT_USAGES = ["client auth", "digital signature", "key encipherment"];
const CLIENT_USAGES_NO_RSA = ["client auth", "digital signature"];
const SERVING_USAGES = ["digital signature", "key encipherment", "server auth"];
const SERVING_USAGES_NO_RSA = ["digital signature", "server auth"];

export function validateKubeletClientCSR(req: ParsedCSR, usages: Set<string>): string | undefined {
  if (req.organization.length !== 1 || req.organization[0] !== "system:nodes") return "subject organization is not system:nodes";
  if (req.dnsNames.length) return "DNS subjectAltNames are not allowed";
  if (req.emailAddresses.length) return "Email subjectAltNames are not allowed";
  if (req.ipAddresses.length) return "IP subjectAltNames are not allowed";
  if (req.uris.length) return "URI subjectAltNames are not allowed";
  if (!req.commonName.startsWith("system:node:")) return "subject common name does not begin with system:node:";
  if (!sameSet(usages, CLIENT_USAGES) && !sameSet(usages, CLIENT_USAGES_NO_RSA)) return `usages did not match ${goList(CLIENT_USAGES)}`;
  return undefined;
}

export function validateKubeletServingCSR(req: ParsedCSR, usages: Set<string>): string | undefined {
  if (!sameSet(usages, SERVING_USAGES) && !sameSet(usages, SERVING_USAGES_NO_RSA)) return `usages did not match ${goList(SERVING_USAGES)}`;
  if (req.organization.length !== 1 || req.organization[0] !== "system:nodes") return "subject organization is not system:nodes";
  if (req.dnsNames.length === 0 && req.ipAddresses.length === 0) return "DNS or IP subjectAltName is required";
  if (req.emailAddresses.length) return "Email subjectAltNames are not allowed";
  if (req.uris.length) return "URI subjectAltNames are not allowed";
  if (!req.commonName.startsWith("system:node:")) return "subject common name does not begin with system:node:";
  return undefined;
}

export function validAPIServerClientUsages(usages: string[]): string | undefined {
  let hasClientAuth = false;
  for (const u of usages) {
    if (u === "digital signature" || u === "key encipherment") continue;
    if (u === "client auth") hasClientAuth = true;
    else return `invalid usage for client certificate: ${u}`;
  }
  if (!hasClientAuth) return "missing required usage for client certificate: client auth";
  return undefined;
}

/** isRequestForSignerFn: [recognized, validation error]. */
export function checkForSigner(signerName: string, req: ParsedCSR, usages: string[]): [boolean, string | undefined] {
  const set = new Set(usages);
  switch (signerName) {
    case KUBELET_SERVING:
      return [true, validateKubeletServingCSR(req, set)];
    case KUBE_APISERVER_CLIENT_KUBELET:
      return [true, validateKubeletClientCSR(req, set)];
    case KUBE_APISERVER_CLIENT:
      return [true, validAPIServerClientUsages(usages)];
    case LEGACY_UNKNOWN:
      return [true, undefined];
    default:
      return [false, undefined];
  }
}
export { sorted };

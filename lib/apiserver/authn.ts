// Authentication as kube-apiserver's default chain does it: client certificates signed by
// --client-ca-file (CN = user, O = groups), bearer tokens (ServiceAccount JWTs checked against
// --service-account-key-file, bootstrap tokens from kube-system Secrets), else anonymous.
import { createPublicKey, verify as verifySig, type KeyObject } from "node:crypto";
import type { TLSSocket } from "node:tls";
import type { KObject, UserInfo } from "../cluster/api/types.js";
import type { Req } from "./http.js";

export interface TokenLookups {
  /** kube-system Secret bootstrap-token-<id>, if any. */
  bootstrapSecret(tokenId: string): KObject | undefined;
  /** For legacy and bound tokens: does the ServiceAccount (and the bound pod/secret) still exist? */
  serviceAccount(namespace: string, name: string): KObject | undefined;
}

export interface Authenticator {
  authenticate(req: Req): UserInfo | null; // null = bad credentials (401)
}

const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

function withAuthenticated(u: UserInfo): UserInfo {
  return u.groups.includes("system:authenticated") ? u : { ...u, groups: [...u.groups, "system:authenticated"] };
}

export function createAuthenticator(opts: { saPublicKeys: string[]; issuers: string[]; audiences: string[]; lookups: TokenLookups; now: () => Date }): Authenticator {
  const keys: KeyObject[] = opts.saPublicKeys.map((k) => createPublicKey(k));
  return {
    authenticate(req: Req): UserInfo | null {
      const auth = req.headers["authorization"];
      if (typeof auth === "string" && /^bearer /i.test(auth)) {
        const token = auth.slice(7).trim();
        return token ? authenticateToken(token, keys, opts) : null;
      }
      const socket = req.socket as TLSSocket;
      if (socket && typeof socket.getPeerCertificate === "function" && socket.authorized) {
        const cert = socket.getPeerCertificate();
        if (cert && cert.subject) {
          const cn = cert.subject.CN;
          const o = cert.subject.O;
          const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
          if (cn) return withAuthenticated({ username: Array.isArray(cn) ? cn[0] : cn, groups });
        }
      }
      return ANONYMOUS;
    },
  };
}

function authenticateToken(token: string, keys: KeyObject[], opts: { issuers: string[]; audiences: string[]; lookups: TokenLookups; now: () => Date }): UserInfo | null {
  const boot = /^([a-z0-9]{6})\.([a-z0-9]{16})$/.exec(token);
  if (boot) {
    const secret = opts.lookups.bootstrapSecret(boot[1]);
    const data = (secret?.data ?? {}) as Record<string, string>;
    const dec = (k: string) => (data[k] ? Buffer.from(data[k], "base64").toString("utf8") : "");
    if (!secret || secret.type !== "bootstrap.kubernetes.io/token" || dec("token-secret") !== boot[2]) return null;
    if (dec("usage-bootstrap-authentication") !== "true") return null;
    const exp = dec("expiration");
    if (exp && new Date(exp) < opts.now()) return null;
    const extra = dec("auth-extra-groups").split(",").filter(Boolean);
    return withAuthenticated({ username: `system:bootstrap:${boot[1]}`, groups: ["system:bootstrappers", ...extra] });
  }
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  let header: { alg?: string }, claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (header.alg !== "RS256") return null;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = Buffer.from(parts[2], "base64url");
  if (!keys.some((k) => verifySig("RSA-SHA256", signed, k, sig))) return null;
  const nowSec = Math.floor(opts.now().getTime() / 1000);
  if (typeof claims.exp === "number" && claims.exp < nowSec) return null;
  if (typeof claims.nbf === "number" && claims.nbf > nowSec + 60) return null;
  const iss = claims.iss as string;
  let ns: string | undefined, name: string | undefined, uid: string | undefined;
  if (iss === "kubernetes/serviceaccount") {
    ns = claims["kubernetes.io/serviceaccount/namespace"] as string;
    name = claims["kubernetes.io/serviceaccount/service-account.name"] as string;
    uid = claims["kubernetes.io/serviceaccount/service-account.uid"] as string;
  } else if (opts.issuers.includes(iss)) {
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.some((a) => opts.audiences.includes(a as string))) return null;
    const k8s = claims["kubernetes.io"] as { namespace?: string; serviceaccount?: { name?: string; uid?: string } } | undefined;
    ns = k8s?.namespace;
    name = k8s?.serviceaccount?.name;
    uid = k8s?.serviceaccount?.uid;
  } else return null;
  if (!ns || !name) return null;
  const sa = opts.lookups.serviceAccount(ns, name);
  if (!sa || (uid && sa.metadata?.uid !== uid)) return null;
  return withAuthenticated({
    username: `system:serviceaccount:${ns}:${name}`,
    uid,
    groups: ["system:serviceaccounts", `system:serviceaccounts:${ns}`],
  });
}

// Resources that are answered, not stored: the access reviews (`kubectl auth can-i`), the
// self-subject reviews (`kubectl auth whoami`), TokenReview, and TokenRequest
// (serviceaccounts/token, `kubectl create token`).
import { createPrivateKey, sign } from "node:crypto";
import { StatusError, type KObject, type ResourceInfo, type UserInfo } from "../cluster/api/types.js";
import { decodeObject } from "./body.js";
import { readBody, sendJSON, type Req } from "./http.js";
import type { Authenticator } from "./authn.js";
import type { RestContext } from "./rest.js";
import type { Authorizer } from "./authz.js";
import type { ApiServerConfig } from "./server.js";
import { rfc3339 } from "./storage/registry.js";
import { selfSubjectRulesReviewStatus } from "../cluster/rbac/rules-review.js";

const REVIEWS = new Set(["selfsubjectaccessreviews", "subjectaccessreviews", "localsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews", "tokenreviews"]);

export function isVirtual(info: ResourceInfo, subresource: string): boolean {
  return REVIEWS.has(info.resource) || (info.resource === "serviceaccounts" && subresource === "token");
}

type Spec = {
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; version?: string; resource?: string; subresource?: string; name?: string; fieldSelector?: unknown; labelSelector?: unknown };
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
  namespace?: string;
};

/**
 * TokenReview (pkg/registry/authentication/tokenreview/storage.go): the token run through the
 * server's bearer-token authenticators. Failures keep one error text for every cause.
 */
function tokenReview(body: KObject, deps: { authn?: Authenticator; config: ApiServerConfig }, base: (status: unknown) => KObject): KObject {
  const spec = (body.spec ?? {}) as { token?: string; audiences?: string[] };
  if (!spec.token) throw new StatusError(400, "BadRequest", "token is required for TokenReview in authentication");
  const fake = { headers: { authorization: `Bearer ${spec.token}` }, socket: {} } as unknown as Req;
  const user = deps.authn?.authenticate(fake);
  if (!user || user.username === "system:anonymous") return base({ user: {}, error: "[invalid bearer token, token lookup failed]" });
  const audiences = spec.audiences?.length ? spec.audiences : [deps.config.issuer];
  return base({ authenticated: true, user: userInfoJSON(user), audiences });
}

export async function handleVirtual(ctx: RestContext, deps: { authz: Authorizer; config: ApiServerConfig; authn?: Authenticator }): Promise<void> {
  const { info, ri } = ctx;
  if (ri.verb !== "create") throw new StatusError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`, {});
  const body = decodeObject(await readBody(ctx.req), ctx.req.headers["content-type"] as string | undefined);
  const spec = (body.spec ?? {}) as Spec;
  const apiVersion = `${info.group}/${info.version}`;
  const base = (status: unknown): KObject => ({ kind: info.kind, apiVersion, metadata: { creationTimestamp: null as unknown as string, ...(body.metadata?.name ? { name: body.metadata.name } : {}) }, spec: body.spec, status });

  if (info.resource === "selfsubjectreviews") {
    const u = ctx.user;
    return sendJSON(ctx.res, 201, { kind: "SelfSubjectReview", apiVersion, metadata: { creationTimestamp: null }, status: { userInfo: userInfoJSON(u) } });
  }
  if (info.resource === "selfsubjectrulesreviews") {
    return sendJSON(ctx.res, 201, base(selfSubjectRulesReviewStatus(deps.authz.resolver, ctx.user, spec.namespace ?? "")));
  }
  if (info.resource === "tokenreviews") return sendJSON(ctx.res, 201, tokenReview(body, deps, base));
  if (info.resource === "serviceaccounts") {
    ctx.admission.admitSubresourceCreate?.(info, ri.namespace, ri.name, "token", body, ctx.user);
    return tokenRequest(ctx, body, deps.config);
  }

  // Access reviews.
  let user: UserInfo;
  if (info.resource === "selfsubjectaccessreviews") user = ctx.user;
  else user = { username: spec.user ?? "", groups: spec.groups ?? [], uid: spec.uid, extra: spec.extra };
  if (info.resource === "localsubjectaccessreviews") {
    const ns = spec.resourceAttributes?.namespace;
    if (ns !== ri.namespace) {
      throw new StatusError(422, "Invalid", `LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "${ns ?? ""}": must match metadata.namespace`, {});
    }
  }
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  if (!ra && !na) {
    throw new StatusError(422, "Invalid", `${info.kind}.${info.group} "" is invalid: spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified`, {});
  }
  const d = await deps.authz.authorize(
    ra
      ? { user, verb: ra.verb ?? "", namespace: ra.namespace ?? "", apiGroup: ra.group ?? "", resource: ra.resource ?? "", subresource: ra.subresource ?? "", name: ra.name ?? "", resourceRequest: true, path: "" }
      : { user, verb: na!.verb ?? "", namespace: "", apiGroup: "", resource: "", subresource: "", name: "", resourceRequest: false, path: na!.path ?? "" },
  );
  const status: Record<string, unknown> = { allowed: d.allowed };
  if (d.denied) status.denied = true;
  if (d.reason) status.reason = d.reason;
  const out = base(status);
  if (info.resource === "localsubjectaccessreviews") out.metadata = { ...out.metadata, namespace: ri.namespace };
  sendJSON(ctx.res, 201, out);
}

function userInfoJSON(u: UserInfo) {
  const out: Record<string, unknown> = { username: u.username };
  if (u.uid) out.uid = u.uid;
  if (u.groups.length) out.groups = u.groups;
  if (u.extra && Object.keys(u.extra).length) out.extra = u.extra;
  return out;
}

/** TokenRequest: a bound ServiceAccount token signed with --service-account-signing-key-file. */
async function tokenRequest(ctx: RestContext, body: KObject, config: ApiServerConfig) {
  sendJSON(ctx.res, 201, await issueServiceAccountToken(ctx, body, config));
}

/** The TokenRequest answer for serviceaccounts/<name>/token (shared with in-process clients). */
export async function issueServiceAccountToken(ctx: Pick<RestContext, "registry" | "info" | "clock"> & { ri: { namespace: string; name: string } }, body: KObject, config: Pick<ApiServerConfig, "saSigningKey" | "issuer" | "saPublicKeys">): Promise<KObject> {
  const { ri } = ctx;
  const sa = await ctx.registry.get(ctx.info, ri.namespace, ri.name);
  if (!config.saSigningKey) throw new StatusError(500, "InternalError", "Internal error occurred: no service account signing key");
  const spec = (body.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: { kind: string; name: string; uid?: string; apiVersion?: string } };
  const expSeconds = spec.expirationSeconds ?? 3600;
  if (expSeconds < 600) {
    throw new StatusError(422, "Invalid", `TokenRequest.authentication.k8s.io "${ri.name}" is invalid: spec.expirationSeconds: Invalid value: ${expSeconds}: may not specify a duration less than 10 minutes`, {});
  }
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const audiences = spec.audiences?.length ? spec.audiences : [config.issuer];
  const claims: Record<string, unknown> = {
    aud: audiences,
    exp: now + expSeconds,
    iat: now,
    iss: config.issuer,
    jti: ctx.registry ? cryptoUuid() : undefined,
    "kubernetes.io": {
      namespace: ri.namespace,
      serviceaccount: { name: ri.name, uid: sa.metadata?.uid },
      ...(spec.boundObjectRef ? { [spec.boundObjectRef.kind.toLowerCase()]: { name: spec.boundObjectRef.name, uid: spec.boundObjectRef.uid } } : {}),
    },
    nbf: now,
    sub: `system:serviceaccount:${ri.namespace}:${ri.name}`,
  };
  const header = { alg: "RS256", kid: keyId(config) };
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const signingInput = `${enc(header)}.${enc(claims)}`;
  const signature = sign("RSA-SHA256", Buffer.from(signingInput), createPrivateKey(config.saSigningKey)).toString("base64url");
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name: ri.name, namespace: ri.namespace, creationTimestamp: null } as unknown as KObject["metadata"],
    spec: { audiences, expirationSeconds: expSeconds, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token: `${signingInput}.${signature}`, expirationTimestamp: rfc3339(new Date((now + expSeconds) * 1000)) },
  };
}

import { createHash, randomUUID } from "node:crypto";
function cryptoUuid() {
  return randomUUID();
}
/** The kid kube-apiserver derives from the public key (sha256 of its DER, base64url). */
function keyId(config: Pick<ApiServerConfig, "saSigningKey" | "saPublicKeys">): string {
  const pub = config.saPublicKeys[0] ?? "";
  return createHash("sha256").update(pub).digest("base64url");
}

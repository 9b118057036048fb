// TokenReview answers with the bearer-token authenticators (pkg/registry/authentication/tokenreview):
// a token from TokenRequest authenticates as its ServiceAccount; anything else does not.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiServer } from "./server.js";
import { ADMIN, newTestServer, request } from "./testing/http.js";

let api: ApiServer;
let saUid = "";
beforeAll(async () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  api = await newTestServer({ saPublicKeys: [publicKey.export({ type: "spki", format: "pem" }).toString()], saSigningKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() });
  await request(api, { method: "POST", path: "/api/v1/namespaces", as: ADMIN, body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } } });
  const sa = await request(api, { method: "POST", path: "/api/v1/namespaces/default/serviceaccounts", as: ADMIN, body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "bot" } } });
  saUid = (sa.json!.metadata as { uid: string }).uid;
});
afterAll(() => api.close());

const review = (token: string | undefined) =>
  request(api, { method: "POST", path: "/apis/authentication.k8s.io/v1/tokenreviews", as: ADMIN, body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec: token === undefined ? {} : { token } } });

describe("TokenReview", () => {
  it("a ServiceAccount token authenticates as the account", async () => {
    const tr = await request(api, { method: "POST", path: "/api/v1/namespaces/default/serviceaccounts/bot/token", as: ADMIN, body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: {} } });
    const token = (tr.json!.status as { token: string }).token;
    const r = await review(token);
    expect(r.code).toBe(201);
    expect(r.json!.status).toEqual({
      authenticated: true,
      user: { username: "system:serviceaccount:default:bot", uid: saUid, groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"] },
      audiences: ["https://kubernetes.default.svc.cluster.local"],
    });
  });

  it("a token that does not verify is not authenticated", async () => {
    expect((await review("abc.def.ghi")).json!.status).toEqual({ user: {}, error: "[invalid bearer token, token lookup failed]" });
  });

  it("a review without a token is a bad request", async () => {
    const r = await review(undefined);
    expect({ code: r.code, message: r.json!.message }).toEqual({ code: 400, message: "token is required for TokenReview in authentication" });
  });
});

// Drives ApiServer.handle with in-memory requests, the way the HTTPS listener would, so tests of
// the request path (admission, apply, fuzzing) need no sockets or certificates. Identity comes
// from a stand-in verified client certificate (CN = user, O = groups); none means anonymous.
import { Readable } from "node:stream";
import { MemoryStore } from "../../store/memory.js";
import { counterRandom } from "../../cluster/client/fake.js";
import type { Store } from "../../store/types.js";
import { ApiServer, type ApiServerConfig } from "../server.js";
import type { Req, Res } from "../http.js";

export interface TestResponse {
  code: number;
  headers: Record<string, string | string[]>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface TestRequest {
  method: string;
  path: string;
  body?: string | Buffer | object;
  headers?: Record<string, string | string[]>;
  /** The client certificate's subject: CN = user, O = groups. */
  as?: { user: string; groups?: string[] };
}

export const ADMIN = { user: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:masters"] };

export const TEST_CLOCK = { now: () => new Date("2026-11-25T10:00:00Z") };

export async function newTestServer(overrides: Partial<ApiServerConfig> = {}, store: Store = new MemoryStore()): Promise<ApiServer> {
  const api = new ApiServer({
    store,
    clock: TEST_CLOCK,
    random: counterRandom(),
    tlsCert: Buffer.alloc(0),
    tlsKey: Buffer.alloc(0),
    clientCA: Buffer.alloc(0),
    saPublicKeys: [],
    issuer: "https://kubernetes.default.svc.cluster.local",
    admission: { enabled: ["NodeRestriction"], disabled: [], serviceCIDR: "10.96.0.0/12", nodePortRange: [30000, 32767] },
    authorizationModes: ["AlwaysAllow"],
    advertiseAddress: "172.30.1.2",
    securePort: 6443,
    ...overrides,
  });
  await api.start();
  return api;
}

/** One request through the whole handler chain; never throws for an HTTP-level failure. */
export async function request(api: ApiServer, r: TestRequest): Promise<TestResponse> {
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(r.body) ? r.body : Buffer.from(typeof r.body === "string" ? r.body : JSON.stringify(r.body));
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  if (r.body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const as = r.as;
  const socket = as ? { authorized: true, getPeerCertificate: () => ({ subject: { CN: as.user, O: as.groups ?? [] } }) } : {};
  const req = Object.assign(Readable.from(body.length ? [body] : []), { method: r.method, url: r.path, headers, socket }) as unknown as Req;
  const out: Buffer[] = [];
  const resHeaders: Record<string, string | string[]> = {};
  let code = 0;
  let done: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (done = resolve));
  const res = {
    headersSent: false,
    setHeader(n: string, v: string | string[]) {
      resHeaders[n.toLowerCase()] = v;
    },
    writeHead(c: number, h: Record<string, string> = {}) {
      code = c;
      this.headersSent = true;
      for (const [k, v] of Object.entries(h)) resHeaders[k.toLowerCase()] = v;
      return this;
    },
    write(d: string | Buffer) {
      out.push(Buffer.from(d));
      return true;
    },
    end(d?: string | Buffer) {
      if (d !== undefined) out.push(Buffer.from(d));
      done();
    },
    on() {
      return this;
    },
    flushHeaders() {},
  };
  await api.handle(req, res as unknown as Res);
  await ended;
  const text = Buffer.concat(out).toString("utf8");
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { code, headers: resHeaders, text, json };
}

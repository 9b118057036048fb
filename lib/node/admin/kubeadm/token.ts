// kubeadm token create|list|delete|generate (cmd/kubeadm/app/cmd/token.go, the bootstrap token
// Secret layout of k8s.io/cluster-bootstrap/token/api and bootstraptokenhelpers.go).
import { createHash, X509Certificate } from "node:crypto";
import type { Clock, KObject, Random } from "../../../cluster/api/types.js";
import type { ClusterClient } from "../../../cluster/client/types.js";
import { GR } from "../../../cluster/client/types.js";
import type { CommandIO } from "../../types";
import { parseGoDuration, shortHumanDuration, tabwrite } from "../tabwriter";
import { signClusterInfo } from "./bootstrap-signer";
import { fail } from "./errors";
import { readKubeconfig } from "./kubeconfig";

export const BOOTSTRAP_TOKEN_SECRET_TYPE = "bootstrap.kubernetes.io/token";
export const DEFAULT_TOKEN_GROUPS = ["system:bootstrappers:kubeadm:default-node-token"];
export const DEFAULT_TOKEN_USAGES = ["signing", "authentication"];
const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const TOKEN_ID_RE = /^[a-z0-9]{6}$/;
const GROUP_RE = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
const VALID_USAGES = ["signing", "authentication"];

export interface TokenDeps {
  client: () => Promise<ClusterClient>;
  clock: Clock;
  random: Random;
}

export function generateToken(random: Random): string {
  return `${random.string(6)}.${random.string(16)}`;
}

/** pubkeypin.Hash: "sha256:" + hex SHA-256 of the certificate's SubjectPublicKeyInfo. */
export function caCertHash(caPem: string): string {
  const spki = new X509Certificate(caPem).publicKey.export({ type: "spki", format: "der" });
  return "sha256:" + createHash("sha256").update(spki).digest("hex");
}

const b64 = (s: string) => Buffer.from(s).toString("base64");
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function flagValues(args: string[]): { pos: string[]; flags: Map<string, string> } | string {
  const pos: string[] = [];
  const flags = new Map<string, string>();
  const withValue = new Set(["--ttl", "--description", "--usages", "--groups", "--kubeconfig", "--config", "-o", "--output", "--experimental-output"]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-")) {
      pos.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (withValue.has(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) return `flag needs an argument: ${name}`;
      flags.set(name, v);
    } else if (name === "--print-join-command" || name === "--dry-run") flags.set(name, eq > 0 ? a.slice(eq + 1) : "true");
    else return `unknown flag: ${name}`;
  }
  return { pos, flags };
}

export async function tokenCommand(io: CommandIO, deps: TokenDeps, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = flagValues(rest);
  if (typeof parsed === "string") {
    io.stderr.write(`Error: ${parsed}\n`);
    return 1;
  }
  const { pos, flags } = parsed;
  switch (sub) {
    case "generate":
      io.stdout.write(generateToken(deps.random) + "\n");
      return 0;
    case "create":
      return create(io, deps, pos, flags);
    case "list":
      return list(io, deps);
    case "delete":
      return del(io, deps, pos);
    default:
      return fail(io, sub === undefined ? 'missing subcommand; "token" is not meant to be run on its own' : `invalid subcommand "${sub}"`);
  }
}

async function create(io: CommandIO, deps: TokenDeps, pos: string[], flags: Map<string, string>): Promise<number> {
  const token = pos[0] ?? generateToken(deps.random);
  const m = TOKEN_RE.exec(token);
  if (!m) return fail(io, `the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  const ttlText = flags.get("--ttl") ?? "24h";
  const ttl = parseGoDuration(ttlText);
  if (ttl === undefined) {
    io.stderr.write(`Error: invalid argument "${ttlText}" for "--ttl" flag: time: invalid duration "${ttlText}"\n`);
    return 1;
  }
  const usages = flags.has("--usages") ? flags.get("--usages")!.split(",").filter(Boolean) : DEFAULT_TOKEN_USAGES;
  for (const u of usages) {
    if (!VALID_USAGES.includes(u)) return fail(io, `invalid bootstrap token usage string: ${u}, valid usage options: ${VALID_USAGES.join(",")}`);
  }
  const groups = flags.has("--groups") ? flags.get("--groups")!.split(",").filter(Boolean) : DEFAULT_TOKEN_GROUPS;
  for (const g of groups) {
    if (!GROUP_RE.test(g)) return fail(io, `bootstrap group "${g}" is invalid (must match ^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$)`);
  }
  let join: string | undefined;
  if (flags.get("--print-join-command") === "true") {
    const kc = readKubeconfig(io.nodePath(flags.get("--kubeconfig") ?? "/etc/kubernetes/admin.conf"));
    if (!kc.caPem) return fail(io, "failed to get join command: no CA certificates found in kubeconfig");
    // join.go's template with "\\\n" and "\t" removed: the continuation line's four spaces stay.
    join = `kubeadm join ${kc.server.replace("https://", "")} --token ${token}     --discovery-token-ca-cert-hash ${caCertHash(kc.caPem)} `;
  }
  const data: Record<string, string> = Object.create(null);
  data["token-id"] = b64(m[1]);
  data["token-secret"] = b64(m[2]);
  const description = flags.get("--description");
  if (description) data.description = b64(description);
  if (ttl > 0) data.expiration = b64(rfc3339(new Date(deps.clock.now().getTime() + ttl)));
  for (const u of usages) data[`usage-bootstrap-${u}`] = b64("true");
  if (groups.length) data["auth-extra-groups"] = b64(groups.join(","));
  const secret: KObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${m[1]}`, namespace: "kube-system" },
    type: BOOTSTRAP_TOKEN_SECRET_TYPE,
    data,
  };
  const client = await deps.client();
  try {
    await client.create(GR.secrets, secret);
  } catch (e) {
    return fail(io, `failed to create or update bootstrap token with name bootstrap-token-${m[1]}: ${(e as Error).message}`);
  }
  if (usages.includes("signing")) await signClusterInfo(client, m[1], m[2]);
  io.stdout.write((join ?? token) + "\n");
  return 0;
}

function decode(secret: KObject): { token: string; description: string; expires?: string; usages: string[]; groups: string[] } | undefined {
  const data = (secret.data ?? {}) as Record<string, string>;
  const get = (k: string) => (data[k] !== undefined ? Buffer.from(data[k], "base64").toString("utf8") : undefined);
  const id = get("token-id");
  const sec = get("token-secret");
  if (!id || !sec) return undefined;
  const usages = Object.keys(data)
    .filter((k) => k.startsWith("usage-bootstrap-") && get(k) === "true")
    .map((k) => k.slice("usage-bootstrap-".length))
    .sort();
  return { token: `${id}.${sec}`, description: get("description") ?? "", expires: get("expiration"), usages, groups: (get("auth-extra-groups") ?? "").split(",").filter(Boolean) };
}

async function list(io: CommandIO, deps: TokenDeps): Promise<number> {
  const client = await deps.client();
  const rows: string[][] = [["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"]];
  for (const s of client.list(GR.secrets, "kube-system")) {
    if ((s as { type?: string }).type !== BOOTSTRAP_TOKEN_SECRET_TYPE) continue;
    const t = decode(s);
    if (!t) continue;
    let ttl = "<forever>";
    let expires = "<never>";
    if (t.expires) {
      ttl = shortHumanDuration(new Date(t.expires).getTime() - deps.clock.now().getTime());
      expires = t.expires;
    }
    rows.push([t.token, ttl, expires, t.usages.join(",") || "<none>", t.description || "<none>", t.groups.join(",") || "<none>"]);
  }
  io.stdout.write(tabwrite(rows));
  return 0;
}

async function del(io: CommandIO, deps: TokenDeps, pos: string[]): Promise<number> {
  if (pos.length < 1) return fail(io, `missing argument; 'token delete' is missing token of form "^[a-z0-9]{6}$" or "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  const client = await deps.client();
  for (const arg of pos) {
    let id = arg;
    if (!TOKEN_ID_RE.test(arg)) {
      const m = TOKEN_RE.exec(arg);
      if (!m) return fail(io, `given token didn't match pattern "^[a-z0-9]{6}$" or "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
      id = m[1];
    }
    try {
      await client.delete(GR.secrets, "kube-system", `bootstrap-token-${id}`);
    } catch (e) {
      return fail(io, `failed to delete bootstrap token "${id}": ${(e as Error).message}`);
    }
    await signClusterInfo(client, id, undefined);
    io.stdout.write(`bootstrap token "${id}" deleted\n`);
  }
  return 0;
}

// Requests through the lab network: http from a node (curl) or from a pod (kubectl exec ... wget,
// busybox's), and DNS from a pod (kubectl exec ... nslookup).
import type { CheckOf } from "../../exercises/schema.js";
import { firstLine } from "../kubectl.js";
import type { ExecResult } from "../lab-access.js";
import { GRADER_NODE, KUBECTL, sq } from "../shell.js";
import { checkText } from "../text.js";
import { fail, pass, type Evaluator, type Outcome } from "./types.js";

const STATUS_MARK = "__DRYDOCK_HTTP_STATUS__";

type FromPod = { pod: string; namespace: string; container?: string };

function execInPod(from: FromPod, argv: string[]): string {
  return [KUBECTL, "exec", "-n", sq(from.namespace), sq(from.pod), from.container !== undefined ? `-c ${sq(from.container)}` : "", "--", ...argv.map(sq)].filter(Boolean).join(" ");
}

/** kubectl's own failures (the pod is missing, not running, has no such container), told apart
 * from the failure of the command inside the pod. */
function kubectlExecFailed(r: ExecResult): string | undefined {
  const line = r.stderr.split("\n").find((l) => /^(Error from server|error: )/.test(l));
  return line && r.code !== 0 ? line : undefined;
}

export function httpScript(c: CheckOf<"http">): string {
  if ("node" in c.from) return `curl -sS -k --max-time ${c.timeoutSeconds} -w ${sq(`\n${STATUS_MARK}%{http_code}`)} ${sq(c.url)}`;
  return execInPod(c.from, ["wget", "-S", "-O", "-", "-T", String(c.timeoutSeconds), c.url]);
}

/** The response, or why there was none: curl's -w status line, or the last status line busybox
 * wget -S printed to stderr (it prints "server returned error: HTTP/1.1 404 ..." for errors). */
export function parseHttp(fromNode: boolean, r: ExecResult): { status?: number; body: string; error?: string } {
  if (fromNode) {
    const i = r.stdout.lastIndexOf(`\n${STATUS_MARK}`);
    const status = i >= 0 ? Number(r.stdout.slice(i + STATUS_MARK.length + 1).trim()) : 0;
    const body = i >= 0 ? r.stdout.slice(0, i) : r.stdout;
    return status > 0 ? { status, body } : { body, error: firstLine(r.stderr) || `curl exited ${r.code}` };
  }
  const statuses = [...r.stderr.matchAll(/HTTP\/\d(?:\.\d)?\s+(\d{3})/g)];
  if (statuses.length) return { status: Number(statuses[statuses.length - 1][1]), body: r.stdout };
  const wgetLine = r.stderr.split("\n").find((l) => l.startsWith("wget: "));
  return { body: r.stdout, error: wgetLine ?? (firstLine(r.stderr) || `wget exited ${r.code}`) };
}

export const http: Evaluator<"http"> = async (c, lab) => {
  const fromNode = "node" in c.from;
  const node = "node" in c.from ? c.from.node : GRADER_NODE;
  const where = "node" in c.from ? `from node ${c.from.node}` : `from pod ${c.from.namespace}/${c.from.pod}`;
  const r = await lab.exec(node, httpScript(c), { timeoutMs: (c.timeoutSeconds + 15) * 1000 });
  if (!fromNode) {
    const k = kubectlExecFailed(r);
    if (k) return fail(`kubectl exec ${where}: ${k}`);
  }
  const res = parseHttp(fromNode, r);
  if (res.status === undefined) return c.unreachable ? pass(`${c.url} ${where} is unreachable: ${res.error}`) : fail(`${c.url} ${where}: ${res.error}`);
  if (c.unreachable) return fail(`${c.url} ${where} answered HTTP ${res.status}`);
  if (c.status !== undefined && res.status !== c.status) return fail(`${c.url} ${where} answered HTTP ${res.status}, expected ${c.status}`);
  const why = c.body ? checkText(`the body of ${c.url}`, res.body, c.body) : null;
  return why ? fail(why) : pass(`${c.url} ${where}: HTTP ${res.status}`);
};

/** The answers of busybox nslookup: the Address lines after the first Name: line (the lines
 * before it describe the server). */
export function parseNslookup(out: string): string[] {
  const i = out.search(/^Name:/m);
  if (i < 0) return [];
  return [...out.slice(i).matchAll(/^Address(?:\s+\d+)?:\s*(\S+)/gm)].map((m) => m[1]);
}

export const dns: Evaluator<"dns"> = async (c, lab): Promise<Outcome> => {
  const where = `from pod ${c.from.namespace}/${c.from.pod}`;
  const r = await lab.exec(GRADER_NODE, execInPod(c.from, ["nslookup", c.query]));
  const k = kubectlExecFailed(r);
  if (k && !/can't find|NXDOMAIN|SERVFAIL|timed out/.test(r.stdout + r.stderr)) return fail(`kubectl exec ${where}: ${k}`);
  const addrs = r.code === 0 ? parseNslookup(r.stdout) : [];
  const resolves = addrs.length > 0;
  if (!resolves) return c.resolves ? fail(`${c.query} does not resolve ${where}: ${firstLine(r.stdout.split("\n").find((l) => l.includes("can't find")) ?? r.stderr) || "no address"}`) : pass(`${c.query} does not resolve ${where}`);
  if (!c.resolves) return fail(`${c.query} resolves ${where} to ${addrs.join(", ")}`);
  const why = c.address ? checkText(`the address of ${c.query}`, addrs.join("\n"), c.address) : null;
  return why ? fail(why) : pass(`${c.query} resolves ${where} to ${addrs.join(", ")}`);
};

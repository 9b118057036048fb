// The kubelet-proxied pod subresources: pods/log (plain text, optionally followed) and
// pods/exec over WebSocket with the v5.channel.k8s.io protocol (see docs/kubectl-wire.md):
// binary frames [channel]+data, 0 stdin, 1 stdout, 2 stderr, 3 status JSON, 4 resize JSON,
// [255, 0] closes stdin. The API server finds the pod and its container; the node answers.
import { PassThrough, type Readable } from "node:stream";
import type { WebSocket } from "ws";
import { StatusError, type KObject } from "../cluster/api/types.js";
import { badRequest } from "./errors.js";

export interface LogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

export interface ExecIO {
  stdin?: Readable;
  stdout: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  tty: boolean;
  onResize(listener: (size: { cols: number; rows: number }) => void): void;
}

/** The kubelets, as the API server reaches them (upstream: the node proxy to :10250). */
export interface NodeConnector {
  /** Rejects with StatusError carrying the kubelet's message (waiting to start, no previous...). */
  logs(pod: KObject, container: string, opts: LogOptions): Promise<Readable>;
  /** Resolves with the exit code of the command. */
  exec(pod: KObject, container: string, command: string[], io: ExecIO): Promise<number>;
  /** Streams the container's output until it exits (pods/attach); resolves with its exit code. */
  attach?(pod: KObject, container: string, io: ExecIO): Promise<number>;
}

type Container = { name: string };
type PodSpec = { containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[]; nodeName?: string };

/** Which container a request means: the one named, the only one, or the default-container annotation. */
export function resolveContainer(pod: KObject, requested: string | null): string {
  const spec = (pod.spec ?? {}) as PodSpec;
  const names = (spec.containers ?? []).map((c) => c.name);
  const inits = (spec.initContainers ?? []).map((c) => c.name);
  const eph = (spec.ephemeralContainers ?? []).map((c) => c.name);
  const podName = pod.metadata?.name;
  if (requested) {
    if (![...names, ...inits, ...eph].includes(requested)) {
      throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    }
    return requested;
  }
  if (names.length === 1) return names[0];
  const annotated = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  if (annotated && names.includes(annotated)) return annotated;
  let msg = `a container name must be specified for pod ${podName}, choose one of: [${names.join(" ")}]`;
  if (inits.length) msg += ` or one of the init containers: [${inits.join(" ")}]`;
  if (eph.length) msg += ` or one of the ephemeral containers: [${eph.join(" ")}]`;
  throw badRequest(msg);
}

export function logOptions(q: URLSearchParams): LogOptions {
  const num = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  return {
    follow: q.get("follow") === "true",
    previous: q.get("previous") === "true",
    timestamps: q.get("timestamps") === "true",
    tailLines: num("tailLines"),
    sinceSeconds: num("sinceSeconds"),
    sinceTime: q.get("sinceTime") ?? undefined,
    limitBytes: num("limitBytes"),
  };
}

/** A pod not on a node yet has no logs and no processes. */
export function requireScheduled(pod: KObject, container: string): void {
  if (!(pod.spec as PodSpec)?.nodeName) {
    throw badRequest(`container "${container}" in pod "${pod.metadata?.name}" is waiting to start: ContainerCreating`);
  }
}

const STATUS_SUCCESS = JSON.stringify({ metadata: {}, status: "Success" });

function exitStatus(command: string[], code: number): string {
  return JSON.stringify({
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  });
}

/** Runs one exec session over an accepted v5.channel.k8s.io WebSocket. */
export function serveExec(ws: WebSocket, q: URLSearchParams, run: (io: ExecIO) => Promise<number>): void {
  const command = q.getAll("command");
  const wantStdin = q.get("stdin") === "true" || q.get("stdin") === "1";
  const tty = q.get("tty") === "true" || q.get("tty") === "1";
  const stdin = wantStdin ? new PassThrough() : undefined;
  const resizeListeners: ((s: { cols: number; rows: number }) => void)[] = [];
  const frame = (ch: number, data: Buffer | string) => {
    if (ws.readyState !== ws.OPEN) return;
    const body = Buffer.isBuffer(data) ? data : Buffer.from(data);
    ws.send(Buffer.concat([Buffer.from([ch]), body]));
  };
  const out = (ch: number) => {
    const s = new PassThrough();
    s.on("data", (d: Buffer) => frame(ch, d));
    return s;
  };
  ws.on("message", (raw: Buffer) => {
    if (!raw.length) return;
    const ch = raw[0];
    const body = raw.subarray(1);
    if (ch === 0) stdin?.write(body);
    else if (ch === 255 && body[0] === 0) stdin?.end();
    else if (ch === 4) {
      try {
        const s = JSON.parse(body.toString()) as { Width: number; Height: number };
        for (const l of resizeListeners) l({ cols: s.Width, rows: s.Height });
      } catch {
        // A malformed resize is ignored, as the kubelet's stream handler does.
      }
    }
  });
  ws.on("close", () => stdin?.end());
  const stdout = out(1);
  const stderr = tty ? undefined : out(2);
  run({ stdin, stdout, stderr, tty, onResize: (l) => resizeListeners.push(l) })
    .then((code) => frame(3, code === 0 ? STATUS_SUCCESS : exitStatus(command, code)))
    .catch((e) => {
      const err = e instanceof StatusError ? e : new StatusError(500, "InternalError", String((e as Error).message ?? e));
      frame(3, JSON.stringify({ metadata: {}, status: "Failure", message: err.message, reason: err.reason, code: err.code }));
    })
    .finally(() => setTimeout(() => ws.close(1000), 10));
}

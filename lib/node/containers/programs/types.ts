// What a container runs. The runtime picks a program by image and argv; the lead plugs the
// control-plane components (etcd, kube-apiserver, ...) in with registerProgram.
import type { IFileSystem } from "just-bash";
import type { Time } from "../../../cluster/runtime/timers.js";
import type { SocketEnd } from "../duplex-pair.js";
import type { CatalogueEntry } from "../images/catalogue.js";
import type { ContainerNetwork } from "../shell/net.js";
import type { ProcessIdentity } from "../identity.js";

export type StopSignal = "SIGTERM" | "SIGQUIT" | "SIGINT" | "SIGWINCH" | "SIGKILL";

export interface ContainerProgramContext {
  /** The process's argv after Docker's ENTRYPOINT/CMD rules. */
  argv: string[];
  env: Record<string, string>;
  /** The normalised image reference, e.g. docker.io/library/nginx:1.27 */
  image: string;
  entry: CatalogueEntry | undefined;
  workingDir: string;
  /** The container's filesystem (image files, volumes). */
  fs: IFileSystem;
  /** Who the process runs as; root when absent. */
  identity?: ProcessIdentity;
  /** Where a path of the container lives on the host when it is a host-backed volume. */
  hostPathOf(containerPath: string): string | undefined;
  stdout(data: string): void;
  stderr(data: string): void;
  /** The process ended by itself; reason overrides the runtime's ("OOMKilled"). */
  exit(code: number, reason?: string): void;
  /** Accept TCP connections on the pod's IP (or the node's for hostNetwork). */
  listen(port: number, onConnection: (socket: SocketEnd) => void): void;
  time: Time;
  podIP: string;
  hostname: string;
  net: ContainerNetwork;
  memoryLimitBytes: number;
  annotations: Record<string, string>;
  /** Aborted when the process is killed (SIGKILL). */
  killed: AbortSignal;
}

export interface ContainerProgram {
  /** SIGKILL needs no answer: the runtime ends the container with 137 itself. */
  stop(signal: StopSignal): void;
}

export interface ContainerProgramEntry {
  name: string;
  match(image: string, argv: string[]): boolean;
  start(ctx: ContainerProgramContext): ContainerProgram;
}

/** Go-style "2006/01/02 15:04:05" local (UTC) time as nginx and Go's log package print it. */
export function slashTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** $time_local of nginx/httpd access logs: 25/Nov/2026:10:00:00 +0000 */
export function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 7231 date for the Date: header. */
export function httpDate(d: Date): string {
  return d.toUTCString();
}

export { DAYS, MONTHS };

// The simulated containerd of one node, behind the CRI RuntimeService the kubelet uses.
import * as nodeFs from "node:fs";
import * as path from "node:path";
import type { Duplex } from "node:stream";
import type { IFileSystem } from "just-bash";
import type { Random } from "../../cluster/api/types.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type {
  ContainerConfig,
  ContainerStatus,
  ExecResult,
  ExecStreams,
  ImageInfo,
  PodSandboxConfig,
  PodSandboxStatus,
  RuntimeService,
} from "../cri/types.js";
import type { NodeCommand } from "../types.js";
import { duplexPair, type SocketEnd } from "./duplex-pair.js";
import { newContainerdId } from "./ids.js";
import type { CatalogueEntry } from "./images/catalogue.js";
import { ImageStore, type StoredImage } from "./images/store.js";
import { ContainerLog } from "./logs.js";
import { MEMORY_USAGE_ANNOTATION, OOM_DELAY_MS, parseBytes } from "./programs/misc.js";
import { effectiveArgv, selectProgram } from "./programs/registry.js";
import type { ContainerProgram, ContainerProgramContext, ContainerProgramEntry, StopSignal } from "./programs/types.js";
import { buildRootfs, imageAccounts } from "./rootfs.js";
import { processIdentity, securityOf, type ProcessIdentity } from "./identity.js";
import { runExec, runInteractive } from "./exec.js";
import { startErrorMessage } from "./runtime-messages.js";
import { executableExists } from "./shell/shell.js";
import type { ContainerNetwork } from "./shell/net.js";
import { createCrictl } from "./crictl/crictl.js";
import type { ResumableRuntime, RestoreRecords } from "../cri/restore.js";

export interface ContainerRuntimeDeps {
  nodeName: string;
  nodePath(p: string): string;
  time: Time;
  random: Random;
  podIP(sandbox: PodSandboxConfig): string;
  network: {
    dial(fromIp: string, ip: string, port: number): Promise<Duplex | "refused" | "timeout">;
    dns(fromIp: string, query: Buffer): Promise<Buffer | undefined>;
  };
  /** Images on the node before any pull (kubeadm's pre-pulled images, the add-ons'). */
  preloadedImages?: string[];
}

/** Entrypoint wrappers that exec their arguments when those are not the image's daemon. */
const WRAPPERS = new Set(["/docker-entrypoint.sh", "docker-entrypoint.sh", "/entrypoint.sh", "/usr/bin/dumb-init"]);

export function stripWrapper(argv: string[]): string[] {
  if (!WRAPPERS.has(argv[0] ?? "")) return argv;
  const rest = argv.slice(1);
  return rest[0] === "--" ? rest.slice(1) : rest;
}

export interface Sandbox {
  status: PodSandboxStatus;
  /** Restored from before this containerd ran; its config is incomplete until resumePodSandbox. */
  dormant?: boolean;
}

export interface Container {
  status: ContainerStatus;
  sandbox: Sandbox;
  image: StoredImage;
  entry: CatalogueEntry;
  argv: string[];
  env: Record<string, string>;
  workingDir: string;
  fs: IFileSystem;
  /** The process user (runAsUser/runAsGroup/supplemental groups or the image's USER). */
  identity: ProcessIdentity;
  log: ContainerLog;
  logFile: string;
  program?: ContainerProgram;
  listeners: string[];
  killed: AbortController;
  exited: Promise<void>;
  markExited: () => void;
  /** Restored as running, its process not started yet (resumeContainer starts it). */
  dormant?: boolean;
}


export type ContainerRuntime = RuntimeService & ResumableRuntime & {
  /** containerd's records from before it started (a fresh lab's seeded pods), see lib/node/cri/restore.ts. */
  restore(records: RestoreRecords): void;
  registerProgram(p: ContainerProgramEntry): void;
  crictl: NodeCommand;
  /** connect with the client's address, so servers log and see it (RuntimeService.connect has none). */
  connect(ip: string, port: number, fromIp?: string): Duplex | "refused";
  readonly images: ImageStore;
  readonly sandboxes: Map<string, Sandbox>;
  readonly containers: Map<string, Container>;
};

export function createContainerRuntime(deps: ContainerRuntimeDeps): ContainerRuntime {
  const images = new ImageStore(deps.time);
  images.preload(deps.preloadedImages ?? []);
  const sandboxes = new Map<string, Sandbox>();
  const containers = new Map<string, Container>();
  const programs: ContainerProgramEntry[] = [];
  const listeners = new Map<string, { containerId: string; onConnection: (s: SocketEnd) => void }>();
  const eventListeners = new Set<(id: string) => void>();
  let ephemeralPort = 40000;

  const emit = (id: string) => {
    for (const l of eventListeners) queueMicrotask(() => l(id));
  };

  const getSandbox = (id: string): Sandbox => {
    const s = sandboxes.get(id) ?? [...sandboxes.values()].find((x) => x.status.id.startsWith(id));
    if (!s) throw new Error(`an error occurred when try to find sandbox "${id}": not found`);
    return s;
  };
  const getContainer = (id: string): Container => {
    const c = containers.get(id) ?? [...containers.values()].find((x) => x.status.id.startsWith(id));
    if (!c) throw new Error(`an error occurred when try to find container "${id}": not found`);
    return c;
  };

  const networkFor = (ip: string): ContainerNetwork => ({
    podIP: ip,
    // The pod's loopback reaches its own containers (one network namespace per pod).
    dial: (to, port) => deps.network.dial(ip, to === "127.0.0.1" || to === "localhost" ? ip : to, port),
    dns: (q) => deps.network.dns(ip, q),
  });

  function finish(c: Container, code: number, reason?: string): void {
    if (c.status.state !== "CONTAINER_RUNNING") return;
    c.status.state = "CONTAINER_EXITED";
    c.status.exitCode = code;
    c.status.finishedAt = deps.time.now();
    c.status.reason = reason ?? (code === 0 ? "Completed" : "Error");
    for (const key of c.listeners) listeners.delete(key);
    c.listeners = [];
    c.killed.abort();
    c.log.close();
    c.markExited();
    emit(c.status.id);
  }

  /** /proc/1/fd/1 and /proc/1/fd/2 are the container's stdout and stderr, for the main process and for `kubectl exec`. */
  function streamingFs(inner: IFileSystem, log: ContainerLog): IFileSystem {
    const streams: Record<string, "stdout" | "stderr"> = { "/proc/1/fd/1": "stdout", "/proc/1/fd/2": "stderr", "/dev/termination-log-stdout": "stdout" };
    return new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === "writeFile" || prop === "appendFile") {
          return async (p: string, content: string | Uint8Array, opts?: unknown) => {
            const stream = streams[p];
            if (stream) {
              const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
              if (text) log.write(stream, text);
              return;
            }
            return (target[prop] as (p: string, c: string | Uint8Array, o?: unknown) => Promise<void>).call(target, p, content, opts);
          };
        }
        if (prop === "exists") return async (p: string) => (streams[p] ? true : target.exists(p));
        if (prop === "stat" || prop === "lstat") {
          return async (p: string) =>
            streams[p]
              ? { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o620, size: 0, mtime: new Date(0) }
              : (target[prop] as (p: string) => Promise<unknown>).call(target, p);
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }

  function buildContainer(sandbox: Sandbox, config: ContainerConfig, id: string, createdAt: Date): Container {
    const img = images.find(config.image);
    if (!img) throw new Error(`failed to get image "${config.image}": image "${config.image}": not found`);
    const entry = img.entry;
    const argv = effectiveArgv(entry.config, config.command, config.args);
    const env: Record<string, string> = Object.create(null);
    for (const kv of entry.config.env) {
      const eq = kv.indexOf("=");
      env[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    env.HOSTNAME = sandbox.status.config.hostname;
    for (const { name, value } of config.env) env[name] = value;
    if (!env.HOME) env.HOME = "/root";
    const rel = config.logPath;
    const logNodePath = path.posix.join(sandbox.status.config.logDirectory, rel);
    const log = new ContainerLog(deps.nodePath(logNodePath), deps.time);
    const c = sandbox.status.config;
    const linkNode = `/var/log/containers/${c.name}_${c.namespace}_${config.name}-${id}.log`;
    try {
      const linkHost = deps.nodePath(linkNode);
      nodeFs.mkdirSync(path.dirname(linkHost), { recursive: true });
      nodeFs.rmSync(linkHost, { force: true });
      nodeFs.symlinkSync(logNodePath, linkHost);
    } catch {
      // the symlink is a convenience for node-level log readers; the kubelet reads the file
    }
    const sec = securityOf(config);
    const rootfs = buildRootfs({ entry, sandbox: sandbox.status.config, ip: sandbox.status.ip, mounts: config.mounts, nodePath: deps.nodePath, readonlyRootfs: !!sec.readonlyRootfs });
    const accounts = imageAccounts(entry);
    const identity = processIdentity(sec, entry.config.user, accounts.passwd, accounts.group);
    let markExited = () => {};
    const exited = new Promise<void>((r) => (markExited = r));
    const container: Container = {
      status: {
        id,
        sandboxId: sandbox.status.id,
        config,
        imageRef: img.repoDigest,
        imageId: img.id,
        state: "CONTAINER_CREATED",
        createdAt,
      },
      sandbox,
      image: img,
      entry,
      argv,
      env,
      workingDir: config.workingDir || entry.config.workingDir || "/",
      fs: streamingFs(rootfs, log),
      identity,
      log,
      logFile: logNodePath,
      listeners: [],
      killed: new AbortController(),
      exited,
      markExited,
    };
    return container;
  }

  /** Starts a created (or resumed) container's program: it runs from startedAt. */
  function launch(c: Container, startedAt: Date): void {
    c.dormant = false;
    c.status.state = "CONTAINER_RUNNING";
    c.status.startedAt = startedAt;
    const ip = c.sandbox.status.ip;
    const run = stripWrapper(c.argv);
    const program = selectProgram(programs, c.image.ref, c.argv);
    const ctx: ContainerProgramContext = {
      argv: program.name === "shell" ? run : c.argv,
      env: c.env,
      image: c.image.ref,
      entry: c.entry,
      workingDir: c.workingDir,
      fs: c.fs,
      identity: c.identity,
      hostPathOf: (p) => {
        const m = [...c.status.config.mounts]
          .filter((x) => x.hostPath !== undefined && (p === x.containerPath || p.startsWith(`${x.containerPath.replace(/\/$/, "")}/`)))
          .sort((a, b) => b.containerPath.length - a.containerPath.length)[0];
        if (!m) return undefined;
        return deps.nodePath(path.posix.join(m.hostPath!, m.subPath ?? "", p.slice(m.containerPath.length)));
      },
      stdout: (d) => c.status.state === "CONTAINER_RUNNING" && c.log.write("stdout", d),
      stderr: (d) => c.status.state === "CONTAINER_RUNNING" && c.log.write("stderr", d),
      exit: (code, reason) => finish(c, code, reason),
      listen: (port, onConnection) => {
        const key = `${ip}:${port}`;
        listeners.set(key, { containerId: c.status.id, onConnection });
        c.listeners.push(key);
      },
      time: deps.time,
      podIP: ip,
      hostname: c.sandbox.status.config.hostname,
      net: networkFor(ip),
      memoryLimitBytes: c.status.config.memoryLimitBytes,
      annotations: c.status.config.annotations,
      killed: c.killed.signal,
    };
    emit(c.status.id);
    c.program = program.start(ctx);
    const usage = parseBytes(c.status.config.annotations[MEMORY_USAGE_ANNOTATION] ?? "");
    if (usage !== undefined && c.status.config.memoryLimitBytes > 0 && usage > c.status.config.memoryLimitBytes) {
      deps.time.after(OOM_DELAY_MS, () => {
        c.program?.stop("SIGKILL");
        finish(c, 137, "OOMKilled");
      });
    }
  }

  const runtime: ContainerRuntime = {
    images,
    sandboxes,
    containers,

    registerProgram(p) {
      programs.push(p);
    },

    async runPodSandbox(config) {
      const id = newContainerdId(deps.random);
      const ip = deps.podIP(config);
      nodeFs.mkdirSync(deps.nodePath(config.logDirectory), { recursive: true });
      sandboxes.set(id, { status: { id, config, state: "SANDBOX_READY", createdAt: deps.time.now(), ip } });
      return id;
    },

    async stopPodSandbox(id) {
      const s = getSandbox(id);
      for (const c of containers.values()) {
        if (c.sandbox === s && c.status.state === "CONTAINER_RUNNING") {
          c.program?.stop("SIGKILL");
          finish(c, 137);
        }
      }
      s.status.state = "SANDBOX_NOTREADY";
    },

    async removePodSandbox(id) {
      const s = getSandbox(id);
      await runtime.stopPodSandbox(s.status.id);
      for (const c of [...containers.values()]) if (c.sandbox === s) await runtime.removeContainer(c.status.id);
      sandboxes.delete(s.status.id);
    },

    listPodSandboxes: () => [...sandboxes.values()].map((s) => s.status),

    pullImage: (image) => images.pull(image),
    imageStatus: (image): ImageInfo | undefined => images.find(image),
    listImages: () => images.list(),
    async removeImage(image) {
      const img = images.find(image);
      if (!img) return;
      const inUse = [...containers.values()].find((c) => c.image.id === img.id);
      if (inUse) throw new Error(`image "${img.id}" is in use by container "${inUse.status.id}"`);
      images.remove(img.id);
    },

    async createContainer(sandboxId, config) {
      const sandbox = getSandbox(sandboxId);
      const id = newContainerdId(deps.random);
      containers.set(id, buildContainer(sandbox, config, id, deps.time.now()));
      return id;
    },

    async startContainer(id) {
      const c = getContainer(id);
      if (c.status.state !== "CONTAINER_CREATED") throw new Error(`container ${c.status.id} is not in created state`);
      const run = stripWrapper(c.argv);
      const argv0 = run[0] ?? "";
      if (!argv0 || !executableExists(c.entry, argv0) && !programs.some((p) => p.match(c.image.ref, c.argv))) {
        const message = argv0 ? startErrorMessage(argv0) : "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown";
        c.status.state = "CONTAINER_EXITED";
        c.status.exitCode = 128;
        c.status.reason = "StartError";
        c.status.message = message;
        c.status.startedAt = new Date(0);
        c.status.finishedAt = deps.time.now();
        c.log.close();
        c.markExited();
        emit(c.status.id);
        throw new Error(message);
      }
      launch(c, deps.time.now());
    },

    restore(records) {
      for (const r of records.sandboxes) {
        nodeFs.mkdirSync(deps.nodePath(r.config.logDirectory), { recursive: true });
        sandboxes.set(r.id, { status: { id: r.id, config: r.config, state: r.state, createdAt: r.createdAt, ip: r.ip }, dormant: true });
      }
      for (const r of records.containers) {
        const sandbox = sandboxes.get(r.sandboxId);
        if (!sandbox || !images.find(r.config.image)) continue;
        const c = buildContainer(sandbox, r.config, r.id, r.createdAt);
        Object.assign(c.status, { state: r.state, startedAt: r.startedAt, finishedAt: r.finishedAt, exitCode: r.exitCode, reason: r.reason });
        if (r.state === "CONTAINER_RUNNING") c.dormant = true;
        else {
          c.log.close();
          c.markExited();
        }
        containers.set(r.id, c);
      }
    },

    needsResume(id) {
      return !!(sandboxes.get(id)?.dormant || containers.get(id)?.dormant);
    },

    async resumePodSandbox(id, config) {
      const s = getSandbox(id);
      if (!s.dormant) return;
      s.status.config = config;
      s.dormant = false;
    },

    async resumeContainer(id, config) {
      const old = getContainer(id);
      if (!old.dormant) return;
      const c = buildContainer(old.sandbox, config, old.status.id, old.status.createdAt);
      containers.set(c.status.id, c);
      launch(c, old.status.startedAt ?? deps.time.now());
    },

    async stopContainer(id, timeoutSeconds) {
      const c = getContainer(id);
      if (c.status.state !== "CONTAINER_RUNNING") return;
      const signal: StopSignal = timeoutSeconds > 0 ? c.entry.config.stopSignal : "SIGKILL";
      if (signal === "SIGKILL") {
        c.program?.stop("SIGKILL");
        finish(c, 137);
        return;
      }
      c.program?.stop(signal);
      if (c.status.state !== "CONTAINER_RUNNING") return;
      await new Promise<void>((resolve) => {
        const cancel = deps.time.after(Math.max(0, timeoutSeconds) * 1000, () => {
          c.program?.stop("SIGKILL");
          finish(c, 137);
          resolve();
        });
        void c.exited.then(() => {
          cancel();
          resolve();
        });
      });
    },

    async removeContainer(id) {
      const c = getContainer(id);
      if (c.status.state === "CONTAINER_RUNNING") {
        c.program?.stop("SIGKILL");
        finish(c, 137);
      }
      containers.delete(c.status.id);
      const sc = c.sandbox.status.config;
      try {
        nodeFs.rmSync(deps.nodePath(`/var/log/containers/${sc.name}_${sc.namespace}_${c.status.config.name}-${c.status.id}.log`), { force: true });
      } catch {
        // already gone
      }
    },

    listContainers: () => [...containers.values()].map((c) => c.status),
    containerStatus: (id) => {
      try {
        return getContainer(id).status;
      } catch {
        return undefined;
      }
    },
    onContainerEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },

    async execSync(id, cmd, timeoutSeconds): Promise<ExecResult> {
      const c = getContainer(id);
      return runExec(execTarget(c), cmd, timeoutSeconds);
    },

    async exec(id, cmd, streams: ExecStreams) {
      const c = getContainer(id);
      return runInteractive(execTarget(c), cmd, streams);
    },

    connect(ip, port, fromIp?: string) {
      // The node's loopback reaches its host-network listeners (static pods' health ports).
      const hostLocal = ip === "127.0.0.1" || ip === "localhost" ? [...listeners.entries()].find(([k, v]) => k.endsWith(`:${port}`) && containers.get(v.containerId)?.sandbox.status.config.hostNetwork) : undefined;
      const l = listeners.get(`${ip}:${port}`) ?? hostLocal?.[1];
      if (!l) return "refused";
      const [client, server] = duplexPair({ ip: fromIp ?? ip, port: ephemeralPort++ > 60999 ? (ephemeralPort = 40000) : ephemeralPort }, { ip, port });
      l.onConnection(server);
      return client;
    },

    readLog: (id) => getContainer(id).log.read(),

    crictl: undefined as unknown as NodeCommand,
  };

  function execTarget(c: Container) {
    return {
      running: c.status.state === "CONTAINER_RUNNING",
      entry: c.entry,
      imageRef: c.image.ref,
      fs: c.fs,
      env: c.env,
      cwd: c.workingDir,
      identity: c.identity,
      hostname: c.sandbox.status.config.hostname,
      net: networkFor(c.sandbox.status.ip),
      time: deps.time,
    };
  }

  runtime.crictl = createCrictl(runtime, deps);
  return runtime;
}

export type { ContainerConfig };

// crictl v1.32 (kubernetes-sigs/cri-tools cmd/crictl) against this node's runtime: the
// subcommands node debugging in CKA uses, with crictl's tables, ids and messages.
import { stringify as toYaml } from "yaml";
import type { ContainerStatus, PodSandboxStatus } from "../../cri/types.js";
import type { CommandIO, NodeCommand } from "../../types.js";
import type { ContainerRuntimeDeps, ContainerRuntime } from "../runtime.js";
import { rfc3339Nano } from "../logs.js";
import { humanDuration, humanSize, tabwrite, truncateId } from "./format.js";

export const CRICTL_VERSION = "v1.32.0";
export const CONTAINERD_VERSION = "v1.7.24";

class Fatal extends Error {}

interface Parsed {
  flags: Map<string, string | true>;
  args: string[];
}

/** Flags that take a value (everything else is boolean). */
const VALUED = new Set(["-o", "--output", "--name", "--namespace", "--state", "-s", "--tail", "--label", "--pod", "-p", "--image", "--since", "--last", "-n", "--timeout", "-r", "--runtime-endpoint", "-i", "--image-endpoint", "--config", "-c", "--limit-bytes"]);
const SHORT_BOOL = new Set(["a", "q", "v", "f", "l", "t", "s", "e"]);

function parse(argv: string[]): Parsed {
  const flags = new Map<string, string | true>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--") && a.includes("=")) {
      flags.set(a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1));
    } else if (VALUED.has(a)) {
      flags.set(a, argv[++i] ?? "");
    } else if (/^-[a-z]{2,}$/.test(a) && [...a.slice(1)].every((c) => SHORT_BOOL.has(c))) {
      for (const c of a.slice(1)) flags.set(`-${c}`, true);
    } else if (a.startsWith("-") && a.length > 1) {
      flags.set(a, true);
    } else {
      args.push(a);
      // after the first positional of exec, everything belongs to the command
    }
  }
  return { flags, args };
}

const has = (p: Parsed, ...names: string[]) => names.some((n) => p.flags.has(n));
const val = (p: Parsed, ...names: string[]) => {
  for (const n of names) {
    const v = p.flags.get(n);
    if (typeof v === "string") return v;
  }
  return undefined;
};

export function createCrictl(rt: ContainerRuntime, deps: ContainerRuntimeDeps): NodeCommand {
  const now = () => deps.time.now().getTime();
  const ago = (d: Date) => `${humanDuration(now() - d.getTime())} ago`;

  const podName = (c: ContainerStatus) =>
    c.config.labels["io.kubernetes.pod.name"] ?? rt.sandboxes.get(c.sandboxId)?.status.config.name ?? "unknown";
  const podNamespace = (c: ContainerStatus) =>
    c.config.labels["io.kubernetes.pod.namespace"] ?? rt.sandboxes.get(c.sandboxId)?.status.config.namespace ?? "unknown";

  const STATE: Record<string, string> = { CONTAINER_CREATED: "Created", CONTAINER_RUNNING: "Running", CONTAINER_EXITED: "Exited", CONTAINER_UNKNOWN: "Unknown" };

  function findContainer(id: string): ContainerStatus {
    const matches = rt.listContainers().filter((c) => c.id.startsWith(id));
    if (matches.length !== 1) throw new Fatal(`rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
    return matches[0];
  }
  function findSandbox(id: string): PodSandboxStatus {
    const matches = rt.listPodSandboxes().filter((s) => s.id.startsWith(id));
    if (matches.length !== 1) throw new Fatal(`rpc error: code = NotFound desc = an error occurred when try to find sandbox "${id}": not found`);
    return matches[0];
  }

  function containerJson(c: ContainerStatus): Record<string, unknown> {
    return {
      id: c.id,
      podSandboxId: c.sandboxId,
      metadata: { name: c.config.name, attempt: c.config.attempt },
      image: { image: c.imageId, annotations: {}, userSpecifiedImage: "", runtimeHandler: "" },
      imageRef: c.imageRef,
      state: c.state,
      createdAt: String(c.createdAt.getTime() * 1e6),
      labels: c.config.labels,
      annotations: c.config.annotations,
      imageId: "",
    };
  }

  async function ps(p: Parsed, io: CommandIO): Promise<void> {
    const all = has(p, "-a", "--all");
    const state = val(p, "--state", "-s");
    const nameRe = val(p, "--name");
    const nsRe = val(p, "--namespace");
    const pod = val(p, "--pod", "-p");
    let list = rt.listContainers().filter((c) => {
      if (state) return STATE[c.state].toLowerCase() === state.toLowerCase();
      if (!all && !has(p, "-l", "--latest") && !val(p, "--last", "-n")) return c.state === "CONTAINER_RUNNING";
      return true;
    });
    if (p.args[0]) list = list.filter((c) => c.id.startsWith(p.args[0]));
    if (pod) list = list.filter((c) => c.sandboxId.startsWith(pod));
    if (nameRe) list = list.filter((c) => new RegExp(nameRe).test(c.config.name));
    if (nsRe) list = list.filter((c) => new RegExp(nsRe).test(podNamespace(c)));
    list.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    if (has(p, "-l", "--latest")) list = list.slice(0, 1);
    const last = Number(val(p, "--last", "-n") ?? 0);
    if (last > 0) list = list.slice(0, last);
    const output = val(p, "-o", "--output") ?? "table";
    if (output === "json" || output === "yaml") {
      const obj = { containers: list.map(containerJson) };
      io.stdout.write(output === "json" ? JSON.stringify(obj, null, 2) + "\n" : toYaml(obj));
      return;
    }
    if (output !== "table") throw new Fatal(`unsupported output format "${output}"`);
    if (has(p, "-q", "--quiet")) {
      io.stdout.write(list.map((c) => `${c.id}\n`).join(""));
      return;
    }
    const noTrunc = has(p, "--no-trunc");
    const rows = [["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"]];
    for (const c of list) {
      rows.push([
        noTrunc ? c.id : truncateId(c.id),
        noTrunc ? c.imageId : truncateId(c.imageId, "sha256:"),
        ago(c.createdAt),
        STATE[c.state],
        c.config.name,
        String(c.config.attempt),
        noTrunc ? c.sandboxId : truncateId(c.sandboxId),
        podName(c),
        podNamespace(c),
      ]);
    }
    io.stdout.write(tabwrite(rows));
  }

  async function pods(p: Parsed, io: CommandIO): Promise<void> {
    let list = rt.listPodSandboxes();
    const nameRe = val(p, "--name");
    const nsRe = val(p, "--namespace");
    const state = val(p, "--state", "-s");
    if (nameRe) list = list.filter((s) => new RegExp(nameRe).test(s.config.name));
    if (nsRe) list = list.filter((s) => new RegExp(nsRe).test(s.config.namespace));
    if (state) list = list.filter((s) => (s.state === "SANDBOX_READY" ? "ready" : "notready") === state.toLowerCase());
    list = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const output = val(p, "-o", "--output") ?? "table";
    if (output === "json" || output === "yaml") {
      const obj = {
        items: list.map((s) => ({
          id: s.id,
          metadata: { name: s.config.name, uid: s.config.uid, namespace: s.config.namespace, attempt: s.config.attempt },
          state: s.state,
          createdAt: String(s.createdAt.getTime() * 1e6),
          labels: s.config.labels,
          annotations: s.config.annotations,
          runtimeHandler: "",
        })),
      };
      io.stdout.write(output === "json" ? JSON.stringify(obj, null, 2) + "\n" : toYaml(obj));
      return;
    }
    if (has(p, "-q", "--quiet")) {
      io.stdout.write(list.map((s) => `${s.id}\n`).join(""));
      return;
    }
    const rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]];
    for (const s of list) {
      rows.push([
        has(p, "--no-trunc") ? s.id : truncateId(s.id),
        ago(s.createdAt),
        s.state === "SANDBOX_READY" ? "Ready" : "NotReady",
        s.config.name,
        s.config.namespace,
        String(s.config.attempt),
        "(default)",
      ]);
    }
    io.stdout.write(tabwrite(rows));
  }

  async function images(p: Parsed, io: CommandIO): Promise<void> {
    let list = rt.images.list();
    if (p.args[0]) {
      const wanted = rt.images.find(p.args[0]);
      list = wanted ? [wanted] : [];
    }
    list = [...list].sort((a, b) => {
      if (a.repoTags.length && b.repoTags.length) return a.repoTags[0] < b.repoTags[0] ? -1 : a.repoTags[0] > b.repoTags[0] ? 1 : 0;
      return a.repoDigest < b.repoDigest ? -1 : 1;
    });
    const output = val(p, "-o", "--output");
    if (output === "json" || output === "yaml") {
      const obj = { images: list.map((i) => ({ id: i.id, repoTags: i.repoTags, repoDigests: [i.repoDigest], size: String(i.size), uid: null, username: "", spec: null, pinned: i.entry.repository.endsWith("/pause") })) };
      io.stdout.write(output === "json" ? JSON.stringify(obj, null, 2) + "\n" : toYaml(obj));
      return;
    }
    if (has(p, "-q", "--quiet")) {
      io.stdout.write(list.map((i) => `${i.id}\n`).join(""));
      return;
    }
    const digests = has(p, "--digests");
    const noTrunc = has(p, "--no-trunc");
    const header = ["IMAGE", "TAG", ...(digests ? ["DIGEST"] : []), "IMAGE ID", "SIZE"];
    const rows = [header];
    for (const i of list) {
      const [repo, digest] = i.repoDigest.split("@");
      const pairs = i.repoTags.length ? i.repoTags.map((t) => [t.slice(0, t.lastIndexOf(":")), t.slice(t.lastIndexOf(":") + 1)]) : [[repo, "<none>"]];
      for (const [name, tag] of pairs) {
        rows.push([name, tag, ...(digests ? [noTrunc ? digest : truncateId(digest, "sha256:")] : []), noTrunc ? i.id : truncateId(i.id, "sha256:"), humanSize(i.size)]);
      }
    }
    io.stdout.write(tabwrite(rows));
  }

  function logLines(raw: string, tail: number | undefined): { stream: string; text: string; time: string; partial: boolean }[] {
    const records = raw
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        const m = /^(\S+) (stdout|stderr) ([PF]) (.*)$/.exec(l);
        return m ? { time: m[1], stream: m[2], partial: m[3] === "P", text: m[4] } : { time: "", stream: "stdout", partial: false, text: l };
      });
    return tail !== undefined && tail >= 0 ? records.slice(Math.max(0, records.length - tail)) : records;
  }

  async function logs(p: Parsed, io: CommandIO): Promise<void> {
    if (!p.args[0]) throw new Fatal("ID cannot be empty");
    const c = findContainer(p.args[0]);
    const tailArg = val(p, "--tail");
    const tail = tailArg !== undefined ? Number(tailArg) : undefined;
    const timestamps = has(p, "-t", "--timestamps");
    const emit = (recs: ReturnType<typeof logLines>) => {
      for (const r of recs) {
        const line = (timestamps ? `${r.time} ` : "") + r.text + (r.partial ? "" : "\n");
        (r.stream === "stderr" ? io.stderr : io.stdout).write(line);
      }
    };
    let seen = rt.readLog(c.id).toString();
    emit(logLines(seen, tail));
    if (!has(p, "-f", "--follow")) return;
    await new Promise<void>((resolve) => {
      const poll = () => {
        const cur = rt.containerStatus(c.id);
        const text = cur ? rt.readLog(c.id).toString() : seen;
        if (text.length > seen.length) {
          emit(logLines(text.slice(seen.length), undefined));
          seen = text;
        }
        if (!cur || cur.state !== "CONTAINER_RUNNING") return resolve();
        deps.time.after(200, poll);
      };
      io.stdout.on?.("close", () => resolve());
      deps.time.after(200, poll);
    });
  }

  function inspectContainer(c: ContainerStatus): Record<string, unknown> {
    const s = rt.sandboxes.get(c.sandboxId)?.status;
    return {
      status: {
        id: c.id,
        metadata: { attempt: c.config.attempt, name: c.config.name },
        state: c.state,
        createdAt: rfc3339Nano(c.createdAt),
        startedAt: c.startedAt ? rfc3339Nano(c.startedAt) : "1970-01-01T00:00:00Z",
        finishedAt: c.finishedAt ? rfc3339Nano(c.finishedAt) : "1970-01-01T00:00:00Z",
        exitCode: c.exitCode ?? 0,
        image: { annotations: {}, image: c.config.image, runtimeHandler: "", userSpecifiedImage: "" },
        imageRef: c.imageRef,
        reason: c.reason ?? "",
        message: c.message ?? "",
        labels: c.config.labels,
        annotations: c.config.annotations,
        mounts: c.config.mounts.map((m) => ({
          containerPath: m.containerPath,
          hostPath: m.hostPath ?? "",
          propagation: "PROPAGATION_PRIVATE",
          readonly: !!m.readonly,
          selinuxRelabel: false,
        })),
        logPath: s ? `${s.config.logDirectory}/${c.config.logPath}` : c.config.logPath,
        resources: { linux: { memoryLimitInBytes: String(c.config.memoryLimitBytes) } },
        imageId: c.imageId,
      },
      info: {
        sandboxID: c.sandboxId,
        pid: c.state === "CONTAINER_RUNNING" ? 1000 + (parseInt(c.id.slice(0, 4), 16) % 30000) : 0,
        removing: false,
        snapshotKey: c.id,
        snapshotter: "overlayfs",
        runtimeType: "io.containerd.runc.v2",
        runtimeOptions: { systemd_cgroup: true },
        config: {
          metadata: { name: c.config.name, attempt: c.config.attempt },
          image: { image: c.imageId },
          command: c.config.command,
          args: c.config.args,
          envs: c.config.env.map((e) => ({ key: e.name, value: e.value })),
          labels: c.config.labels,
          annotations: c.config.annotations,
          log_path: c.config.logPath,
        },
      },
    };
  }

  async function inspect(p: Parsed, io: CommandIO): Promise<void> {
    if (!p.args.length) throw new Fatal("ID cannot be empty");
    const out = p.args.map((id) => inspectContainer(findContainer(id)));
    const output = val(p, "-o", "--output") ?? "json";
    const body = out.length === 1 ? out[0] : out;
    io.stdout.write(output === "yaml" ? toYaml(body) : JSON.stringify(body, null, 2) + "\n");
  }

  async function inspectp(p: Parsed, io: CommandIO): Promise<void> {
    if (!p.args.length) throw new Fatal("ID cannot be empty");
    for (const id of p.args) {
      const s = findSandbox(id);
      const body = {
        status: {
          id: s.id,
          metadata: { attempt: s.config.attempt, name: s.config.name, namespace: s.config.namespace, uid: s.config.uid },
          state: s.state,
          createdAt: rfc3339Nano(s.createdAt),
          network: { additionalIps: [], ip: s.ip },
          linux: { namespaces: { options: { ipc: "POD", network: s.config.hostNetwork ? "NODE" : "POD", pid: "CONTAINER", targetId: "", usernsOptions: null } } },
          labels: s.config.labels,
          annotations: s.config.annotations,
          runtimeHandler: "",
        },
        info: {
          pid: s.state === "SANDBOX_READY" ? 1000 + (parseInt(s.id.slice(0, 4), 16) % 30000) : 0,
          processStatus: s.state === "SANDBOX_READY" ? "running" : "deleted",
          netNamespaceClosed: s.state !== "SANDBOX_READY",
          image: "registry.k8s.io/pause:3.10",
          snapshotKey: s.id,
          snapshotter: "overlayfs",
          runtimeHandler: "",
          runtimeType: "io.containerd.runc.v2",
          config: { metadata: { name: s.config.name, uid: s.config.uid, namespace: s.config.namespace, attempt: s.config.attempt }, hostname: s.config.hostname, log_directory: s.config.logDirectory, dns_config: s.config.dns, labels: s.config.labels, annotations: s.config.annotations },
        },
      };
      io.stdout.write((val(p, "-o", "--output") === "yaml" ? toYaml(body) : JSON.stringify(body, null, 2)) + "\n");
    }
  }

  async function info(_p: Parsed, io: CommandIO): Promise<void> {
    const body = {
      status: {
        conditions: [
          { type: "RuntimeReady", status: true, reason: "", message: "" },
          { type: "NetworkReady", status: true, reason: "", message: "" },
          { type: "ContainerdHasNoDeprecationWarnings", status: true, reason: "", message: "" },
        ],
      },
      cniconfig: { PluginDirs: ["/opt/cni/bin"], PluginConfDir: "/etc/cni/net.d", PluginMaxConfNum: 1, Prefix: "eth" },
      config: {
        containerd: { snapshotter: "overlayfs", defaultRuntimeName: "runc", runtimes: { runc: { runtimeType: "io.containerd.runc.v2", options: { SystemdCgroup: true } } } },
        cni: { binDir: "/opt/cni/bin", confDir: "/etc/cni/net.d", maxConfNum: 1 },
        registry: { configPath: "" },
        sandboxImage: "registry.k8s.io/pause:3.10",
        maxContainerLogSize: 16384,
        containerdRootDir: "/var/lib/containerd",
        containerdEndpoint: "/run/containerd/containerd.sock",
        rootDir: "/var/lib/containerd/io.containerd.grpc.v1.cri",
        stateDir: "/run/containerd/io.containerd.grpc.v1.cri",
      },
      golang: "go1.22.10",
      lastCNILoadStatus: "OK",
      lastCNILoadStatus_default: "OK",
    };
    io.stdout.write(JSON.stringify(body, null, 2) + "\n");
  }

  async function stop(p: Parsed, io: CommandIO): Promise<void> {
    if (!p.args.length) throw new Fatal("ID cannot be empty");
    const timeout = Number(val(p, "--timeout", "-t") ?? 0);
    for (const id of p.args) {
      let c: ContainerStatus;
      try {
        c = findContainer(id);
      } catch (e) {
        throw new Fatal(`stopping the container "${id}": ${(e as Error).message}`);
      }
      await rt.stopContainer(c.id, timeout);
      io.stdout.write(`${id}\n`);
    }
  }

  async function rm(p: Parsed, io: CommandIO): Promise<void> {
    const ids = has(p, "-a", "--all") ? rt.listContainers().map((c) => c.id) : p.args;
    if (!ids.length) throw new Fatal("ID cannot be empty");
    for (const id of ids) {
      let c: ContainerStatus;
      try {
        c = findContainer(id);
      } catch (e) {
        throw new Fatal(`removing container "${id}": ${(e as Error).message}`);
      }
      if (c.state === "CONTAINER_RUNNING") {
        if (!has(p, "-f", "--force")) throw new Fatal(`container "${id}" is running, please stop it first`);
        await rt.stopContainer(c.id, 0);
      }
      await rt.removeContainer(c.id);
      io.stdout.write(`${id}\n`);
    }
  }

  async function rmp(p: Parsed, io: CommandIO): Promise<void> {
    const ids = has(p, "-a", "--all") ? rt.listPodSandboxes().map((s) => s.id) : p.args;
    if (!ids.length) throw new Fatal("ID cannot be empty");
    for (const id of ids) {
      const s = findSandbox(id);
      if (s.state === "SANDBOX_READY") {
        if (!has(p, "-f", "--force")) throw new Fatal(`pod sandbox "${id}" is running, please stop it first`);
        await rt.stopPodSandbox(s.id);
      }
      await rt.removePodSandbox(s.id);
      io.stdout.write(`Removed sandbox ${id}\n`);
    }
  }

  async function stopp(p: Parsed, io: CommandIO): Promise<void> {
    if (!p.args.length) throw new Fatal("ID cannot be empty");
    for (const id of p.args) {
      const s = findSandbox(id);
      await rt.stopPodSandbox(s.id);
      io.stdout.write(`Stopped sandbox ${id}\n`);
    }
  }

  async function rmi(p: Parsed, io: CommandIO): Promise<void> {
    let targets = p.args;
    if (has(p, "--prune")) {
      const used = new Set(rt.listContainers().map((c) => c.imageId));
      targets = rt.images.list().filter((i) => !used.has(i.id)).map((i) => i.id);
    } else if (has(p, "-a", "--all")) targets = rt.images.list().map((i) => i.id);
    if (!targets.length && !has(p, "--prune")) throw new Fatal("no image to remove");
    for (const t of targets) {
      const img = rt.images.find(t);
      if (!img) throw new Fatal(`no such image ${t}`);
      try {
        await rt.removeImage(img.id);
      } catch (e) {
        throw new Fatal(`error of removing image "${img.id}": rpc error: code = Unknown desc = ${(e as Error).message}`);
      }
      for (const tag of img.repoTags.length ? img.repoTags : [img.repoDigest]) io.stdout.write(`Deleted: ${tag}\n`);
    }
  }

  async function pull(p: Parsed, io: CommandIO): Promise<void> {
    const name = p.args[0];
    if (!name) throw new Fatal("image name cannot be empty");
    try {
      const img = await rt.pullImage(name);
      io.stdout.write(`Image is up to date for ${img.id}\n`);
    } catch (e) {
      throw new Fatal(`pulling image: rpc error: code = NotFound desc = ${(e as Error).message}`);
    }
  }

  async function version(_p: Parsed, io: CommandIO): Promise<void> {
    io.stdout.write(`Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  ${CONTAINERD_VERSION}\nRuntimeApiVersion:  v1\n`);
  }

  async function exec(argv: string[], io: CommandIO): Promise<number> {
    let i = 0;
    let tty = false;
    let interactive = false;
    while (i < argv.length && argv[i].startsWith("-")) {
      const a = argv[i];
      if (a === "-it" || a === "-ti") tty = interactive = true;
      else if (a === "-t" || a === "--tty") tty = true;
      else if (a === "-i" || a === "--interactive") interactive = true;
      i++;
    }
    const id = argv[i];
    const cmd = argv.slice(i + 1);
    if (!id) throw new Fatal("ID cannot be empty");
    if (!cmd.length) throw new Fatal("command cannot be empty");
    const c = findContainer(id);
    if (interactive || tty) return rt.exec(c.id, cmd, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, tty });
    const r = await rt.execSync(c.id, cmd, 0);
    io.stdout.write(r.stdout);
    io.stderr.write(r.stderr);
    return r.exitCode;
  }

  const COMMANDS: Record<string, (p: Parsed, io: CommandIO) => Promise<void>> = {
    ps, pods, images, image: images, img: images, logs, inspect, inspectp, info, stop, rm, rmp, stopp, rmi, pull, version,
  };

  return async (io: CommandIO): Promise<number> => {
    const argv = io.argv.slice(1);
    // global flags before the subcommand
    while (argv.length && argv[0].startsWith("-")) {
      const g = argv.shift()!;
      if (["-r", "--runtime-endpoint", "-i", "--image-endpoint", "--timeout", "-t", "--config", "-c"].includes(g)) argv.shift();
    }
    const sub = argv.shift();
    try {
      if (!sub || sub === "help" || sub === "-h" || sub === "--help") {
        io.stdout.write("NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.32.0\n\nCOMMANDS:\n   attach              Attach to a running container\n   create              Create a new container\n   exec                Run a command in a running container\n   version             Display runtime version information\n   images, image, img  List images\n   inspect             Display the status of one or more containers\n   inspecti            Return the status of one or more images\n   imagefsinfo         Return image filesystem info\n   inspectp            Display the status of one or more pods\n   logs                Fetch the logs of a container\n   port-forward        Forward local port to a pod\n   ps                  List containers\n   pull                Pull an image from a registry\n   run                 Run a new container inside a sandbox\n   runp                Run a new pod\n   rm                  Remove one or more containers\n   rmi                 Remove one or more images\n   rmp                 Remove one or more pods\n   pods                List pods\n   start               Start one or more created containers\n   info                Display information of the container runtime\n   stop                Stop one or more running containers\n   stopp               Stop one or more running pods\n   update              Update one or more running containers\n   config              Get, set and list crictl configuration options\n   stats               List container(s) resource usage statistics\n   statsp              List pod statistics. Stats represent a structured API that will fulfill the Kubelet's /stats/summary endpoint.\n   metricdescs         List metric descriptors. Returns information about the metrics available through the CRI.\n   metricsp            List pod metrics. Metrics are unstructured key/value pairs gathered by CRI meant to replace cAdvisor's /metrics/cadvisor endpoint.\n   checkpoint          Checkpoint one or more running containers\n   events, event       Stream the events of containers\n   update-runtime-config  Update the runtime configuration\n   completion          Output shell completion code\n   help, h             Shows a list of commands or help for one command\n\nGLOBAL OPTIONS:\n   --config value, -c value            Location of the client config file. If not specified and the default does not exist, the program's directory is searched as well (default: \"/etc/crictl.yaml\") [$CRI_CONFIG_FILE]\n   --debug, -D                         Enable debug mode (default: false)\n   --help, -h                          show help\n   --runtime-endpoint value, -r value  Endpoint of CRI container runtime service (default: uses in order the first successful one of [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]). Default is now deprecated and the endpoint should be set instead. [$CONTAINER_RUNTIME_ENDPOINT]\n   --timeout value, -t value           Timeout of connecting to the server in seconds (e.g. 2s, 20s.). 0 or less is set to default (default: 2s)\n   --version, -v                       print the version\n");
        return 0;
      }
      if (sub === "--version" || sub === "-v") {
        io.stdout.write(`crictl version ${CRICTL_VERSION}\n`);
        return 0;
      }
      if (sub === "exec") return await exec(argv, io);
      const fn = COMMANDS[sub];
      if (!fn) {
        io.stderr.write(`No help topic for '${sub}'\n`);
        return 3;
      }
      await fn(parse(argv), io);
      return 0;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (io.tty) io.stderr.write(`FATA[0000] ${msg} \n`);
      else io.stderr.write(`time="${deps.time.now().toISOString().replace(/\.\d{3}Z$/, "Z")}" level=fatal msg=${JSON.stringify(msg)}\n`);
      return 1;
    }
  };
}

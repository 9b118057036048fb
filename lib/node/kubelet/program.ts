// /usr/bin/kubelet as systemd starts it: cmd/kubelet/app/server.go NewKubeletCommand and Run,
// with their log lines and their fatal errors (logged as `"command failed" err="..."` by
// component-base/cli/run.go, exit code 1, after which systemd restarts the unit).
import { existsSync, readFileSync } from "node:fs";
import type { Random } from "../../cluster/api/types.js";
import { GR, type ClusterClient } from "../../cluster/client/types.js";
import { ConfigError, decodeKubeletConfiguration, defaultKubeletConfig, evictionError, loadConfigError, validateKubeletConfig, type KubeletConfig } from "../../cluster/kubelet/config.js";
import { FlagError, parseKubeletFlags } from "../../cluster/kubelet/flags.js";
import { klogLine, type Severity } from "../../cluster/kubelet/klog.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type { RuntimeService } from "../cri/types.js";
import type { ServiceIO, ServiceProcess, ServiceProgram } from "../types.js";
import { Kubelet } from "./kubelet.js";
import { installedVersion } from "../admin/apt/dpkg.js";

/** The kubelet version every node runs (docs/cluster-spec.md). */
export const kubeletVersion = "v1.32.3";

export interface KubeletDeps {
  nodeName: string;
  nodeIP: string;
  nodePath(p: string): string;
  connectApi(kubeconfigPath: string): Promise<ClusterClient>;
  connectRuntime(endpoint: string): RuntimeService | Error;
  time: Time;
  random: Random;
  /** Where the running kubelet is published for `kubectl logs/exec` (one registry per lab). */
  registry?: KubeletRegistry;
  /**
   * The first run continues a kubelet that was already running (a fresh lab is ~40 minutes old):
   * it records no Starting/NodeAllocatableEnforced events. Later runs are real restarts.
   */
  firstRunContinues?: () => boolean;
}

/** The lab's running kubelets by node name, for the API server's pods/log and pods/exec. */
export class KubeletRegistry {
  private byNode = new Map<string, Kubelet>();
  set(node: string, k: Kubelet | undefined): void {
    if (k) this.byNode.set(node, k);
    else this.byNode.delete(node);
  }
  get(node: string): Kubelet | undefined {
    return this.byNode.get(node);
  }
}

let nextPid = 4000;

/** Machine facts of a lab node (cluster-spec.md: 2 CPU, about 4 GiB). */
function machineFor(nodeName: string, random: Random, version: string) {
  return {
    cpu: 2,
    memoryKi: 4015880,
    ephemeralStorageKi: 20134592,
    machineID: random.uuid().replace(/-/g, ""),
    systemUUID: random.uuid(),
    bootID: random.uuid(),
    kernelVersion: "6.8.0-51-generic",
    osImage: "Ubuntu 24.04.1 LTS",
    containerRuntimeVersion: "containerd://1.7.24",
    kubeletVersion: version,
    nodeName,
  };
}

export function createKubeletProgram(deps: KubeletDeps): ServiceProgram {
  // The machine's ids outlive the kubelet process: a restart must not look like a reboot (a new
  // bootID makes the kubelet report the node Rebooted). A node the API already knows keeps its ids.
  let ids: { machineID: string; systemUUID: string; bootID: string } | undefined;
  let runs = 0;
  return (argv: string[], _env: Record<string, string>, io: ServiceIO): ServiceProcess => {
    const pid = io.pid ?? nextPid++;
    const quiet = runs++ === 0 && !!deps.firstRunContinues?.();
    let kubelet: Kubelet | undefined;
    let stopped = false;
    const log = (sev: Severity, source: string, msg: string, kv: [string, unknown][] = []) => io.log(klogLine(sev, deps.time.now(), pid, source, msg, kv));
    const fail = (err: string) => {
      if (stopped) return;
      log("E", "run.go:74", "command failed", [["err", err]]);
      stopped = true;
      io.exit(1);
    };
    const readNode = (p: string): string | NodeJS.ErrnoException => {
      try {
        return readFileSync(deps.nodePath(p), "utf8");
      } catch (e) {
        return e as NodeJS.ErrnoException;
      }
    };
    const osError = (e: NodeJS.ErrnoException, op: string, p: string) => `${op} ${p}: ${e.code === "ENOENT" ? "no such file or directory" : e.code === "EISDIR" ? "is a directory" : e.code === "EACCES" ? "permission denied" : e.message}`;

    const run = async () => {
      let flags;
      try {
        flags = parseKubeletFlags(argv.slice(1));
      } catch (e) {
        if (e instanceof FlagError) return fail(`failed to parse kubelet flag: ${e.message}`);
        throw e;
      }
      for (const d of flags.deprecations) io.log(d);
      const f = flags.values;
      let config: KubeletConfig = defaultKubeletConfig({});
      const configPath = f.get("config");
      if (configPath) {
        const text = readNode(configPath);
        if (typeof text !== "string") return fail(loadConfigError(configPath, `failed to read kubelet config file "${configPath}", error: ${osError(text, "open", configPath)}`));
        if (text.length === 0) return fail(loadConfigError(configPath, `kubelet config file "${configPath}" was empty`));
        try {
          const { doc, warnings } = decodeKubeletConfiguration(text);
          for (const w of warnings) log("I", "codec.go:96", "Using lenient decoding as strict decoding failed", [["err", w]]);
          config = defaultKubeletConfig(doc);
        } catch (e) {
          if (e instanceof ConfigError) return fail(loadConfigError(configPath, e.message));
          throw e;
        }
      }
      // Command-line flags win over the file (kubelet flag precedence).
      if (f.has("max-pods")) config.maxPods = Number(f.get("max-pods"));
      if (f.has("pod-manifest-path")) config.staticPodPath = f.get("pod-manifest-path")!;
      if (f.has("cluster-dns")) config.clusterDNS = f.get("cluster-dns")!.split(",");
      if (f.has("cgroup-driver")) config.cgroupDriver = f.get("cgroup-driver")!;
      if (f.has("client-ca-file")) config.clientCAFile = f.get("client-ca-file")!;
      if (f.has("container-runtime-endpoint")) config.containerRuntimeEndpoint = f.get("container-runtime-endpoint")!;
      const invalid = validateKubeletConfig(config);
      // Upstream prints the whole Go struct after "path:"; we print the file's path instead.
      if (invalid) return fail(`failed to validate kubelet configuration, error: ${invalid}, path: ${configPath ?? ""}`);
      if (f.has("pod-infra-container-image")) log("I", "server.go:211", "--pod-infra-container-image will not be pruned by the image garbage collector in kubelet and should also be set in the remote runtime");
      log("I", "server.go:520", "Kubelet version", [["kubeletVersion", kubeletVersion]]);
      log("I", "server.go:522", "Golang settings", [["GOGC", ""], ["GOMAXPROCS", ""], ["GOTRACEBACK", ""]]);
      const evictErr = evictionError(config);
      if (evictErr) return fail(`failed to run Kubelet: ${evictErr}`);
      if (config.clientCAFile) {
        const ca = readNode(config.clientCAFile);
        if (typeof ca !== "string") return fail(`failed to construct kubelet dependencies: unable to load client CA file ${config.clientCAFile}: ${osError(ca, "open", config.clientCAFile)}`);
      }
      if (config.cgroupDriver !== "systemd" && config.cgroupDriver !== "cgroupfs") return fail(`failed to run Kubelet: invalid cgroup driver ${JSON.stringify(config.cgroupDriver)}`);
      const kubeconfig = f.get("kubeconfig") ?? "";
      const bootstrap = f.get("bootstrap-kubeconfig") ?? "";
      if (!kubeconfig || !existsSync(deps.nodePath(kubeconfig))) {
        if (!bootstrap || !existsSync(deps.nodePath(bootstrap))) {
          return fail(bootstrap ? `failed to run Kubelet: unable to load bootstrap kubeconfig: stat ${bootstrap}: no such file or directory` : `failed to run Kubelet: no kubeconfig provided`);
        }
      }
      log("I", "server.go:954", "Client rotation is on, will bootstrap in background");
      const endpoint = config.containerRuntimeEndpoint;
      const runtime = deps.connectRuntime(endpoint);
      if (runtime instanceof Error) {
        const sock = endpoint.replace(/^unix:\/\//, "");
        const inner = runtime.message.startsWith("validate CRI")
          ? runtime.message
          : `validate CRI v1 runtime API for endpoint ${JSON.stringify(endpoint)}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${sock}: connect: no such file or directory"`;
        return fail(`failed to run Kubelet: validate service connection: ${inner}`);
      }
      let client: ClusterClient | undefined;
      while (!stopped && !client) {
        try {
          client = await deps.connectApi(kubeconfig && existsSync(deps.nodePath(kubeconfig)) ? kubeconfig : bootstrap);
        } catch (e) {
          log("E", "kubelet_node_status.go:97", "Unable to register node with API server", [["err", (e as Error).message], ["node", deps.nodeName]]);
          await new Promise<void>((r) => deps.time.after(7_000, r));
        }
      }
      if (stopped || !client) return;
      const m = machineFor(deps.nodeName, deps.random, installedVersion(deps.nodePath, "kubelet", kubeletVersion));
      const known = (client.get(GR.nodes, "", deps.nodeName)?.status as { nodeInfo?: Partial<typeof ids> } | undefined)?.nodeInfo;
      ids ??= known?.machineID && known.systemUUID && known.bootID ? { machineID: known.machineID, systemUUID: known.systemUUID, bootID: known.bootID } : { machineID: m.machineID, systemUUID: m.systemUUID, bootID: m.bootID };
      Object.assign(m, ids);
      kubelet = new Kubelet({ nodeName: deps.nodeName, nodeIP: deps.nodeIP, config, client, runtime, time: deps.time, random: deps.random, machine: m, nodePath: deps.nodePath, log, quietStart: quiet });
      deps.registry?.set(deps.nodeName, kubelet);
      await kubelet.start();
    };
    const done = run().catch((e) => fail(`failed to run Kubelet: ${(e as Error).message}`));
    return {
      pid,
      async stop() {
        stopped = true;
        await done.catch(() => {});
        if (kubelet) {
          deps.registry?.set(deps.nodeName, undefined);
          await kubelet.stop();
        }
      },
    };
  };
}

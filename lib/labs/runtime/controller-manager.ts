// kube-controller-manager as its static pod runs it: the flags of its manifest, its kubeconfig
// (identity and server address), leader election on kube-system/kube-controller-manager, then
// the controllers --controllers names.
import type { Random } from "../../cluster/api/types.js";
import type { ControllerFactory, Controller } from "../../cluster/controllers/types.js";
import type { Time } from "../../cluster/runtime/timers.js";
import { legacyRecorder } from "../../cluster/runtime/events.js";
import { runLeaderElection } from "../../cluster/runtime/leader-election.js";
import { componentClient, type ApiSlot } from "./api-slot.js";
import { certificateIdentity, loadKubeconfig, serverAddress } from "./kubeconfig.js";
import { parseFlags } from "./flags.js";

/** Controllers upstream leaves off unless named (app/controllermanager.go ControllersDisabledByDefault). */
const DISABLED_BY_DEFAULT = new Set(["bootstrap-signer-controller", "bootstrapsigner", "token-cleaner-controller", "tokencleaner"]);

export function enabledControllers(spec: string, all: string[]): string[] {
  const items = spec.split(",").map((s) => s.trim()).filter(Boolean);
  return all.filter((name) => {
    if (items.includes(name)) return true;
    if (items.includes(`-${name}`)) return false;
    return items.includes("*") && !DISABLED_BY_DEFAULT.has(name);
  });
}

export interface ComponentProcess {
  stop(): Promise<void>;
}

export interface ComponentDeps {
  argv: string[];
  nodePath(p: string): string;
  slot: ApiSlot;
  clusterCaPem: string;
  time: Time;
  random: Random;
  log(line: string): void;
  /** The component exits (a fatal start-up error). */
  exit(code: number): void;
  /** The identity this run's leader election uses: "<hostname>_<uuid>". */
  identity: string;
}

export function startControllerManager(deps: ComponentDeps & { controllers: Map<string, ControllerFactory> }): ComponentProcess {
  const { flags } = parseFlags(deps.argv.slice(1));
  const kubeconfig = flags.get("kubeconfig") ?? "";
  let user;
  let address;
  try {
    const creds = loadKubeconfig(kubeconfig, deps.nodePath);
    address = serverAddress(creds.server);
    user = certificateIdentity(creds.certPem ?? "", deps.clusterCaPem, deps.time.now());
  } catch (e) {
    deps.log(`E "Error building kubeconfig" err="${(e as Error).message}"`);
    deps.exit(1);
    return { stop: async () => undefined };
  }
  const client = componentClient(deps.slot, user, address);
  const running: Controller[] = [];
  const names = enabledControllers(flags.get("controllers") ?? "*", [...deps.controllers.keys()]);
  const startAll = () => {
    for (const name of names) {
      const c = deps.controllers.get(name)!({
        client,
        time: deps.time,
        random: deps.random,
        recorder: (component) => legacyRecorder(client, deps.time, { component }, deps.log),
        log: deps.log,
        flags,
      });
      try {
        c.start();
        running.push(c);
        deps.log(`I "Started controller" controller="${name}"`);
      } catch (e) {
        deps.log(`E "Error starting controller" controller="${name}" err="${(e as Error).message}"`);
      }
    }
  };
  const stopAll = () => {
    for (const c of running.splice(0)) c.stop();
  };
  const leaderElect = (flags.get("leader-elect") ?? "true") !== "false";
  const election = leaderElect
    ? runLeaderElection(client, deps.time, {
        namespace: "kube-system",
        name: "kube-controller-manager",
        identity: deps.identity,
        onStartedLeading: startAll,
        onStoppedLeading: () => {
          stopAll();
          deps.log(`E "leaderelection lost"`);
          deps.exit(1);
        },
        log: (l) => deps.log(`I ${l}`),
      })
    : (startAll(), undefined);
  return {
    async stop() {
      election?.stop();
      stopAll();
      client.close();
    },
  };
}

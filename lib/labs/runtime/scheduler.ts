// kube-scheduler as its static pod runs it: kubeconfig, leader election on
// kube-system/kube-scheduler, then the default profile's scheduling loop.
import { runLeaderElection } from "../../cluster/runtime/leader-election.js";
import type { ClusterClient } from "../../cluster/client/types.js";
import type { Time } from "../../cluster/runtime/timers.js";
import { componentClient } from "./api-slot.js";
import { certificateIdentity, loadKubeconfig, serverAddress } from "./kubeconfig.js";
import { parseFlags } from "./flags.js";
import type { ComponentDeps, ComponentProcess } from "./controller-manager.js";

export type SchedulerFactory = (ctx: { client: ClusterClient; time: Time; log(line: string): void; instance: string }) => { start(): void; stop(): void };

export function startScheduler(deps: ComponentDeps & { createScheduler: SchedulerFactory; hostname: string }): ComponentProcess {
  const { flags } = parseFlags(deps.argv.slice(1));
  let user;
  let address;
  try {
    const creds = loadKubeconfig(flags.get("kubeconfig") ?? flags.get("authentication-kubeconfig") ?? "", deps.nodePath);
    address = serverAddress(creds.server);
    user = certificateIdentity(creds.certPem ?? "", deps.clusterCaPem, deps.time.now());
  } catch (e) {
    deps.log(`E "Error running scheduler" err="${(e as Error).message}"`);
    deps.exit(1);
    return { stop: async () => undefined };
  }
  const client = componentClient(deps.slot, user, address);
  const scheduler = deps.createScheduler({ client, time: deps.time, log: deps.log, instance: `default-scheduler-${deps.hostname}` });
  const leaderElect = (flags.get("leader-elect") ?? "true") !== "false";
  const election = leaderElect
    ? runLeaderElection(client, deps.time, {
        namespace: "kube-system",
        name: "kube-scheduler",
        identity: deps.identity,
        onStartedLeading: () => scheduler.start(),
        onStoppedLeading: () => {
          scheduler.stop();
          deps.log(`E "Leaderelection lost"`);
          deps.exit(1);
        },
        log: (l) => deps.log(`I ${l}`),
      })
    : (scheduler.start(), undefined);
  return {
    async stop() {
      election?.stop();
      scheduler.stop();
      client.close();
    },
  };
}

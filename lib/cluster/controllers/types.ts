// What every controller of kube-controller-manager (and the scheduler) is built from. Wiring
// (which controllers run, with which flags) is apart from logic: see ./index.ts.
import type { Random } from "../api/types.js";
import type { ClusterClient } from "../client/types.js";
import type { EventRecorder } from "../runtime/events.js";
import type { Time } from "../runtime/timers.js";

export interface ControllerContext {
  /** Acting as the controller's own identity (system:serviceaccount:kube-system:<name> upstream). */
  client: ClusterClient;
  time: Time;
  random: Random;
  /** Events with source.component = the controller's upstream component name, e.g. "deployment-controller". */
  recorder(component: string): EventRecorder;
  /** klog-style lines for the component's container log. */
  log(line: string): void;
  /** Flags of kube-controller-manager that controllers read (e.g. "cluster-signing-cert-file", "node-monitor-grace-period"). */
  flags: Map<string, string>;
}

export interface Controller {
  /** The name --controllers uses: "deployment", "replicaset", "garbage-collector", ... */
  readonly name: string;
  /** Subscribes to its informers and processes the current state. */
  start(): void;
  stop(): void;
}

export type ControllerFactory = (ctx: ControllerContext) => Controller;

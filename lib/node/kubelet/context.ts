// What a pod worker needs from its kubelet.
import type { Random } from "../../cluster/api/types.js";
import type { ClusterClient } from "../../cluster/client/types.js";
import type { ClusterDNS } from "../../cluster/kubelet/dns.js";
import type { EnvSources } from "../../cluster/kubelet/env.js";
import type { Severity } from "../../cluster/kubelet/klog.js";
import type { Pod } from "../../cluster/kubelet/types.js";
import type { EventRecorder } from "../../cluster/runtime/events.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type { RuntimeService } from "../cri/types.js";

export interface KubeletContext {
  nodeName: string;
  nodeIP: string;
  client: ClusterClient;
  runtime: RuntimeService;
  time: Time;
  random: Random;
  recorder: EventRecorder;
  nodePath(p: string): string;
  log(sev: Severity, source: string, msg: string, kv?: [string, unknown][]): void;
  dns(): ClusterDNS;
  envSources(pod: Pod, podIP: string): EnvSources;
  /** A bound service-account token for the pod (TokenRequest). */
  token(pod: Pod, audience: string | undefined, expirationSeconds: number): string;
}

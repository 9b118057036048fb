// Test fixtures: a runtime over a temporary node tree, a lab network that connects pods of the
// runtimes it knows and answers DNS from a table.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import dnsPacket from "dns-packet";
import { FakeTime } from "../../cluster/runtime/timers.js";
import type { PodSandboxConfig } from "../cri/types.js";
import { createContainerRuntime, type ContainerRuntime } from "./runtime.js";

export function sandboxConfig(name: string, overrides: Partial<PodSandboxConfig> = {}): PodSandboxConfig {
  return {
    uid: `uid-${name}`,
    name,
    namespace: "default",
    attempt: 0,
    hostname: name,
    logDirectory: `/var/log/pods/default_${name}_uid-${name}`,
    labels: { "io.kubernetes.pod.name": name, "io.kubernetes.pod.namespace": "default" },
    annotations: {},
    hostNetwork: false,
    dns: { servers: ["10.96.0.10"], searches: ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"], options: ["ndots:5"] },
    ...overrides,
  };
}

export interface Lab {
  root: string;
  time: FakeTime;
  rt: ContainerRuntime;
  dnsTable: Map<string, string>;
  /** Real event-loop turns, for node:http and just-bash internals. */
  flush(): Promise<void>;
  hostFile(p: string): string;
  /** Real time passes until the container has exited (real file I/O and just-bash take turns). */
  waitExit(id: string): Promise<void>;
}

export function newLab(ips: string[] = ["10.244.1.5", "10.244.1.6", "10.244.1.7", "10.244.1.8"]): Lab {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-containers-"));
  const time = new FakeTime("2026-11-25T10:00:00Z");
  let n = 0;
  let u = 0;
  const dnsTable = new Map<string, string>();
  const lab: Lab = {
    root,
    time,
    dnsTable,
    rt: undefined as unknown as ContainerRuntime,
    async flush() {
      for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 2));
    },
    hostFile: (p) => path.join(root, p),
    async waitExit(id) {
      for (let i = 0; i < 500 && lab.rt.containerStatus(id)?.state === "CONTAINER_RUNNING"; i++) await new Promise((r) => setTimeout(r, 5));
    },
  };
  lab.rt = createContainerRuntime({
    nodeName: "node01",
    nodePath: (p) => path.join(root, p),
    time,
    random: { string: (k) => "x".repeat(k), uuid: () => `${(++u).toString(16).padStart(8, "0")}-aaaa-4bbb-8ccc-dddddddddddd` },
    podIP: () => ips[n++],
    network: {
      async dial(fromIp, ip, port) {
        const s = lab.rt.connect(ip, port, fromIp);
        if (s !== "refused") return s;
        return ips.includes(ip) ? "refused" : "timeout";
      },
      async dns(_from, query) {
        const q = dnsPacket.decode(query);
        const question = q.questions![0];
        const ip = dnsTable.get(question.name);
        // "cname:TARGET" entries answer every type with a CNAME, as CoreDNS does for an ExternalName Service.
        const reply = ip?.startsWith("cname:")
          ? { type: "response" as const, id: q.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: q.questions, answers: [{ type: "CNAME" as const, name: question.name, ttl: 30, data: ip.slice("cname:".length) }] }
          : ip && question.type === "A"
          ? { type: "response" as const, id: q.id, flags: dnsPacket.RECURSION_AVAILABLE, questions: q.questions, answers: [{ type: "A" as const, name: question.name, ttl: 30, data: ip }] }
          : { type: "response" as const, id: q.id, flags: 3, questions: q.questions, answers: [] };
        return dnsPacket.encode(reply);
      },
    },
    preloadedImages: ["registry.k8s.io/pause:3.10"],
  });
  return lab;
}

export function containerConfig(name: string, image: string, over: Partial<import("../cri/types.js").ContainerConfig> = {}) {
  return {
    name,
    attempt: 0,
    image,
    command: [],
    args: [],
    env: [],
    mounts: [],
    tty: false,
    stdin: false,
    logPath: `${name}/0.log`,
    labels: {},
    annotations: {},
    memoryLimitBytes: 0,
    ...over,
  };
}

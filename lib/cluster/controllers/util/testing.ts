// Test fixtures for the controllers: a ControllerContext over FakeCluster and FakeTime, and
// helpers to read back the events and to play the kubelet (mark pods Running and Ready).
import type { KObject } from "../../api/types.js";
import { counterRandom, FakeCluster } from "../../client/fake.js";
import { GR } from "../../client/types.js";
import { legacyRecorder } from "../../runtime/events.js";
import { FakeTime, settle } from "../../runtime/timers.js";
import type { ControllerContext } from "../types.js";
import { rfc3339 } from "./base.js";

export interface Harness {
  time: FakeTime;
  client: FakeCluster;
  ctx: ControllerContext;
  logs: string[];
}

export function harness(start = "2026-01-01T00:00:00Z", flags: Record<string, string> = {}): Harness {
  const time = new FakeTime(start);
  const random = counterRandom();
  const client = new FakeCluster(time, random);
  const logs: string[] = [];
  const ctx: ControllerContext = {
    client,
    time,
    random,
    recorder: (component) => legacyRecorder(client, time, { component }, (l) => logs.push(l)),
    log: (l) => logs.push(l),
    flags: new Map(Object.entries(flags)),
  };
  return { time, client, ctx, logs };
}

/** "reason: message" of every event about the object kind/name (or all), in creation order. */
export function events(client: FakeCluster, filter?: { kind?: string; name?: string }): string[] {
  const evs = client.list(GR.events) as (KObject & { involvedObject: { kind: string; name: string }; reason: string; message: string; firstTimestamp: string })[];
  return evs
    .filter((e) => (!filter?.kind || e.involvedObject.kind === filter.kind) && (!filter?.name || e.involvedObject.name === filter.name))
    .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    .map((e) => `${e.reason}: ${e.message}`);
}

/** What a kubelet reports for a started pod: Running, with Ready True from now. */
export async function markPodsReady(h: Harness, pods: KObject[]): Promise<void> {
  const now = rfc3339(h.time.now());
  for (const p of pods) {
    const cur = h.client.get(GR.pods, p.metadata!.namespace!, p.metadata!.name!);
    if (!cur) continue;
    await h.client.update(
      GR.pods,
      { ...structuredClone(cur), status: { phase: "Running", podIP: (cur.status as { podIP?: string })?.podIP, conditions: [{ type: "Ready", status: "True", lastProbeTime: null, lastTransitionTime: now }] } },
      { subresource: "status" },
    );
  }
  await settle();
}

export async function setPodPhase(h: Harness, pod: KObject, phase: string, extra: Record<string, unknown> = {}): Promise<void> {
  const cur = h.client.get(GR.pods, pod.metadata!.namespace!, pod.metadata!.name!)!;
  await h.client.update(GR.pods, { ...structuredClone(cur), status: { ...(cur.status as object), phase, ...extra } }, { subresource: "status" });
  await settle();
}

/** Lets chains of syncs (controller -> cache -> other controller) run to rest. */
export async function quiesce(h: Harness, rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await h.time.advance(1);
}

export const names = (objs: KObject[]) => objs.map((o) => o.metadata!.name!);

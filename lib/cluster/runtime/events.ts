// Events as components record them (client-go tools/record, the "legacy" core/v1 recorder that
// the kubelet and kube-controller-manager use): one Event per (source, object, type, reason,
// message), its count and lastTimestamp bumped when it repeats (the EventCorrelator's dedupe).
// The scheduler uses the events.k8s.io recorder: recordV1 below.
import type { KObject } from "../api/types.js";
import type { ClusterClient } from "../client/types.js";
import { GR } from "../client/types.js";
import type { Clock } from "../api/types.js";

export type EventType = "Normal" | "Warning";

export interface EventRecorder {
  /** fieldPath: e.g. "spec.containers{nginx}" for container events. */
  event(obj: KObject, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

function involvedObject(obj: KObject, fieldPath?: string) {
  const m = obj.metadata ?? {};
  const ref: Record<string, unknown> = { kind: obj.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion };
  if (!m.namespace) delete ref.namespace;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/** Upstream names events "<object name>.<unix nanoseconds in hex>". */
export function eventName(objName: string, at: Date, seq: number): string {
  const nanos = BigInt(at.getTime()) * 1_000_000n + BigInt(seq % 1_000_000);
  return `${objName}.${nanos.toString(16)}`;
}

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
const micro = (d: Date) => d.toISOString().replace(/Z$/, "000Z");

export function legacyRecorder(client: ClusterClient, clock: Clock, source: { component: string; host?: string }, log?: (line: string) => void): EventRecorder {
  const seen = new Map<string, { name: string; namespace: string; count: number }>();
  let seq = 0;
  return {
    event(obj, type, reason, message, fieldPath) {
      const now = clock.now();
      const ns = obj.metadata?.namespace || "default";
      const key = JSON.stringify([source.component, source.host, obj.kind, ns, obj.metadata?.name, obj.metadata?.uid, fieldPath, type, reason, message]);
      const prior = seen.get(key);
      if (prior) {
        prior.count++;
        const count = prior.count;
        void client
          .patch(GR.events, prior.namespace, prior.name, "application/strategic-merge-patch+json", { count, lastTimestamp: rfc3339(now) })
          .catch((e) => log?.(`event patch failed: ${(e as Error).message}`));
        return;
      }
      const name = eventName(obj.metadata?.name ?? "", now, seq++);
      seen.set(key, { name, namespace: ns, count: 1 });
      if (seen.size > 4096) seen.delete(seen.keys().next().value!);
      const ev: KObject = {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace: ns },
        involvedObject: involvedObject(obj, fieldPath),
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: rfc3339(now),
        lastTimestamp: rfc3339(now),
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? "",
      };
      void client.create(GR.events, ev).catch((e) => log?.(`event create failed: ${(e as Error).message}`));
    },
  };
}

/** The events.k8s.io/v1 recorder (kube-scheduler): action, reportingController and eventTime, no count. */
export function eventsV1Recorder(client: ClusterClient, clock: Clock, controller: string, instance: string, log?: (line: string) => void) {
  let seq = 0;
  return {
    event(obj: KObject, type: EventType, reason: string, action: string, note: string) {
      const now = clock.now();
      const ns = obj.metadata?.namespace || "default";
      const ev: KObject = {
        apiVersion: "events.k8s.io/v1",
        kind: "Event",
        metadata: { name: eventName(obj.metadata?.name ?? "", now, seq++), namespace: ns },
        eventTime: micro(now),
        reportingController: controller,
        reportingInstance: instance,
        action,
        reason,
        regarding: involvedObject(obj),
        note,
        type,
      };
      void client.create({ group: "events.k8s.io", resource: "events" }, ev).catch((e) => log?.(`event create failed: ${(e as Error).message}`));
    },
  };
}

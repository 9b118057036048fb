// Leader election over a coordination.k8s.io Lease (client-go tools/leaderelection): acquire
// when the lease is free or expired, renew every retryPeriod, give up leadership when a renew
// has failed for renewDeadline. Components start their loops only while leading.
import type { KObject } from "../api/types.js";
import { GR, type ClusterClient } from "../client/types.js";
import type { Time } from "./timers.js";

export interface LeaderElectionConfig {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationSeconds?: number; // 15
  renewDeadlineSeconds?: number; // 10
  retryPeriodSeconds?: number; // 2
  onStartedLeading(): void;
  onStoppedLeading(): void;
  log?(line: string): void;
}

const micro = (d: Date) => d.toISOString().replace(/Z$/, "000Z");

export function runLeaderElection(client: ClusterClient, time: Time, cfg: LeaderElectionConfig): { stop(): void; isLeader(): boolean } {
  const duration = cfg.leaseDurationSeconds ?? 15;
  const renewDeadline = (cfg.renewDeadlineSeconds ?? 10) * 1000;
  const retry = (cfg.retryPeriodSeconds ?? 2) * 1000;
  let leading = false;
  let stopped = false;
  let lastRenew = 0;
  let cancel: (() => void) | undefined;
  let loggedAttempt = false;

  const tryAcquireOrRenew = async (): Promise<boolean> => {
    const now = time.now();
    const cur = client.get(GR.leases, cfg.namespace, cfg.name);
    const spec = (cur?.spec ?? {}) as { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number; leaseTransitions?: number; acquireTime?: string };
    const mine = spec.holderIdentity === cfg.identity;
    if (cur && !mine && spec.holderIdentity) {
      const renewed = spec.renewTime ? new Date(spec.renewTime).getTime() : 0;
      if (renewed + (spec.leaseDurationSeconds ?? duration) * 1000 > now.getTime()) return false;
    }
    const nextSpec = {
      holderIdentity: cfg.identity,
      leaseDurationSeconds: duration,
      acquireTime: mine && spec.acquireTime ? spec.acquireTime : micro(now),
      renewTime: micro(now),
      leaseTransitions: mine ? (spec.leaseTransitions ?? 0) : cur ? (spec.leaseTransitions ?? 0) + 1 : 0,
    };
    if (!cur) {
      await client.create(GR.leases, { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: cfg.name, namespace: cfg.namespace }, spec: nextSpec });
    } else {
      await client.update(GR.leases, { ...(cur as KObject), spec: nextSpec });
    }
    return true;
  };

  const tick = async () => {
    if (stopped) return;
    let ok = false;
    try {
      if (!leading && !loggedAttempt) {
        cfg.log?.(`attempting to acquire leader lease ${cfg.namespace}/${cfg.name}...`);
        loggedAttempt = true;
      }
      ok = await tryAcquireOrRenew();
    } catch (e) {
      cfg.log?.(`error retrieving resource lock ${cfg.namespace}/${cfg.name}: ${(e as Error).message}`);
    }
    const now = time.now().getTime();
    if (ok) {
      lastRenew = now;
      if (!leading) {
        leading = true;
        cfg.log?.(`successfully acquired lease ${cfg.namespace}/${cfg.name}`);
        cfg.onStartedLeading();
      }
    } else if (leading && now - lastRenew > renewDeadline) {
      leading = false;
      cfg.log?.(`failed to renew lease ${cfg.namespace}/${cfg.name}: timed out waiting for the condition`);
      cfg.onStoppedLeading();
    }
    if (!stopped) cancel = time.after(retry, () => void tick());
  };
  void tick();
  return {
    stop() {
      stopped = true;
      cancel?.();
    },
    isLeader: () => leading,
  };
}

// Which endpoint a new connection gets: kube-proxy's iptables rules pick uniformly at random
// (statistic --mode random --probability 1/n, 1/(n-1), ...) and, with sessionAffinity ClientIP,
// first look the client up in each endpoint's `recent` list (--rcheck --seconds T --reap) that the
// KUBE-SEP chain refreshes on every new connection (--set). pkg/proxy/iptables/proxier.go
// writeServiceToEndpointRules.
import type { Clock } from "../api/types.js";
import { endpointString, servicePortNameString, type ProxyEndpoint, type ServicePortInfo } from "./proxy-model.js";

/** Upper bound of remembered client affinities (named limit). */
export const MAX_AFFINITY_ENTRIES = 10_000;

export class EndpointPicker {
  /** key "svcport/proto clientIP" -> endpoint key and when the client last used it. */
  private readonly recent = new Map<string, { endpoint: string; at: number }>();

  /** `uniform(n)` returns an integer in [0, n); default round-robin per service port, which
   *  spreads connections as evenly as the random rules do on average and keeps tests stable. */
  constructor(
    private readonly clock: Clock,
    private readonly uniform?: (n: number) => number,
  ) {}

  private readonly rr = new Map<string, number>();

  pick(sp: ServicePortInfo, candidates: ProxyEndpoint[], clientIp: string): ProxyEndpoint | undefined {
    if (candidates.length === 0) return undefined;
    const svcKey = `${servicePortNameString(sp)}/${sp.protocol}`;
    const now = this.clock.now().getTime();
    if (sp.sessionAffinityClientIP) {
      const hit = this.recent.get(`${svcKey} ${clientIp}`);
      if (hit && now - hit.at <= sp.stickyMaxAgeSeconds * 1000) {
        const ep = candidates.find((c) => endpointString(c) === hit.endpoint);
        if (ep) {
          hit.at = now;
          return ep;
        }
      }
    }
    let i: number;
    if (this.uniform) i = this.uniform(candidates.length);
    else {
      i = (this.rr.get(svcKey) ?? 0) % candidates.length;
      this.rr.set(svcKey, i + 1);
    }
    const ep = candidates[i];
    if (sp.sessionAffinityClientIP) {
      if (this.recent.size >= MAX_AFFINITY_ENTRIES) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(`${svcKey} ${clientIp}`, { endpoint: endpointString(ep), at: now });
    }
    return ep;
  }
}

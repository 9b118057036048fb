// Calico's host-local IPAM on each node's podCIDR (docs/cluster-spec.md): a pod on node01 gets
// 10.244.1.x. A pod keeps the address the API already records for it (a restarted sandbox of a
// seeded pod); new sandboxes take the lowest free address from .2 up.
import type { KObject } from "../../cluster/api/types.js";

const toInt = (ip: string) => ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");

export class NodeIpam {
  private readonly inUse = new Map<string, string>(); // ip -> sandbox key (pod uid)
  private readonly base: number;
  private readonly size: number;

  constructor(podCIDR: string) {
    const [net, bits] = podCIDR.split("/");
    this.base = toInt(net);
    this.size = 2 ** (32 - Number(bits));
  }

  contains(ip: string): boolean {
    const n = toInt(ip);
    return n >= this.base && n < this.base + this.size;
  }

  /** An address for a pod: the one the API shows for it if still free, else the lowest free one. */
  allocate(podUid: string, livePods: KObject[]): string {
    for (const [ip, uid] of this.inUse) if (uid === podUid) return ip;
    const taken = new Set<string>(this.inUse.keys());
    let recorded: string | undefined;
    for (const p of livePods) {
      const ip = (p.status as { podIP?: string })?.podIP;
      if (!ip || !this.contains(ip) || (p.spec as { hostNetwork?: boolean })?.hostNetwork) continue;
      if (p.metadata?.uid === podUid) recorded = ip;
      else taken.add(ip);
    }
    if (recorded && !taken.has(recorded)) {
      this.inUse.set(recorded, podUid);
      return recorded;
    }
    for (let i = 2; i < this.size - 1; i++) {
      const ip = toIp(this.base + i);
      if (!taken.has(ip)) {
        this.inUse.set(ip, podUid);
        return ip;
      }
    }
    throw new Error(`failed to allocate for range 0: no IP addresses available in range set: ${toIp(this.base + 1)}-${toIp(this.base + this.size - 2)}`);
  }

  /** Frees the addresses of pods that no longer have a sandbox. */
  prune(liveUids: Set<string>): void {
    for (const [ip, uid] of this.inUse) if (!liveUids.has(uid)) this.inUse.delete(ip);
  }

  release(podUid: string): void {
    for (const [ip, uid] of this.inUse) if (uid === podUid) this.inUse.delete(ip);
  }
}

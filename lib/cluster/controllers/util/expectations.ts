// ControllerExpectations (pkg/controller/controller_utils.go): after asking for n creations or
// deletions, a controller waits until its informer has seen them before syncing that key again,
// so it never acts twice on a stale cache. Expectations older than 5 minutes are ignored.
import type { Clock } from "../../api/types.js";

const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  at: number;
  /** UIDs of pods whose deletion we await (UIDTrackingControllerExpectations). */
  deleting: Set<string>;
}

export class Expectations {
  private m = new Map<string, Expectation>();
  constructor(private readonly clock: Clock) {}

  satisfied(key: string): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now().getTime() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.m.set(key, { add: n, del: 0, at: this.clock.now().getTime(), deleting: new Set() });
  }

  expectDeletions(key: string, uids: string[]): void {
    this.m.set(key, { add: 0, del: uids.length, at: this.clock.now().getTime(), deleting: new Set(uids) });
  }

  creationObserved(key: string): void {
    const e = this.m.get(key);
    if (e) e.add--;
  }

  /** Lowers the creations still expected after a create failed (it will not be observed). */
  creationFailed(key: string): void {
    this.creationObserved(key);
  }

  deletionObserved(key: string, uid: string): void {
    const e = this.m.get(key);
    if (e?.deleting.delete(uid)) e.del--;
  }

  delete(key: string): void {
    this.m.delete(key);
  }
}

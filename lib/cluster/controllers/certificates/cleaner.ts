// The csrcleaner controller, pkg/controller/certificates/cleaner/cleaner.go: every hour, CSRs
// that are done with are deleted: approved or denied or failed ones an hour after their
// condition, pending ones after 24 hours, issued ones whose certificate has expired.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import type { Controller, ControllerContext } from "../types.js";
import { isNotFound, parseTime } from "../util/base.js";
import { conditionsOf } from "./csr.js";

export const CLEANER_POLLING_INTERVAL_MS = 3600_000;
export const APPROVED_EXPIRATION_MS = 3600_000;
export const DENIED_EXPIRATION_MS = 3600_000;
export const FAILED_EXPIRATION_MS = 3600_000;
export const PENDING_EXPIRATION_MS = 24 * 3600_000;

/** Why a CSR is due for deletion at `now`, or undefined (the cleaner's log reasons). */
export function cleanupReason(csr: KObject, now: number, certNotAfter?: (pem: string) => number | undefined): string | undefined {
  const st = (csr.status ?? {}) as { certificate?: string };
  if (st.certificate && certNotAfter) {
    const na = certNotAfter(atob(st.certificate));
    if (na !== undefined && na < now) return "issued certificate expired";
  }
  const conds = conditionsOf(csr);
  const past = (type: string, ms: number) => conds.some((c) => c.type === type && (parseTime(c.lastUpdateTime) ?? parseTime(c.lastTransitionTime) ?? Infinity) + ms < now);
  if (past("Denied", DENIED_EXPIRATION_MS)) return "denied past deadline";
  if (past("Failed", FAILED_EXPIRATION_MS)) return "failed past deadline";
  if (st.certificate && past("Approved", APPROVED_EXPIRATION_MS)) return "approved and issued past deadline";
  if (!conds.length && (parseTime(csr.metadata?.creationTimestamp) ?? Infinity) + PENDING_EXPIRATION_MS < now) return "pending past deadline";
  return undefined;
}

export class CSRCleanerController implements Controller {
  readonly name = "certificatesigningrequest-cleaner";
  private cancel: (() => void) | undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly certNotAfter?: (pem: string) => number | undefined,
  ) {}

  start(): void {
    const tick = () => {
      void this.clean();
      this.cancel = this.ctx.time.after(CLEANER_POLLING_INTERVAL_MS, tick);
    };
    tick();
  }

  stop(): void {
    this.cancel?.();
  }

  async clean(): Promise<void> {
    const now = this.ctx.time.now().getTime();
    for (const csr of this.ctx.client.list(GR.certificatesigningrequests)) {
      const why = cleanupReason(csr, now, this.certNotAfter);
      if (!why) continue;
      this.ctx.log(`I "Cleaning CSR as it is ${why}" csr="${csr.metadata?.name}"`);
      try {
        await this.ctx.client.delete(GR.certificatesigningrequests, "", csr.metadata!.name!);
      } catch (e) {
        if (!isNotFound(e)) this.ctx.log(`E "Unable to delete CSR" err="${(e as Error).message}" csr="${csr.metadata?.name}"`);
      }
    }
  }
}

export const csrCleanerController = (certNotAfter?: (pem: string) => number | undefined) => (ctx: ControllerContext) => new CSRCleanerController(ctx, certNotAfter);

// The csrsigning controllers of kube-controller-manager, pkg/controller/certificates/signer
// (signer.go handle, sign, duration): an approved, not failed CSR of a kubernetes.io signer gets
// status.certificate signed with --cluster-signing-cert-file/--cluster-signing-key-file, or a
// Failed condition "SignerValidationFailure" when the request does not suit its signer. The
// X.509 work is the lab's (CertificateSigner): lib/cluster stays free of key handling.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, QueueController, rfc3339 } from "../util/base.js";
import { hasTrueCondition, isApproved, parseCSR, requestPem, type ParsedCSR } from "./csr.js";
import { checkForSigner } from "./validation.js";

/** --cluster-signing-duration default (8760h). */
export const DEFAULT_SIGNING_DURATION_MS = 8760 * 3600 * 1000;
/** authority.PermissiveSigningPolicy as signer.sign sets it. */
export const SIGNER_BACKDATE_MS = 5 * 60_000;
export const SIGNER_SHORT_MS = 8 * 3600_000;

export interface SignRequest {
  csr: ParsedCSR;
  usages: string[];
  notBefore: Date;
  notAfter: Date;
}
/** Signs with the cluster CA; returns the certificate PEM. Throws with the CA's problem. */
export interface CertificateSigner {
  /** The CA certificate's NotAfter (the policy caps certificates there). */
  notAfter(): Date;
  sign(req: SignRequest): string;
}
/** Loads the CA from the two files the flags name (from the controller-manager's view of the node). */
export type SignerLoader = (certFile: string, keyFile: string) => CertificateSigner;

/** time.ParseDuration for the flag forms kubeadm and users write ("8760h", "8760h0m0s", "720h"). */
export function parseGoDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * { h: 3600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as "h"];
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : undefined;
}

/** signer.duration: spec.expirationSeconds honoured between 10 minutes and the flag's duration. */
export function signingDuration(certTTLMs: number, expirationSeconds: number | undefined): number {
  if (expirationSeconds === undefined) return certTTLMs;
  const requested = expirationSeconds * 1000;
  if (requested > certTTLMs) return certTTLMs;
  if (requested < 10 * 60_000) return 10 * 60_000;
  return requested;
}

/** PermissiveSigningPolicy.apply's validity: backdated 5 minutes; short certificates keep their end. */
export function validity(now: Date, ttlMs: number, caNotAfter: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - SIGNER_BACKDATE_MS);
  let notAfter = new Date(now.getTime() + ttlMs - (ttlMs < SIGNER_SHORT_MS ? 0 : SIGNER_BACKDATE_MS));
  if (notAfter >= caNotAfter) notAfter = caNotAfter;
  if (notBefore >= caNotAfter) throw new Error(`the signer has expired: NotAfter=${caNotAfter.toISOString()}`);
  if (now >= caNotAfter) throw new Error(`refusing to sign a certificate that expired in the past: NotAfter=${caNotAfter.toISOString()}`);
  return { notBefore, notAfter };
}

/** One controller for the four kubernetes.io signers (upstream runs one per signer, same CA). */
export class CSRSigningController extends QueueController {
  readonly name = "certificatesigningrequest-signing";
  private signer: CertificateSigner | undefined;
  private ttlMs = DEFAULT_SIGNING_DURATION_MS;

  constructor(
    ctx: ControllerContext,
    private readonly load: SignerLoader,
  ) {
    super(ctx);
  }

  start(): void {
    const cert = this.ctx.flags.get("cluster-signing-cert-file") ?? "";
    const key = this.ctx.flags.get("cluster-signing-key-file") ?? "";
    this.ttlMs = parseGoDuration(this.ctx.flags.get("cluster-signing-duration") ?? "") ?? DEFAULT_SIGNING_DURATION_MS;
    try {
      this.signer = this.load(cert, key);
    } catch (e) {
      // Upstream: "Error starting controller" and the signing controllers stay off.
      this.ctx.log(`E "Error starting controller" err="failed to start kubernetes.io/kube-apiserver-client certificate controller: error reading CA cert file \\"${cert}\\": ${(e as Error).message}" controller="certificatesigningrequest-signing-controller"`);
      return;
    }
    this.watch(GR.certificatesigningrequests, (type, csr) => type !== "DELETED" && this.queue.add(keyOf(csr)));
    for (const csr of this.ctx.client.list(GR.certificatesigningrequests)) this.queue.add(keyOf(csr));
  }

  protected async sync(key: string): Promise<void> {
    const shared = this.ctx.client.get(GR.certificatesigningrequests, "", splitKey(key).name);
    if (!shared || !this.signer) return;
    const csr = structuredClone(shared);
    if ((csr.status as { certificate?: string })?.certificate) return;
    if (!isApproved(csr) || hasTrueCondition(csr, "Failed")) return;
    const spec = (csr.spec ?? {}) as { signerName?: string; usages?: string[]; expirationSeconds?: number };
    let req: ParsedCSR;
    try {
      req = parseCSR(requestPem(csr));
    } catch (e) {
      throw new Error(`unable to parse csr "${csr.metadata?.name}": ${(e as Error).message}`);
    }
    const [recognized, invalid] = checkForSigner(spec.signerName ?? "", req, spec.usages ?? []);
    if (invalid) {
      const status = (csr.status ??= {}) as { conditions?: unknown[] };
      status.conditions = [...(status.conditions ?? []), { type: "Failed", status: "True", reason: "SignerValidationFailure", message: invalid, lastUpdateTime: rfc3339(this.ctx.time.now()) }];
      await this.writeStatus(csr);
      return;
    }
    if (!recognized) return;
    const now = this.ctx.time.now();
    let pem: string;
    try {
      const { notBefore, notAfter } = validity(now, signingDuration(this.ttlMs, spec.expirationSeconds), this.signer.notAfter());
      pem = this.signer.sign({ csr: req, usages: spec.usages ?? [], notBefore, notAfter });
    } catch (e) {
      throw new Error(`error auto signing csr: ${(e as Error).message}`);
    }
    (csr.status as { certificate?: string }).certificate = btoa(pem);
    await this.writeStatus(csr);
  }

  private async writeStatus(csr: KObject): Promise<void> {
    try {
      await this.ctx.client.update(GR.certificatesigningrequests, csr, { subresource: "status" });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export const csrSigningController = (load: SignerLoader) => (ctx: ControllerContext) => new CSRSigningController(ctx, load);

// The csrapproving controller, pkg/controller/certificates/approver/sarapprove.go: kubelet client
// CSRs (signer kube-apiserver-client-kubelet, a valid kubelet client request) are approved when
// the requester may create certificatesigningrequests/selfnodeclient (renewing its own node
// identity) or /nodeclient (bootstrap tokens): kubeadm binds those to system:nodes and
// system:bootstrappers:kubeadm:default-node-token. The SubjectAccessReview is answered with the
// RBAC rules from the controller's cache.
import type { KObject, UserInfo } from "../../api/types.js";
import { GR, type GroupResource } from "../../client/types.js";
import { keyOf, splitKey } from "../../runtime/workqueue.js";
import { authorize } from "../../rbac/authorizer.js";
import { staticPolicySource } from "../../rbac/policy-source.js";
import type { BindingObject, RoleObject } from "../../rbac/types.js";
import type { ControllerContext } from "../types.js";
import { isNotFound, QueueController } from "../util/base.js";
import { approvalState, parseCSR, requestPem, type ParsedCSR } from "./csr.js";
import { KUBE_APISERVER_CLIENT_KUBELET, validateKubeletClientCSR } from "./validation.js";

const rbac = (resource: string): GroupResource => ({ group: "rbac.authorization.k8s.io", resource });

interface Recognizer {
  recognize(csr: KObject, req: ParsedCSR): boolean;
  subresource: string;
  successMessage: string;
}

const spec = (csr: KObject) => (csr.spec ?? {}) as { signerName?: string; usages?: string[]; username?: string; groups?: string[]; uid?: string; extra?: Record<string, string[]> };
const isNodeClientCert = (csr: KObject, req: ParsedCSR) => spec(csr).signerName === KUBE_APISERVER_CLIENT_KUBELET && validateKubeletClientCSR(req, new Set(spec(csr).usages ?? [])) === undefined;

const RECOGNIZERS: Recognizer[] = [
  {
    recognize: (csr, req) => isNodeClientCert(csr, req) && req.commonName === spec(csr).username,
    subresource: "selfnodeclient",
    successMessage: "Auto approving self kubelet client certificate after SubjectAccessReview.",
  },
  { recognize: isNodeClientCert, subresource: "nodeclient", successMessage: "Auto approving kubelet client certificate after SubjectAccessReview." },
];

export class CSRApprovingController extends QueueController {
  readonly name = "certificatesigningrequest-approving";

  start(): void {
    this.watch(GR.certificatesigningrequests, (type, csr) => type !== "DELETED" && this.queue.add(keyOf(csr)));
    for (const csr of this.ctx.client.list(GR.certificatesigningrequests)) this.queue.add(keyOf(csr));
  }

  private allowed(csr: KObject, subresource: string): boolean {
    const c = this.ctx.client;
    const policy = staticPolicySource({
      clusterRoles: c.list(rbac("clusterroles")) as RoleObject[],
      clusterRoleBindings: c.list(rbac("clusterrolebindings")) as BindingObject[],
    });
    const s = spec(csr);
    const user: UserInfo = { username: s.username ?? "", uid: s.uid, groups: s.groups ?? [], extra: s.extra };
    return authorize({ user, verb: "create", apiGroup: "certificates.k8s.io", resource: "certificatesigningrequests", subresource, resourceRequest: true }, policy).decision === "allow";
  }

  protected async sync(key: string): Promise<void> {
    const shared = this.ctx.client.get(GR.certificatesigningrequests, "", splitKey(key).name);
    if (!shared || (shared.status as { certificate?: string })?.certificate) return;
    const { approved, denied } = approvalState(shared);
    if (approved || denied) return;
    let req: ParsedCSR;
    try {
      req = parseCSR(requestPem(shared));
    } catch (e) {
      throw new Error(`unable to parse csr "${shared.metadata?.name}": ${(e as Error).message}`);
    }
    const tried: string[] = [];
    for (const r of RECOGNIZERS) {
      if (!r.recognize(shared, req)) continue;
      tried.push(r.subresource);
      if (!this.allowed(shared, r.subresource)) continue;
      const csr = structuredClone(shared);
      const status = (csr.status ??= {}) as { conditions?: unknown[] };
      status.conditions = [...(status.conditions ?? []), { type: "Approved", status: "True", reason: "AutoApproved", message: r.successMessage }];
      try {
        await this.ctx.client.update(GR.certificatesigningrequests, csr, { subresource: "approval" });
      } catch (e) {
        if (!isNotFound(e)) throw new Error(`error updating approval for csr: ${(e as Error).message}`);
      }
      return;
    }
    // An IgnorableError upstream: logged, not retried.
    if (tried.length) this.ctx.log(`I "recognized csr as [${tried.join(" ")}] but subject access review was not approved" csr="${shared.metadata?.name}"`);
  }
}

export const csrApprovingController = (ctx: ControllerContext) => new CSRApprovingController(ctx);

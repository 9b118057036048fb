// The root-ca-certificate-publisher, pkg/controller/certificates/rootcacertpublisher/publisher.go:
// a ConfigMap kube-root-ca.crt with the cluster CA in every namespace, recreated when deleted and
// put back when edited.
import type { KObject } from "../../api/types.js";
import { GR } from "../../client/types.js";
import { keyOf } from "../../runtime/workqueue.js";
import type { ControllerContext } from "../types.js";
import { isAlreadyExists, QueueController } from "../util/base.js";

export const ROOT_CA_CONFIGMAP_NAME = "kube-root-ca.crt";
export const DESCRIPTION_ANNOTATION = "kubernetes.io/description";
export const DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

export interface RootCAPublisherDeps {
  /** PEM of the cluster CA (kube-controller-manager's --root-ca-file). */
  rootCA: () => string;
}

export class RootCACertPublisher extends QueueController {
  readonly name = "root-ca-certificate-publisher";

  constructor(
    ctx: ControllerContext,
    private readonly deps: RootCAPublisherDeps,
  ) {
    super(ctx);
  }

  start(): void {
    this.watch(GR.namespaces, (type, ns) => {
      if (type !== "DELETED") this.queue.add(keyOf(ns));
    });
    this.watch(GR.configmaps, (_type, cm) => {
      if (cm.metadata?.name === ROOT_CA_CONFIGMAP_NAME) this.queue.add(cm.metadata!.namespace!);
    });
    for (const ns of this.ctx.client.list(GR.namespaces)) this.queue.add(keyOf(ns));
  }

  protected async sync(name: string): Promise<void> {
    const ns = this.ctx.client.get(GR.namespaces, "", name);
    if (!ns || ns.metadata?.deletionTimestamp) return;
    const data = { "ca.crt": this.deps.rootCA() };
    const cm = this.ctx.client.get(GR.configmaps, name, ROOT_CA_CONFIGMAP_NAME);
    if (!cm) {
      try {
        await this.ctx.client.create(GR.configmaps, {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: ROOT_CA_CONFIGMAP_NAME, namespace: name, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
      } catch (e) {
        // Forbidden: the namespace is terminating; AlreadyExists: a race with the cache.
        if (!isAlreadyExists(e) && (e as { code?: number }).code !== 403) throw e;
      }
      return;
    }
    const sameData = JSON.stringify(cm.data ?? {}) === JSON.stringify(data);
    const hasDescription = cm.metadata?.annotations?.[DESCRIPTION_ANNOTATION] === DESCRIPTION;
    if (sameData && hasDescription) return;
    const next: KObject = structuredClone(cm);
    next.data = data;
    next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
    await this.ctx.client.update(GR.configmaps, next);
  }
}

export const newRootCACertPublisher = (deps: RootCAPublisherDeps) => (ctx: ControllerContext) => new RootCACertPublisher(ctx, deps);

import { describe, expect, it } from "vitest";
import { GR } from "../../client/types.js";
import { newServiceAccountsController } from "../serviceaccount/serviceaccounts_controller.js";
import { harness, quiesce } from "../util/testing.js";
import { DESCRIPTION, newRootCACertPublisher } from "./publisher.js";

const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("root-ca-certificate-publisher and serviceaccount controllers", () => {
  it("publish kube-root-ca.crt and the default ServiceAccount in active namespaces only", async () => {
    const h = harness();
    h.client.seed(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" }, status: { phase: "Active" } });
    h.client.seed(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "gone", deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["x"] }, status: { phase: "Terminating" } });
    newRootCACertPublisher({ rootCA: () => CA })(h.ctx).start();
    newServiceAccountsController(h.ctx).start();
    await quiesce(h);
    expect(h.client.list(GR.configmaps).map((c) => ({ ns: c.metadata!.namespace, name: c.metadata!.name, annotations: c.metadata!.annotations, data: c.data }))).toEqual([
      { ns: "shop", name: "kube-root-ca.crt", annotations: { "kubernetes.io/description": DESCRIPTION }, data: { "ca.crt": CA } },
    ]);
    expect(h.client.list(GR.serviceaccounts).map((s) => `${s.metadata!.namespace}/${s.metadata!.name}`)).toEqual(["shop/default"]);
  });

  it.each([
    { name: "deleted", change: async (h: ReturnType<typeof harness>) => void (await h.client.delete(GR.configmaps, "shop", "kube-root-ca.crt")) },
    {
      name: "edited",
      change: async (h: ReturnType<typeof harness>) => {
        const cm = structuredClone(h.client.get(GR.configmaps, "shop", "kube-root-ca.crt")!);
        cm.data = { "ca.crt": "tampered" };
        await h.client.update(GR.configmaps, cm);
      },
    },
  ])("puts kube-root-ca.crt back when $name", async ({ change }) => {
    const h = harness();
    h.client.seed(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" }, status: { phase: "Active" } });
    newRootCACertPublisher({ rootCA: () => CA })(h.ctx).start();
    await quiesce(h);
    await change(h);
    await quiesce(h);
    expect(h.client.get(GR.configmaps, "shop", "kube-root-ca.crt")!.data).toEqual({ "ca.crt": CA });
  });
});

import { describe, expect, it } from "vitest";
import { GR } from "../../client/types.js";
import { harness, quiesce, type Harness } from "../util/testing.js";
import { newNamespaceController } from "./namespace_controller.js";

const RESOURCES = [GR.pods, GR.configmaps, GR.secrets, GR.deployments];

function seed(h: Harness) {
  // FakeCluster does not know spec.finalizers of namespaces: a metadata finalizer keeps the
  // object in the fake after its finalize, so the test can read what the controller wrote.
  h.client.seed(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["test/keep"] }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });
  h.client.seed(GR.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "shop" } });
  h.client.seed(GR.pods, { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "shop" }, spec: { containers: [] } });
  h.client.seed(GR.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "keep", namespace: "other" } });
}

const ok = (type: string, reason: string, message: string) => ({ type, status: "False", lastTransitionTime: "2026-01-01T00:00:00Z", reason, message });

describe("namespace controller", () => {
  it("empties a Terminating namespace and finalizes it", async () => {
    const h = harness();
    seed(h);
    newNamespaceController({ namespacedResources: () => RESOURCES })(h.ctx).start();
    await quiesce(h);
    expect(h.client.list(GR.configmaps).map((o) => `${o.metadata!.namespace}/${o.metadata!.name}`)).toEqual(["other/keep"]);
    expect(h.client.list(GR.pods)).toEqual([]);
    const ns = h.client.get(GR.namespaces, "", "shop")!;
    expect(ns.spec).toEqual({});
    expect(h.client.writes.filter((w) => w.gr === "/namespaces").map((w) => w.subresource)).toEqual(["status", "status", "finalize"]);
    expect(ns.status).toEqual({
      phase: "Terminating",
      conditions: [
        ok("NamespaceDeletionDiscoveryFailure", "ResourcesDiscovered", "All resources successfully discovered"),
        ok("NamespaceDeletionGroupVersionParsingFailure", "ParsedGroupVersions", "All legacy kube types successfully parsed"),
        ok("NamespaceDeletionContentFailure", "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
        ok("NamespaceContentRemaining", "ContentRemoved", "All content successfully removed"),
        ok("NamespaceFinalizersRemaining", "ContentHasNoFinalizers", "All content-preserving finalizers finished"),
      ],
    });
  });

  it("reports content held by finalizers and waits for it", async () => {
    const h = harness();
    seed(h);
    h.client.seed(GR.secrets, { apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "shop", finalizers: ["example.com/hold"] } });
    newNamespaceController({ namespacedResources: () => RESOURCES })(h.ctx).start();
    await quiesce(h);
    const conds = (h.client.get(GR.namespaces, "", "shop")!.status as { conditions: { type: string; reason: string; message: string; status: string }[] }).conditions;
    expect(conds.filter((c) => c.status === "True")).toEqual([
      { type: "NamespaceContentRemaining", status: "True", lastTransitionTime: "2026-01-01T00:00:00Z", reason: "SomeResourcesRemain", message: "Some resources are remaining: secrets. has 1 resource instances" },
      {
        type: "NamespaceFinalizersRemaining",
        status: "True",
        lastTransitionTime: "2026-01-01T00:00:00Z",
        reason: "SomeFinalizersRemain",
        message: "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
      },
    ]);
    expect(h.client.get(GR.namespaces, "", "shop")!.spec).toEqual({ finalizers: ["kubernetes"] });
    const s = h.client.get(GR.secrets, "shop", "s")!;
    await h.client.update(GR.secrets, { ...structuredClone(s), metadata: { ...s.metadata, finalizers: [] } });
    await h.time.advance(4000);
    expect(h.client.get(GR.namespaces, "", "shop")!.spec).toEqual({});
  });
});

// The in-process client goes through the same storage rules as HTTP: generateName, conflicts,
// status ownership, namespace finalization, pod binding and PDB-guarded eviction.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryStore } from "../store/memory.js";
import { ApiServer } from "./server.js";
import { managerForUser } from "./loopback.js";
import { GR, type ClusterClient } from "../cluster/client/types.js";
import { StatusError, type KObject } from "../cluster/api/types.js";
import { counterRandom } from "../cluster/client/fake.js";

const clock = { now: () => new Date("2026-11-25T10:00:00Z") };
let api: ApiServer;
let client: ClusterClient;

beforeEach(async () => {
  api = new ApiServer({
    store: new MemoryStore(),
    clock,
    random: counterRandom(),
    tlsCert: Buffer.alloc(0),
    tlsKey: Buffer.alloc(0),
    clientCA: Buffer.alloc(0),
    saPublicKeys: [],
    issuer: "https://kubernetes.default.svc.cluster.local",
    admission: { enabled: [], disabled: [], serviceCIDR: "10.96.0.0/12", nodePortRange: [30000, 32767] },
    authorizationModes: ["AlwaysAllow"],
    advertiseAddress: "172.30.1.2",
    securePort: 6443,
  });
  await api.start();
  client = api.client({ username: "system:kube-controller-manager", groups: ["system:authenticated"] });
  await client.create(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
  await client.create(GR.serviceaccounts, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } });
});
afterEach(() => api.close());

const pod = (name: string, labels: Record<string, string> = {}): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels },
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

async function rejection(p: Promise<unknown>): Promise<StatusError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("loopback client", () => {
  it("reads its own writes and sees watch events", async () => {
    const seen: string[] = [];
    client.watch(GR.pods, (type, obj) => seen.push(`${type} ${obj.metadata?.name}`));
    const made = await client.create(GR.pods, { ...pod(""), metadata: { generateName: "web-", namespace: "default" } });
    expect(made.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(client.get(GR.pods, "default", made.metadata!.name!)?.metadata?.uid).toBe(made.metadata?.uid);
    expect(client.list(GR.pods, "default")).toHaveLength(1);
    expect(seen).toEqual([`ADDED ${made.metadata!.name}`]);
  });

  it("rejects a stale update with the optimistic-lock conflict", async () => {
    const a = await client.create(GR.pods, pod("a"));
    await client.update(GR.pods, { ...a, metadata: { ...a.metadata, labels: { x: "1" } } });
    const err = await rejection(client.update(GR.pods, { ...a, metadata: { ...a.metadata, labels: { x: "2" } } }));
    expect(err.code).toBe(409);
    expect(err.message).toBe('Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it("writes status only through the status subresource", async () => {
    const a = await client.create(GR.pods, pod("a"));
    await client.update(GR.pods, { ...a, status: { phase: "Running" } });
    expect((client.get(GR.pods, "default", "a")!.status as { phase?: string }).phase).not.toBe("Running");
    await client.update(GR.pods, { ...client.get(GR.pods, "default", "a")!, status: { phase: "Running" } }, { subresource: "status" });
    expect((client.get(GR.pods, "default", "a")!.status as { phase?: string }).phase).toBe("Running");
  });

  it("binds a pod once, setting PodScheduled", async () => {
    await client.create(GR.pods, pod("a"));
    await client.createSubresource(GR.pods, "default", "a", "binding", { apiVersion: "v1", kind: "Binding", metadata: { name: "a" }, target: { kind: "Node", name: "node01" } });
    const bound = client.get(GR.pods, "default", "a")!;
    expect((bound.spec as { nodeName?: string }).nodeName).toBe("node01");
    expect((bound.status as { conditions: unknown[] }).conditions).toEqual([{ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2026-11-25T10:00:00Z" }]);
    const err = await rejection(client.createSubresource(GR.pods, "default", "a", "binding", { target: { kind: "Node", name: "node02" } }));
    expect(err.code).toBe(409);
    expect(err.message).toBe('Operation cannot be fulfilled on pods/binding "a": pod a is already assigned to node "node01"');
  });

  it("refuses an eviction a PodDisruptionBudget forbids", async () => {
    await client.create(GR.pods, pod("a", { app: "web" }));
    const pdb = await client.create(GR.poddisruptionbudgets, {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web", namespace: "default" },
      spec: { minAvailable: 1, selector: { matchLabels: { app: "web" } } },
    });
    await client.update(GR.poddisruptionbudgets, { ...pdb, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } }, { subresource: "status" });
    const err = await rejection(client.createSubresource(GR.pods, "default", "a", "eviction", { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "a", namespace: "default" } }));
    expect(err.code).toBe(429);
    expect(err.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(err.details?.causes).toEqual([{ reason: "DisruptionBudget", message: "The disruption budget web needs 1 healthy pods and has 1 currently" }]);
    expect(client.get(GR.pods, "default", "a")).toBeDefined();
  });

  it("finalizes a terminating namespace away", async () => {
    await client.create(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    const marked = await client.delete(GR.namespaces, "", "dev");
    expect((marked!.status as { phase?: string }).phase).toBe("Terminating");
    await client.update(GR.namespaces, { ...client.get(GR.namespaces, "", "dev")!, status: { phase: "Terminating", conditions: [] } }, { subresource: "status" });
    expect(client.get(GR.namespaces, "", "dev")).toBeDefined();
    await client.update(GR.namespaces, { ...client.get(GR.namespaces, "", "dev")!, spec: { finalizers: [] } }, { subresource: "finalize" });
    expect(client.get(GR.namespaces, "", "dev")).toBeUndefined();
  });

  it("records in-process writes under the component's manager name", async () => {
    const made = await client.create(GR.configmaps, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default" }, data: { a: "b" } });
    expect((made.metadata?.managedFields as { manager: string }[]).map((e) => e.manager)).toEqual(["kube-controller-manager"]);
  });
});

describe("managerForUser", () => {
  it.each([
    ["system:kube-controller-manager", "kube-controller-manager"],
    ["system:kube-scheduler", "kube-scheduler"],
    ["system:node:node01", "kubelet"],
    ["system:serviceaccount:kube-system:coredns", "coredns"],
    ["kubernetes-admin", "kubectl"],
  ])("%s writes as %s", (username, want) => expect(managerForUser({ username, groups: [] })).toBe(want));
});

// Components outlive API server restarts: stale reads while it is down, dial errors on writes,
// and a relist's differences as events once a server is back.
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../store/memory.js";
import { ApiServer } from "../../apiserver/server.js";
import { counterRandom } from "../../cluster/client/fake.js";
import { GR } from "../../cluster/client/types.js";
import { ApiSlot, componentClient, DialError } from "./api-slot.js";

function server(store: MemoryStore) {
  return new ApiServer({
    store,
    clock: { now: () => new Date("2026-11-25T10:00:00Z") },
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
}

const cm = (name: string, v: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default" }, data: { v } });

describe("component client across API server restarts", () => {
  it("serves stale reads, refuses writes, and relists on return", async () => {
    const store = new MemoryStore();
    const slot = new ApiSlot();
    const first = server(store);
    await first.start();
    slot.set(first);
    const admin = first.client({ username: "admin", groups: ["system:masters"] });
    await admin.create(GR.namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" } });
    await admin.create(GR.configmaps, cm("a", "1"));
    await admin.create(GR.configmaps, cm("b", "1"));

    const c = componentClient(slot, { username: "system:kube-controller-manager", groups: [] }, "172.30.1.2:6443");
    const seen: string[] = [];
    c.watch(GR.configmaps, (type, obj) => seen.push(`${type} ${obj.metadata?.name}`));

    slot.set(undefined);
    first.close();
    expect(c.get(GR.configmaps, "default", "a")).toBeDefined();
    await expect(c.create(GR.configmaps, cm("x", "1"))).rejects.toThrow(new DialError("172.30.1.2:6443"));
    expect(String(new DialError("172.30.1.2:6443").message)).toBe("dial tcp 172.30.1.2:6443: connect: connection refused");

    // While the server is down someone changes etcd directly.
    const other = server(store);
    await other.start();
    const direct = other.client({ username: "admin", groups: ["system:masters"] });
    await direct.delete(GR.configmaps, "default", "a");
    await direct.update(GR.configmaps, { ...direct.get(GR.configmaps, "default", "b")!, data: { v: "2" } });
    await direct.create(GR.configmaps, cm("c", "1"));
    slot.set(other);
    expect(seen.sort()).toEqual(["ADDED c", "DELETED a", "MODIFIED b"]);
    await c.create(GR.configmaps, cm("d", "1"));
    expect(seen).toContain("ADDED d");
    c.close();
    other.close();
  });
});

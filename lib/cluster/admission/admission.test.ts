// Expectations from upstream: the kube-api-access volume of serviceaccount/admission.go, the
// messages of limitranger/admission.go and of pkg/quota/v1/evaluator/core/pods.go and
// resourcequota/controller.go ("exceeded quota: %s, requested: %s, used: %s, limited: %s").
import { describe, expect, it } from "vitest";
import { StatusError, type KObject } from "../api/types.js";
import { counterRandom } from "../client/fake.js";
import { admitServiceAccount } from "./service-account.js";
import { admitDefaultTolerations, admitPriority } from "./tolerations-priority.js";
import { admitLimitRanger } from "./limit-ranger.js";
import { checkQuotas, computeUsed } from "./quota.js";
import type { AdmissionLookups } from "./types.js";

const now = new Date("2026-11-25T10:00:00Z");
function lookups(objs: { g?: string; r: string; o: KObject }[]): AdmissionLookups {
  return {
    get: (g, r, ns, name) => objs.find((x) => (x.g ?? "") === g && x.r === r && (x.o.metadata?.namespace ?? "") === ns && x.o.metadata?.name === name)?.o,
    list: (g, r, ns) => objs.filter((x) => (x.g ?? "") === g && x.r === r && (!ns || x.o.metadata?.namespace === ns)).map((x) => x.o),
  };
}
const pod = (resources?: object): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "dev" },
  spec: { containers: [{ name: "nginx", image: "nginx", ...(resources ? { resources } : {}) }] },
});
function forbidden(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError && e.code === 403) return e.message;
    throw e;
  }
  throw new Error("not forbidden");
}

describe("ServiceAccount admission", () => {
  it("defaults the account and mounts the projected API access volume", () => {
    const out = admitServiceAccount(pod(), lookups([{ r: "serviceaccounts", o: { metadata: { name: "default", namespace: "dev" } } }]), counterRandom());
    const spec = out.spec as { serviceAccountName: string; serviceAccount: string; volumes: { name: string }[]; containers: { volumeMounts: unknown[] }[] };
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.serviceAccount).toBe("default");
    const name = spec.volumes[0].name;
    expect(name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(spec.volumes[0]).toEqual({
      name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
          { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
        ],
        defaultMode: 420,
      },
    });
    expect(spec.containers[0].volumeMounts).toEqual([{ name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }]);
  });
  it("refuses a missing account", () => {
    expect(forbidden(() => admitServiceAccount({ ...pod(), spec: { ...(pod().spec as object), serviceAccountName: "bot" } }, lookups([]), counterRandom()))).toBe(
      'pods "web" is forbidden: error looking up service account dev/bot: serviceaccount "bot" not found',
    );
  });
  it("mounts nothing when automounting is off on the account", () => {
    const out = admitServiceAccount(pod(), lookups([{ r: "serviceaccounts", o: { metadata: { name: "default", namespace: "dev" }, automountServiceAccountToken: false } }]), counterRandom());
    expect((out.spec as { volumes?: unknown }).volumes).toBeUndefined();
  });
});

describe("DefaultTolerationSeconds and Priority", () => {
  it("adds the not-ready and unreachable tolerations for 300 s", () => {
    expect((admitDefaultTolerations(pod()).spec as { tolerations: unknown }).tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    ]);
  });
  it("resolves system classes and refuses unknown ones", () => {
    const p = { ...pod(), spec: { ...(pod().spec as object), priorityClassName: "system-node-critical" } };
    expect((admitPriority(p, lookups([])).spec as { priority: number }).priority).toBe(2000001000);
    const q = { ...pod(), spec: { ...(pod().spec as object), priorityClassName: "gold" } };
    expect(forbidden(() => admitPriority(q, lookups([])))).toBe('pods "web" is forbidden: no PriorityClass with name gold was found');
    expect((admitPriority(pod(), lookups([])).spec as { priority: number; preemptionPolicy: string })).toMatchObject({ priority: 0, preemptionPolicy: "PreemptLowerPriority" });
  });
});

describe("LimitRanger", () => {
  const lr = (limits: object[]) => ({ r: "limitranges", o: { metadata: { name: "lr", namespace: "dev" }, spec: { limits } } });
  it("sets container defaults and says so in the annotation", () => {
    const out = admitLimitRanger(pod(), lookups([lr([{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "250m" } }])]), "web");
    expect((out.spec as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({ limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "250m" } });
    expect(out.metadata?.annotations?.["kubernetes.io/limit-ranger"]).toBe("LimitRanger plugin set: cpu request for container nginx; cpu, memory limit for container nginx");
  });
  it.each([
    ["limit over max", { limits: { cpu: "1500m" }, requests: { cpu: "100m" } }, [{ type: "Container", max: { cpu: "800m" } }], 'pods "web" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m.'],
    ["request under min", { requests: { memory: "100Mi" }, limits: { memory: "1Gi" } }, [{ type: "Container", min: { memory: "500Mi" } }], 'pods "web" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi.'],
    ["no limit with a max", { requests: { cpu: "100m" } }, [{ type: "Container", max: { cpu: "800m" } }], 'pods "web" is forbidden: maximum cpu usage per Container is 800m.  No limit is specified.'],
  ])("%s", (_n, resources, limits, want) => {
    expect(forbidden(() => admitLimitRanger(pod(resources), lookups([lr(limits)]), "web"))).toBe(want);
  });
});

describe("ResourceQuota", () => {
  const quota = (hard: Record<string, string>, used?: Record<string, string>): KObject => ({ metadata: { name: "analytics-quota", namespace: "dev" }, spec: { hard }, status: { hard, ...(used ? { used } : {}) } });
  const hard = { pods: "6", "requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi" };
  it("requires compute resources on every container", () => {
    expect(forbidden(() => checkQuotas([quota(hard, { pods: "0", "requests.cpu": "0", "requests.memory": "0", "limits.cpu": "0", "limits.memory": "0" })], "pods", "", pod(), "pods", "web", now))).toBe(
      'pods "web" is forbidden: failed quota: analytics-quota: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
    );
  });
  it("refuses what would exceed hard, naming only the exceeded resources", () => {
    expect(forbidden(() => checkQuotas([quota({ pods: "2" }, { pods: "2" })], "pods", "", pod(), "pods", "web", now))).toBe(
      'pods "web" is forbidden: exceeded quota: analytics-quota, requested: pods=1, used: pods=2, limited: pods=2',
    );
  });
  it("charges admitted pods and sums usage as the controller does", () => {
    const res = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } };
    const updates = checkQuotas([quota(hard, { pods: "2", "requests.cpu": "200m", "requests.memory": "256Mi", "limits.cpu": "400m", "limits.memory": "512Mi" })], "pods", "", pod(res), "pods", "web", now);
    expect(updates.get("analytics-quota")).toEqual({ pods: "3", "requests.cpu": "300m", "requests.memory": "384Mi", "limits.cpu": "600m", "limits.memory": "768Mi" });
    const objs = [1, 2, 3].map(() => ({ resource: "pods", group: "", obj: pod(res) }));
    expect(computeUsed(hard, quota(hard), objs, now)).toEqual({ pods: "3", "requests.cpu": "300m", "requests.memory": "384Mi", "limits.cpu": "600m", "limits.memory": "768Mi" });
  });
});

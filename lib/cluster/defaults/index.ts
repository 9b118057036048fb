// Defaulting as the v1 SetDefaults_* functions do it (pkg/apis/<group>/v1/defaults.go), applied
// to the external JSON form. Only what a v1.32 server fills in is filled in, in its field names.
import type { KObject } from "../api/types.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object" && !Array.isArray(v);

function imageTag(image: string): string | undefined {
  const at = image.indexOf("@");
  if (at >= 0) return "@digest";
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash ? image.slice(colon + 1) : undefined;
}

function defaultContainer(c: Obj) {
  if (c.imagePullPolicy === undefined && typeof c.image === "string") {
    const tag = imageTag(c.image);
    c.imagePullPolicy = tag === undefined || tag === "latest" ? "Always" : "IfNotPresent";
  }
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.resources ??= {};
  for (const p of (c.ports as Obj[] | undefined) ?? []) p.protocol ??= "TCP";
  for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
    const pr = c[probe];
    if (isObj(pr)) {
      pr.timeoutSeconds ??= 1;
      pr.periodSeconds ??= 10;
      pr.successThreshold ??= 1;
      pr.failureThreshold ??= 3;
      if (isObj(pr.httpGet)) {
        pr.httpGet.path ??= "/";
        pr.httpGet.scheme ??= "HTTP";
      }
    }
  }
  for (const e of (c.env as Obj[] | undefined) ?? []) {
    const vf = e.valueFrom;
    if (isObj(vf) && isObj(vf.fieldRef)) vf.fieldRef.apiVersion ??= "v1";
  }
}

export function defaultPodSpec(spec: Obj) {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  for (const c of (spec.containers as Obj[] | undefined) ?? []) defaultContainer(c);
  for (const c of (spec.initContainers as Obj[] | undefined) ?? []) defaultContainer(c);
  for (const v of (spec.volumes as Obj[] | undefined) ?? []) {
    if (isObj(v.configMap)) v.configMap.defaultMode ??= 420;
    if (isObj(v.secret)) v.secret.defaultMode ??= 420;
    if (isObj(v.projected)) v.projected.defaultMode ??= 420;
    if (isObj(v.downwardAPI)) v.downwardAPI.defaultMode ??= 420;
    if (isObj(v.hostPath)) v.hostPath.type ??= "";
    if (isObj(v.emptyDir) === false && Object.keys(v).length === 1 && v.name) v.emptyDir = {};
  }
  if (spec.hostNetwork && spec.containers) {
    for (const c of spec.containers as Obj[]) for (const p of (c.ports as Obj[] | undefined) ?? []) p.hostPort ??= p.containerPort;
  }
}

function defaultTemplate(spec: Obj) {
  const t = spec.template;
  if (isObj(t)) {
    t.metadata ??= {};
    const m = t.metadata as Obj;
    if (m.creationTimestamp === undefined) m.creationTimestamp = null;
    if (isObj(t.spec)) defaultPodSpec(t.spec);
  }
}

const defaulters: Record<string, (o: KObject) => void> = {
  "/Pod": (o) => {
    if (isObj(o.spec)) {
      defaultPodSpec(o.spec);
      (o.spec as Obj).enableServiceLinks ??= true;
    }
  },
  "/Service": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.type ??= "ClusterIP";
    s.sessionAffinity ??= "None";
    if (s.type !== "ExternalName") {
      s.internalTrafficPolicy ??= "Cluster";
    }
    if (s.type === "NodePort" || s.type === "LoadBalancer") s.externalTrafficPolicy ??= "Cluster";
    if (s.type === "LoadBalancer") s.allocateLoadBalancerNodePorts ??= true;
    for (const p of (s.ports as Obj[] | undefined) ?? []) {
      p.protocol ??= "TCP";
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
    }
  },
  "/Secret": (o) => {
    o.type ??= "Opaque";
  },
  "/Namespace": (o) => {
    o.spec ??= { finalizers: ["kubernetes"] };
  },
  "/ReplicationController": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.replicas ??= 1;
    defaultTemplate(s);
  },
  "apps/Deployment": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.replicas ??= 1;
    const st = (s.strategy ??= {}) as Obj;
    st.type ??= "RollingUpdate";
    if (st.type === "RollingUpdate") {
      const ru = (st.rollingUpdate ??= {}) as Obj;
      ru.maxUnavailable ??= "25%";
      ru.maxSurge ??= "25%";
    }
    s.revisionHistoryLimit ??= 10;
    s.progressDeadlineSeconds ??= 600;
    defaultTemplate(s);
  },
  "apps/ReplicaSet": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.replicas ??= 1;
    defaultTemplate(s);
  },
  "apps/DaemonSet": (o) => {
    const s = (o.spec ??= {}) as Obj;
    const st = (s.updateStrategy ??= {}) as Obj;
    st.type ??= "RollingUpdate";
    if (st.type === "RollingUpdate") {
      const ru = (st.rollingUpdate ??= {}) as Obj;
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    defaultTemplate(s);
  },
  "apps/StatefulSet": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.replicas ??= 1;
    s.podManagementPolicy ??= "OrderedReady";
    const st = (s.updateStrategy ??= {}) as Obj;
    st.type ??= "RollingUpdate";
    if (st.type === "RollingUpdate") ((st.rollingUpdate ??= {}) as Obj).partition ??= 0;
    s.revisionHistoryLimit ??= 10;
    s.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: "Retain", whenScaled: "Retain" };
    defaultTemplate(s);
  },
  "batch/Job": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.completions ??= s.parallelism === undefined ? 1 : undefined;
    if (s.completions === undefined) delete s.completions;
    s.parallelism ??= 1;
    s.backoffLimit ??= 6;
    s.completionMode ??= "NonIndexed";
    s.suspend ??= false;
    s.podReplacementPolicy ??= "TerminatingOrFailed";
    s.manualSelector ??= undefined;
    if (s.manualSelector === undefined) delete s.manualSelector;
    defaultTemplate(s);
  },
  "batch/CronJob": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.concurrencyPolicy ??= "Allow";
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    const jt = s.jobTemplate;
    if (isObj(jt)) {
      jt.metadata ??= {};
      if (isObj(jt.spec)) defaultTemplate(jt.spec);
    }
  },
  "rbac.authorization.k8s.io/RoleBinding": (o) => {
    if (isObj(o.roleRef)) o.roleRef.apiGroup ??= "rbac.authorization.k8s.io";
    for (const s of (o.subjects as Obj[] | undefined) ?? []) if ((s.kind === "User" || s.kind === "Group") && s.apiGroup === undefined) s.apiGroup = "rbac.authorization.k8s.io";
  },
  "rbac.authorization.k8s.io/ClusterRoleBinding": (o) => defaulters["rbac.authorization.k8s.io/RoleBinding"](o),
  "networking.k8s.io/NetworkPolicy": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.podSelector ??= {};
    for (const r of [...((s.ingress as Obj[] | undefined) ?? []), ...((s.egress as Obj[] | undefined) ?? [])]) for (const p of (r.ports as Obj[] | undefined) ?? []) p.protocol ??= "TCP";
    if (!s.policyTypes) s.policyTypes = s.egress ? ["Ingress", "Egress"] : ["Ingress"];
  },
  "storage.k8s.io/StorageClass": (o) => {
    o.reclaimPolicy ??= "Delete";
    o.volumeBindingMode ??= "Immediate";
  },
  "/PersistentVolume": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.persistentVolumeReclaimPolicy ??= "Retain";
    s.volumeMode ??= "Filesystem";
  },
  "/PersistentVolumeClaim": (o) => {
    const s = (o.spec ??= {}) as Obj;
    s.volumeMode ??= "Filesystem";
  },
  "scheduling.k8s.io/PriorityClass": (o) => {
    o.preemptionPolicy ??= "PreemptLowerPriority";
  },
};

/** Returns the object with the kind's defaults filled in (the input is not modified). */
export function applyDefaults(group: string, kind: string, obj: KObject): KObject {
  const out = structuredClone(obj);
  defaulters[`${group}/${kind}`]?.(out);
  return out;
}

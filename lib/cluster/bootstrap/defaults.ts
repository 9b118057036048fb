// The defaults kube-apiserver fills into what the add-on manifests leave out, so the objects
// look as stored (`kubectl get -o yaml` of a real cluster). Upstream: pkg/apis/core/v1/defaults.go,
// pkg/apis/apps/v1/defaults.go. Only the fields the bootstrap manifests use are covered.

type J = Record<string, any>;

function defaultProbe(p: J | undefined): J | undefined {
  if (!p) return p;
  const out: J = { ...p };
  if (out.httpGet) out.httpGet = { scheme: "HTTP", ...out.httpGet };
  out.timeoutSeconds ??= 1;
  out.periodSeconds ??= 10;
  out.successThreshold ??= 1;
  out.failureThreshold ??= 3;
  return out;
}

function imageTag(image: string): string {
  const noDigest = image.split("@")[0];
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(colon + 1) : "";
}

function defaultContainer(c: J, hostNetwork: boolean, isTemplate: boolean): J {
  const out: J = { ...c };
  if (out.ports) {
    out.ports = out.ports.map((p: J) => {
      const q: J = { ...p, protocol: p.protocol ?? "TCP" };
      // DefaultHostNetworkHostPortsInPodTemplates is off in v1.32: pods get hostPort, templates don't.
      if (hostNetwork && !isTemplate && q.hostPort === undefined) q.hostPort = q.containerPort;
      return q;
    });
  }
  if (out.env) {
    out.env = out.env.map((e: J) =>
      e.valueFrom?.fieldRef ? { ...e, valueFrom: { fieldRef: { apiVersion: "v1", ...e.valueFrom.fieldRef } } } : e,
    );
  }
  out.resources ??= {};
  out.livenessProbe = defaultProbe(out.livenessProbe);
  out.readinessProbe = defaultProbe(out.readinessProbe);
  out.startupProbe = defaultProbe(out.startupProbe);
  for (const k of ["livenessProbe", "readinessProbe", "startupProbe"]) if (out[k] === undefined) delete out[k];
  out.terminationMessagePath ??= "/dev/termination-log";
  out.terminationMessagePolicy ??= "File";
  if (!out.imagePullPolicy) {
    const tag = imageTag(out.image);
    out.imagePullPolicy = tag === "latest" || (tag === "" && !out.image.includes("@")) ? "Always" : "IfNotPresent";
  }
  return out;
}

function defaultVolume(v: J): J {
  const out: J = { ...v };
  if (out.configMap) out.configMap = { defaultMode: 420, ...out.configMap };
  if (out.secret) out.secret = { defaultMode: 420, ...out.secret };
  if (out.hostPath) out.hostPath = { type: "", ...out.hostPath };
  if (out.projected) out.projected = { defaultMode: 420, ...out.projected };
  return out;
}

/** SetDefaults_PodSpec (+ container and volume defaults). isTemplate: inside a workload's template. */
export function defaultPodSpec(spec: J, isTemplate: boolean): J {
  const hostNetwork = spec.hostNetwork === true;
  const out: J = { ...spec };
  out.containers = spec.containers.map((c: J) => defaultContainer(c, hostNetwork, isTemplate));
  if (spec.initContainers) out.initContainers = spec.initContainers.map((c: J) => defaultContainer(c, hostNetwork, isTemplate));
  if (spec.volumes) out.volumes = spec.volumes.map(defaultVolume);
  out.restartPolicy ??= "Always";
  out.terminationGracePeriodSeconds ??= 30;
  out.dnsPolicy ??= "ClusterFirst";
  out.securityContext ??= {};
  out.schedulerName ??= "default-scheduler";
  if (out.serviceAccountName && out.serviceAccount === undefined) out.serviceAccount = out.serviceAccountName;
  return out;
}

/** A pod template as stored: metadata.creationTimestamp is null in Go's serialisation. */
export function defaultTemplate(t: J): J {
  return { metadata: { creationTimestamp: null, ...t.metadata }, spec: defaultPodSpec(t.spec, true) };
}

/** SetDefaults_Deployment. */
export function defaultDeploymentSpec(spec: J): J {
  const out: J = { ...spec };
  out.replicas ??= 1;
  const strategy: J = { type: "RollingUpdate", ...(spec.strategy ?? {}) };
  if (strategy.type === "RollingUpdate") strategy.rollingUpdate = { maxSurge: "25%", maxUnavailable: "25%", ...(strategy.rollingUpdate ?? {}) };
  out.strategy = strategy;
  out.revisionHistoryLimit ??= 10;
  out.progressDeadlineSeconds ??= 600;
  out.template = defaultTemplate(spec.template);
  return out;
}

/** SetDefaults_DaemonSet. */
export function defaultDaemonSetSpec(spec: J): J {
  const out: J = { ...spec };
  const strategy: J = { type: "RollingUpdate", ...(spec.updateStrategy ?? {}) };
  if (strategy.type === "RollingUpdate") strategy.rollingUpdate = { maxSurge: 0, maxUnavailable: 1, ...(strategy.rollingUpdate ?? {}) };
  out.updateStrategy = strategy;
  out.revisionHistoryLimit ??= 10;
  out.template = defaultTemplate(spec.template);
  return out;
}

/** SetDefaults_Service (single-stack IPv4 cluster). */
export function defaultServiceSpec(spec: J): J {
  const out: J = { ...spec };
  out.type ??= "ClusterIP";
  out.sessionAffinity ??= "None";
  out.ports = (spec.ports ?? []).map((p: J) => ({ ...p, protocol: p.protocol ?? "TCP", targetPort: p.targetPort ?? p.port }));
  if (out.clusterIP && !out.clusterIPs) out.clusterIPs = [out.clusterIP];
  out.ipFamilies ??= ["IPv4"];
  out.ipFamilyPolicy ??= "SingleStack";
  out.internalTrafficPolicy ??= "Cluster";
  if (out.type === "NodePort" || out.type === "LoadBalancer") out.externalTrafficPolicy ??= "Cluster";
  if (out.type === "LoadBalancer") out.allocateLoadBalancerNodePorts ??= true;
  return out;
}

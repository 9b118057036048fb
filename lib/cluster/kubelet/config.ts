// Loading and validating the kubelet's --config file, as cmd/kubelet/app/server.go
// (loadConfigFile), pkg/kubelet/kubeletconfig/configfiles and util/codec (strict, then lenient
// decoding), the v1beta1 defaults (pkg/kubelet/apis/config/v1beta1/defaults.go) and
// pkg/kubelet/apis/config/validation. Errors carry upstream's whole wrapped text.
import YAML from "yaml";
import { parseGoDuration } from "./duration.js";
import { DEFAULT_EVICTION_HARD } from "./node-status.js";

export interface KubeletConfig {
  staticPodPath: string;
  clientCAFile: string;
  cgroupDriver: string;
  maxPods: number;
  clusterDNS: string[];
  clusterDomain: string;
  resolvConf: string;
  evictionHard: Record<string, string>;
  kubeReserved: Record<string, string>;
  systemReserved: Record<string, string>;
  nodeStatusUpdateFrequencyMs: number;
  nodeStatusReportFrequencyMs: number;
  nodeLeaseDurationSeconds: number;
  fileCheckFrequencyMs: number;
  syncFrequencyMs: number;
  containerRuntimeEndpoint: string;
  port: number;
  healthzPort: number;
  registerNode: boolean;
  registerWithTaints: { key: string; value?: string; effect: string }[];
  shutdownGracePeriodMs: number;
  /** The whole decoded document (for fields we only carry). */
  raw: Record<string, unknown>;
}

export class ConfigError extends Error {}

/** Fields of KubeletConfiguration and their Go types, for strict decoding and type errors. */
const FIELD_TYPES: Record<string, "string" | "int32" | "bool" | "[]string" | "map" | "duration" | "object" | "[]object" | "float"> = {
  apiVersion: "string", kind: "string", enableServer: "bool", staticPodPath: "string", podLogsDir: "string", syncFrequency: "duration",
  fileCheckFrequency: "duration", httpCheckFrequency: "duration", staticPodURL: "string", staticPodURLHeader: "map", address: "string",
  port: "int32", readOnlyPort: "int32", tlsCertFile: "string", tlsPrivateKeyFile: "string", tlsCipherSuites: "[]string", tlsMinVersion: "string",
  rotateCertificates: "bool", serverTLSBootstrap: "bool", authentication: "object", authorization: "object", registryPullQPS: "int32",
  registryBurst: "int32", eventRecordQPS: "int32", eventBurst: "int32", enableDebuggingHandlers: "bool", enableContentionProfiling: "bool",
  healthzPort: "int32", healthzBindAddress: "string", oomScoreAdj: "int32", clusterDomain: "string", clusterDNS: "[]string",
  streamingConnectionIdleTimeout: "duration", nodeStatusUpdateFrequency: "duration", nodeStatusReportFrequency: "duration",
  nodeLeaseDurationSeconds: "int32", imageMinimumGCAge: "duration", imageMaximumGCAge: "duration", imageGCHighThresholdPercent: "int32",
  imageGCLowThresholdPercent: "int32", volumeStatsAggPeriod: "duration", kubeletCgroups: "string", systemCgroups: "string", cgroupRoot: "string",
  cgroupsPerQOS: "bool", cgroupDriver: "string", cpuManagerPolicy: "string", cpuManagerPolicyOptions: "map", cpuManagerReconcilePeriod: "duration",
  memoryManagerPolicy: "string", topologyManagerPolicy: "string", topologyManagerScope: "string", topologyManagerPolicyOptions: "map",
  qosReserved: "map", runtimeRequestTimeout: "duration", hairpinMode: "string", maxPods: "int32", podCIDR: "string", podPidsLimit: "int32",
  resolvConf: "string", runOnce: "bool", cpuCFSQuota: "bool", cpuCFSQuotaPeriod: "duration", nodeStatusMaxImages: "int32", maxOpenFiles: "int32",
  contentType: "string", kubeAPIQPS: "int32", kubeAPIBurst: "int32", serializeImagePulls: "bool", maxParallelImagePulls: "int32",
  evictionHard: "map", evictionSoft: "map", evictionSoftGracePeriod: "map", evictionPressureTransitionPeriod: "duration",
  evictionMaxPodGracePeriod: "int32", evictionMinimumReclaim: "map", podsPerCore: "int32", enableControllerAttachDetach: "bool",
  protectKernelDefaults: "bool", makeIPTablesUtilChains: "bool", iptablesMasqueradeBit: "int32", iptablesDropBit: "int32", featureGates: "map",
  failSwapOn: "bool", memorySwap: "object", containerLogMaxSize: "string", containerLogMaxFiles: "int32", containerLogMaxWorkers: "int32",
  containerLogMonitorInterval: "duration", configMapAndSecretChangeDetectionStrategy: "string", systemReserved: "map", kubeReserved: "map",
  reservedSystemCPUs: "string", showHiddenMetricsForVersion: "string", systemReservedCgroup: "string", kubeReservedCgroup: "string",
  enforceNodeAllocatable: "[]string", allowedUnsafeSysctls: "[]string", volumePluginDir: "string", providerID: "string", kernelMemcgNotification: "bool",
  logging: "object", enableSystemLogHandler: "bool", enableSystemLogQuery: "bool", shutdownGracePeriod: "duration",
  shutdownGracePeriodCriticalPods: "duration", shutdownGracePeriodByPodPriority: "[]object", crashLoopBackOff: "object", reservedMemory: "[]object",
  enableProfilingHandler: "bool", enableDebugFlagsHandler: "bool", seccompDefault: "bool", memoryThrottlingFactor: "float", registerWithTaints: "[]object",
  registerNode: "bool", tracing: "object", localStorageCapacityIsolation: "bool", containerRuntimeEndpoint: "string", imageServiceEndpoint: "string",
  failCgroupV1: "bool",
};

const GO_TYPE: Record<string, string> = { string: "string", int32: "int32", bool: "bool", "[]string": "[]string", map: "map[string]string", duration: "v1.Duration", object: "struct", "[]object": "[]struct", float: "float64" };

function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v === "string" ? "string" : typeof v === "number" ? "number" : "bool";
}

function typeMismatch(field: string, t: string, v: unknown): boolean {
  const k = jsonKind(v);
  if (k === "null") return false;
  switch (t) {
    case "string":
    case "duration":
      return k !== "string";
    case "int32":
      return k !== "number" || !Number.isInteger(v);
    case "float":
      return k !== "number";
    case "bool":
      return k !== "bool";
    case "[]string":
    case "[]object":
      return k !== "array";
    default:
      return k !== "object";
  }
}

/** Decodes the file's text; throws ConfigError with the text after "error " in upstream's chain. Returns lenient-decoding warnings. */
export function decodeKubeletConfiguration(text: string): { doc: Record<string, unknown>; warnings: string[] } {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { strict: false, uniqueKeys: false });
  } catch (e) {
    const m = /at line (\d+)/.exec((e as Error).message);
    throw new ConfigError(`failed to decode: error converting YAML to JSON: yaml: line ${m ? m[1] : 1}: ${yamlReason((e as Error).message)}`);
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new ConfigError(`failed to decode: couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonKind(doc) === "array" ? "array" : "string"} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  const obj = doc as Record<string, unknown>;
  if (obj.kind === undefined) throw new ConfigError(`failed to decode: Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
  if (obj.kind !== "KubeletConfiguration" || obj.apiVersion !== "kubelet.config.k8s.io/v1beta1") {
    throw new ConfigError(`failed to decode: no kind "${obj.kind}" is registered for version "${obj.apiVersion ?? ""}" in scheme "pkg/kubelet/apis/config/scheme/scheme.go:34"`);
  }
  for (const [k, v] of Object.entries(obj)) {
    const t = FIELD_TYPES[k];
    if (t && typeMismatch(k, t, v)) {
      const got = jsonKind(v) === "bool" ? "bool" : jsonKind(v);
      throw new ConfigError(`failed to decode: json: cannot unmarshal ${got} into Go struct field KubeletConfiguration.${k} of type ${GO_TYPE[t]}`);
    }
    if (t === "duration" && typeof v === "string" && parseGoDuration(v) === undefined) {
      throw new ConfigError(`failed to decode: time: invalid duration ${JSON.stringify(v)}`);
    }
  }
  const unknown = Object.keys(obj).filter((k) => !FIELD_TYPES[k]);
  const warnings = unknown.length ? [`strict decoding error: ${unknown.map((k) => `unknown field "${k}"`).join(", ")}`] : [];
  return { doc: obj, warnings };
}

function yamlReason(msg: string): string {
  if (/Implicit map keys need to be followed by map values|Nested mappings are not allowed/.test(msg)) return "mapping values are not allowed in this context";
  if (/tab/i.test(msg)) return "found character that cannot start any token";
  if (/indent/i.test(msg)) return "did not find expected key";
  return "could not find expected ':'";
}

const dur = (v: unknown, dflt: number) => {
  const ms = typeof v === "string" ? parseGoDuration(v) : undefined;
  return ms ? ms : dflt;
};

/** SetDefaults_KubeletConfiguration for the fields Drydock uses. */
export function defaultKubeletConfig(doc: Record<string, unknown>): KubeletConfig {
  const s = (k: string, d = "") => (typeof doc[k] === "string" ? (doc[k] as string) : d);
  const n = (k: string, d: number) => (typeof doc[k] === "number" ? (doc[k] as number) : d);
  const auth = (doc.authentication ?? {}) as { x509?: { clientCAFile?: string } };
  return {
    staticPodPath: s("staticPodPath"),
    clientCAFile: auth.x509?.clientCAFile ?? "",
    cgroupDriver: s("cgroupDriver", "cgroupfs"),
    maxPods: n("maxPods", 110),
    clusterDNS: Array.isArray(doc.clusterDNS) ? (doc.clusterDNS as string[]).map(String) : [],
    clusterDomain: s("clusterDomain"),
    resolvConf: s("resolvConf", "/etc/resolv.conf"),
    evictionHard: doc.evictionHard ? { ...(doc.evictionHard as Record<string, string>) } : { ...DEFAULT_EVICTION_HARD },
    kubeReserved: { ...((doc.kubeReserved as Record<string, string>) ?? {}) },
    systemReserved: { ...((doc.systemReserved as Record<string, string>) ?? {}) },
    nodeStatusUpdateFrequencyMs: dur(doc.nodeStatusUpdateFrequency, 10_000),
    nodeStatusReportFrequencyMs: dur(doc.nodeStatusReportFrequency, 300_000),
    nodeLeaseDurationSeconds: n("nodeLeaseDurationSeconds", 40),
    fileCheckFrequencyMs: dur(doc.fileCheckFrequency, 20_000),
    syncFrequencyMs: dur(doc.syncFrequency, 60_000),
    containerRuntimeEndpoint: s("containerRuntimeEndpoint", "unix:///run/containerd/containerd.sock"),
    port: n("port", 10250),
    healthzPort: n("healthzPort", 10248),
    registerNode: doc.registerNode !== false,
    registerWithTaints: Array.isArray(doc.registerWithTaints) ? (doc.registerWithTaints as KubeletConfig["registerWithTaints"]) : [],
    shutdownGracePeriodMs: dur(doc.shutdownGracePeriod, 0),
    raw: doc,
  };
}

const EVICTION_SIGNALS = ["memory.available", "nodefs.available", "nodefs.inodesFree", "imagefs.available", "imagefs.inodesFree", "containerfs.available", "containerfs.inodesFree", "allocatableMemory.available", "pid.available"];

/** ValidateKubeletConfiguration (the checks a CKA student's edits can trip). Returns the aggregated message or undefined. */
export function validateKubeletConfig(c: KubeletConfig): string | undefined {
  const errs: string[] = [];
  if (c.nodeLeaseDurationSeconds <= 0) errs.push("invalid configuration: nodeLeaseDurationSeconds must be greater than 0");
  if (c.healthzPort !== 0 && (c.healthzPort < 1 || c.healthzPort > 65535)) errs.push(`invalid configuration: healthzPort (--healthz-port) ${c.healthzPort} must be between 1 and 65535, inclusive`);
  if (c.maxPods < 0) errs.push(`invalid configuration: maxPods (--max-pods) ${c.maxPods} must not be a negative number`);
  if (c.port < 1 || c.port > 65535) errs.push(`invalid configuration: port (--port) ${c.port} must be between 1 and 65535, inclusive`);
  if (c.nodeStatusUpdateFrequencyMs <= 0) errs.push(`invalid configuration: nodeStatusUpdateFrequency (--node-status-update-frequency) ${c.nodeStatusUpdateFrequencyMs / 1000}s must be > 0`);
  for (const ip of c.clusterDNS) if (!isIP(ip)) errs.push(`invalid configuration: option "${ip}" specified for clusterDNS (--cluster-dns) must be a valid IP address`);
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}

/** The eviction thresholds parse (pkg/kubelet/eviction/api ParseThresholdConfig) run at startup. */
export function evictionError(c: KubeletConfig): string | undefined {
  for (const [signal, v] of Object.entries(c.evictionHard)) {
    if (!EVICTION_SIGNALS.includes(signal)) return `unsupported eviction signal ${signal}`;
    if (v.endsWith("%")) {
      const p = Number(v.slice(0, -1));
      if (!(p >= 0 && p <= 100)) return `eviction percentage threshold ${signal} must be >= 0% and <= 100%: ${v}`;
    }
  }
  return undefined;
}

function isIP(s: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) ? s.split(".").every((o) => Number(o) <= 255) : /^[0-9a-fA-F:]+$/.test(s) && s.includes(":");
}

/** loadConfigFile's error chain around a read/decode error. */
export function loadConfigError(path: string, inner: string): string {
  return `failed to load kubelet config file, path: ${path}, error: failed to load Kubelet config file ${path}, error ${inner}`;
}

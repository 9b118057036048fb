// A container's environment, as pkg/kubelet/kubelet_pods.go makeEnvironmentVariables: envFrom
// first, then env (with $(VAR) expansion over what is defined so far and the service variables),
// then the Docker-links style service variables the container did not define itself
// (pkg/kubelet/envvars/envvars.go). The errors are the ones the kubelet turns into
// CreateContainerConfigError.
import type { KObject } from "../api/types.js";
import { parseQuantity, milliValue, value as quantityValue } from "../meta/quantity.js";
import type { Container, Pod } from "./types.js";

export interface EnvSources {
  configMap(namespace: string, name: string): KObject | undefined;
  secret(namespace: string, name: string): KObject | undefined;
  /** Services of the pod's namespace plus the master's `kubernetes` Service (when service links are on). */
  services: KObject[];
  hostIP: string;
  podIP: string;
  /** Node allocatable, the default of limits.* fields the container does not set. */
  nodeAllocatable: Record<string, string>;
}

export class EnvError extends Error {}

type Data = Record<string, string>;

function cmData(cm: KObject): Data {
  return ((cm.data as Data | undefined) ?? Object.create(null)) as Data;
}

function secretData(s: KObject): Data {
  const out: Data = Object.create(null);
  for (const [k, v] of Object.entries((s.data as Data | undefined) ?? {})) out[k] = Buffer.from(v, "base64").toString("utf8");
  return out;
}

export function makeEnvironmentVariables(pod: Pod, container: Container, src: EnvSources): { name: string; value: string }[] {
  const ns = pod.metadata?.namespace ?? "default";
  const serviceEnv = pod.spec.enableServiceLinks === false ? serviceEnvFor(src.services.filter((s) => isMasterService(s))) : serviceEnvFor(src.services);
  const tmp = new Map<string, string>();
  const lookup = (name: string) => tmp.get(name) ?? serviceEnv.get(name);

  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) {
      const cm = src.configMap(ns, from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new EnvError(`configmap "${from.configMapRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(cmData(cm))) tmp.set((from.prefix ?? "") + k, v);
    } else if (from.secretRef) {
      const s = src.secret(ns, from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        throw new EnvError(`secret "${from.secretRef.name}" not found`);
      }
      for (const [k, v] of Object.entries(secretData(s))) tmp.set((from.prefix ?? "") + k, v);
    }
  }

  for (const env of container.env ?? []) {
    let val = env.value ?? "";
    if (val !== "") {
      val = expand(val, lookup);
    } else if (env.valueFrom) {
      const vf = env.valueFrom;
      if (vf.fieldRef) val = podFieldValue(pod, vf.fieldRef.fieldPath, src);
      else if (vf.resourceFieldRef) val = resourceFieldValue(pod, container, vf.resourceFieldRef, src.nodeAllocatable);
      else if (vf.configMapKeyRef) {
        const ref = vf.configMapKeyRef;
        const cm = src.configMap(ns, ref.name);
        if (!cm) {
          if (ref.optional) continue;
          throw new EnvError(`configmap "${ref.name}" not found`);
        }
        const data = cmData(cm);
        if (!Object.prototype.hasOwnProperty.call(data, ref.key)) {
          if (ref.optional) continue;
          throw new EnvError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
        }
        val = data[ref.key];
      } else if (vf.secretKeyRef) {
        const ref = vf.secretKeyRef;
        const s = src.secret(ns, ref.name);
        if (!s) {
          if (ref.optional) continue;
          throw new EnvError(`secret "${ref.name}" not found`);
        }
        const data = secretData(s);
        if (!Object.prototype.hasOwnProperty.call(data, ref.key)) {
          if (ref.optional) continue;
          throw new EnvError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
        }
        val = data[ref.key];
      }
    }
    tmp.set(env.name, val);
  }

  const out = [...tmp].map(([name, value]) => ({ name, value }));
  for (const [name, value] of serviceEnv) if (!tmp.has(name)) out.push({ name, value });
  return out;
}

/** third_party/forked/golang/expansion: $(VAR) is replaced when defined, $$ escapes a $. */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== "$" || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(") {
      const end = input.indexOf(")", i + 2);
      if (end < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, end);
      const v = lookup(name);
      out += v !== undefined ? v : `$(${name})`;
      i = end;
    } else {
      out += ch;
    }
  }
  return out;
}

/** ExpandContainerCommandAndArgs: $(VAR) in command and args refer to the container's env. */
export function expandCommandAndArgs(container: Container, env: { name: string; value: string }[]): { command: string[]; args: string[] } {
  const m = new Map(env.map((e) => [e.name, e.value]));
  const f = (s: string) => expand(s, (n) => m.get(n));
  return { command: (container.command ?? []).map(f), args: (container.args ?? []).map(f) };
}

function isMasterService(s: KObject): boolean {
  return s.metadata?.namespace === "default" && s.metadata?.name === "kubernetes";
}

/** getServiceEnvVarMap + envvars.FromServices. A service of the pod's namespace wins over the master service's name. */
export function serviceEnvFor(services: KObject[]): Map<string, string> {
  const env = new Map<string, string>();
  for (const svc of services) {
    const spec = svc.spec as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
    if (!spec?.clusterIP || spec.clusterIP === "None") continue;
    const name = (svc.metadata?.name ?? "").toUpperCase().replace(/-/g, "_");
    const ports = spec.ports ?? [];
    if (!ports.length) continue;
    env.set(`${name}_SERVICE_HOST`, spec.clusterIP);
    env.set(`${name}_SERVICE_PORT`, String(ports[0].port));
    for (const p of ports) if (p.name) env.set(`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`, String(p.port));
    const first = ports[0];
    const proto0 = (first.protocol ?? "TCP").toLowerCase();
    env.set(`${name}_PORT`, `${proto0}://${spec.clusterIP}:${first.port}`);
    for (const p of ports) {
      const proto = p.protocol ?? "TCP";
      const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      env.set(prefix, `${proto.toLowerCase()}://${spec.clusterIP}:${p.port}`);
      env.set(`${prefix}_PROTO`, proto.toLowerCase());
      env.set(`${prefix}_PORT`, String(p.port));
      env.set(`${prefix}_ADDR`, spec.clusterIP);
    }
  }
  return env;
}

/** podFieldSelectorRuntimeValue. */
export function podFieldValue(pod: Pod, fieldPath: string, src: { hostIP: string; podIP: string }): string {
  const m = pod.metadata ?? {};
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (sub) return ((sub[1] === "labels" ? m.labels : m.annotations) ?? {})[sub[2]] ?? "";
  switch (fieldPath) {
    case "metadata.name":
      return m.name ?? "";
    case "metadata.namespace":
      return m.namespace ?? "";
    case "metadata.uid":
      return m.uid ?? "";
    case "metadata.labels":
      return formatMap(m.labels);
    case "metadata.annotations":
      return formatMap(m.annotations);
    case "spec.nodeName":
      return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec.serviceAccountName ?? "";
    case "status.hostIP":
    case "status.hostIPs":
      return src.hostIP;
    case "status.podIP":
    case "status.podIPs":
      return src.podIP;
  }
  throw new EnvError(`unsupported fieldPath: ${fieldPath}`);
}

/** fieldpath.FormatMap: sorted key="value" lines (strconv.Quote'd values), as the downward API writes labels. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m![k])}`)
    .join("\n");
}

/** resource.ExtractContainerResourceValue: cpu rounds up to the divisor, others divide and round up. */
export function resourceFieldValue(
  pod: Pod,
  container: Container,
  ref: { containerName?: string; resource: string; divisor?: string | number },
  allocatable: Record<string, string>,
): string {
  const c = ref.containerName ? [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((x) => x.name === ref.containerName) ?? container : container;
  const [kind, res] = ref.resource.split(".") as ["limits" | "requests", string];
  let q = c.resources?.[kind]?.[res];
  if (q === undefined && kind === "limits") q = allocatable[res];
  if (q === undefined && kind === "requests") q = res === "cpu" || res === "memory" ? (c.resources?.limits?.[res] ?? "0") : "0";
  const divisor = parseQuantity(String(ref.divisor ?? (res === "cpu" ? "1" : "1")));
  const qq = parseQuantity(String(q ?? "0"));
  if (res === "cpu") return String(Math.ceil(milliValue(qq) / milliValue(divisor)));
  return String(Math.ceil(quantityValue(qq) / quantityValue(divisor)));
}

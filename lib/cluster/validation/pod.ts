// PodSpec and PodTemplateSpec validation, following pkg/apis/core/validation/validation.go
// (ValidatePodSpec, validateContainers, validateContainerCommon, ValidateEnv, ...) of v1.32 with
// its default feature gates (RelaxedEnvironmentVariableValidation is beta and on).
import type { FieldError } from "../api/types";
import { child, duplicate, forbidden, index, invalid, key, notFound, notSupported, required } from "../meta/field-errors";
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidLabelValue, isValidPortName, isValidPortNum, inclusiveRangeError, nameIsDNSSubdomain, validateNamespaceName } from "../meta/names";
import { validateLabelName, validateLabels, validateAnnotations } from "../meta/object-meta";
import { validateLabelSelector } from "../meta/labels";
import { GoLiteral } from "../meta/go-format";
import { arr, int, isObj, objOf, objs, str, validateDNS1123Label, validateDNS1123Subdomain, validateIP, validateNonnegativeField, validateQualifiedName, structLiteral } from "./helpers";
import { validateResourceRequirements } from "./resources";
import { validateVolumes } from "./volumes";
import type { Obj } from "./helpers";

const MAX_INT32 = 2147483647;
const SUPPORTED_PORT_PROTOCOLS = ["SCTP", "TCP", "UDP"];
const RELAXED_ENV_MSG = "a valid environment variable name must consist only of printable ASCII characters other than '='";

/** validation.IsRelaxedEnvVarName (the v1.32 default). */
function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push("environment variable name must be non-empty");
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e || cp < 0x20 || ch === "=") {
      errs.push(RELAXED_ENV_MSG);
      break;
    }
  }
  return errs;
}

function validateContainerPorts(ports: Obj[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(fldPath, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(child(p, "name"), name, m));
      else if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
      else names.add(name);
    }
    const cp = int(port.containerPort);
    if (cp === 0) errs.push(required(child(p, "containerPort"), ""));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(child(p, "containerPort"), cp, m));
    const hp = int(port.hostPort);
    if (hp !== 0) for (const m of isValidPortNum(hp)) errs.push(invalid(child(p, "hostPort"), hp, m));
    const proto = str(port.protocol);
    if (!proto) errs.push(required(child(p, "protocol"), ""));
    else if (!SUPPORTED_PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(child(p, "protocol"), proto, SUPPORTED_PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];
const RESOURCE_FIELD_PATHS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

export function validateObjectFieldSelector(fs: Obj, expressions: string[], fldPath: string): FieldError[] {
  const apiVersion = str(fs.apiVersion);
  const fieldPath = str(fs.fieldPath);
  if (!apiVersion) return [required(child(fldPath, "apiVersion"), "")];
  if (!fieldPath) return [required(child(fldPath, "fieldPath"), "")];
  const m = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fieldPath) ?? /^([^[]+)\[(.*)\]$/.exec(fieldPath);
  if (m) {
    if (m[1] === "metadata.annotations") return validateQualifiedName(m[2].toLowerCase(), fldPath);
    if (m[1] === "metadata.labels") return validateQualifiedName(m[2], fldPath);
    return [invalid(fldPath, m[1], "does not support subscript")];
  }
  if (!expressions.includes(fieldPath)) return [notSupported(child(fldPath, "fieldPath"), fieldPath, expressions)];
  return [];
}

function validateResourceFieldSelector(fs: Obj, fldPath: string, volume: boolean): FieldError[] {
  const res = str(fs.resource);
  if (volume && !str(fs.containerName)) return [required(child(fldPath, "containerName"), "")];
  if (!res) return [required(child(fldPath, "resource"), "")];
  if (!RESOURCE_FIELD_PATHS.includes(res) && !res.startsWith("requests.hugepages-") && !res.startsWith("limits.hugepages-")) {
    return [notSupported(child(fldPath, "resource"), res, RESOURCE_FIELD_PATHS)];
  }
  return [];
}

function validateKeySelector(s: Obj, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.name);
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(fldPath, "name"), name, m));
  const k = str(s.key);
  if (!k) errs.push(required(child(fldPath, "key"), ""));
  else for (const m of isConfigMapKey(k)) errs.push(invalid(child(fldPath, "key"), k, m));
  return errs;
}

function validateEnvVarValueFrom(ev: Obj, fldPath: string): FieldError[] {
  const vf = objOf(ev.valueFrom);
  if (!vf) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (isObj(vf.fieldRef)) {
    n++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, ENV_FIELD_PATHS, child(fldPath, "fieldRef")));
  }
  if (isObj(vf.resourceFieldRef)) {
    n++;
    errs.push(...validateResourceFieldSelector(vf.resourceFieldRef, child(fldPath, "resourceFieldRef"), false));
  }
  if (isObj(vf.configMapKeyRef)) {
    n++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, child(fldPath, "configMapKeyRef")));
  }
  if (isObj(vf.secretKeyRef)) {
    n++;
    errs.push(...validateKeySelector(vf.secretKeyRef, child(fldPath, "secretKeyRef")));
  }
  if (n === 0) errs.push(invalid(fldPath, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  else if (str(ev.value) !== "") errs.push(invalid(fldPath, "", "may not be specified when `value` is not empty"));
  else if (n > 1) errs.push(invalid(fldPath, "", "may not have more than one field specified at a time"));
  return errs;
}

export function validateEnv(vars: Obj[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  vars.forEach((ev, i) => {
    const p = index(fldPath, i);
    const name = str(ev.name);
    if (!name) errs.push(required(child(p, "name"), ""));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(child(p, "name"), name, m));
    errs.push(...validateEnvVarValueFrom(ev, child(p, "valueFrom")));
  });
  return errs;
}

function validateEnvFrom(vars: Obj[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  vars.forEach((ev, i) => {
    const p = index(fldPath, i);
    const prefix = str(ev.prefix);
    if (prefix) for (const m of isRelaxedEnvVarName(prefix)) errs.push(invalid(child(p, "prefix"), prefix, m));
    let n = 0;
    for (const kind of ["configMapRef", "secretRef"]) {
      const ref = objOf(ev[kind]);
      if (!ref) continue;
      n++;
      const name = str(ref.name);
      if (!name) errs.push(required(child(p, kind, "name"), ""));
      else for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(p, kind, "name"), name, m));
    }
    if (n === 0) errs.push(invalid(fldPath, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (n > 1) errs.push(invalid(fldPath, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

function validatePathNoBacksteps(target: string, fldPath: string): FieldError[] {
  return target.split("/").includes("..") ? [invalid(fldPath, target, "must not contain '..'")] : [];
}
export function validateLocalDescendingPath(target: string, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith("/")) errs.push(invalid(fldPath, target, "must be a relative path"));
  return errs.concat(validatePathNoBacksteps(target, fldPath));
}
export { validatePathNoBacksteps };

function validateVolumeMounts(mounts: Obj[], volumes: Map<string, Obj>, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  mounts.forEach((mnt, i) => {
    const p = index(fldPath, i);
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (!name) errs.push(required(child(p, "name"), ""));
    if (!volumes.has(name)) errs.push(notFound(child(p, "name"), name));
    if (!mountPath) errs.push(required(child(p, "mountPath"), ""));
    if (points.has(mountPath)) errs.push(invalid(child(p, "mountPath"), mountPath, "must be unique"));
    points.add(mountPath);
    // Upstream reports subPath problems at the list path, not the item's (a known quirk).
    const subPath = str(mnt.subPath);
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, child(fldPath, "subPath")));
    const subPathExpr = str(mnt.subPathExpr);
    if (subPathExpr) {
      if (subPath) errs.push(invalid(child(p, "subPathExpr"), subPathExpr, "subPathExpr and subPath are mutually exclusive"));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(fldPath, "subPathExpr")));
    }
  });
  return errs;
}

const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];

function validatePortNumOrName(port: unknown, fldPath: string): FieldError[] {
  if (typeof port === "number") return isValidPortNum(port).map((m) => invalid(fldPath, port, m));
  if (typeof port === "string") return isValidPortName(port).map((m) => invalid(fldPath, port, m));
  return isValidPortNum(0).map((m) => invalid(fldPath, 0, m));
}

const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

function validateHandler(h: Obj, fldPath: string, grace: number): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (kind: string, check: (v: Obj, p: string) => FieldError[]) => {
    const v = objOf(h[kind]);
    if (!v) return;
    if (n > 0) {
      errs.push(forbidden(child(fldPath, kind), "may not specify more than 1 handler type"));
      return;
    }
    n++;
    errs.push(...check(v, child(fldPath, kind)));
  };
  one("exec", (v, p) => (arr(v.command).length === 0 ? [required(child(p, "command"), "")] : []));
  one("httpGet", (v, p) => {
    const e: FieldError[] = [];
    if (!str(v.path)) e.push(required(child(p, "path"), ""));
    e.push(...validatePortNumOrName(v.port, child(p, "port")));
    const scheme = str(v.scheme);
    if (scheme !== "HTTP" && scheme !== "HTTPS") e.push(notSupported(child(p, "scheme"), scheme, ["HTTP", "HTTPS"]));
    for (const hdr of objs(v.httpHeaders)) {
      const name = str(hdr.name);
      if (!HTTP_HEADER_NAME.test(name)) {
        e.push(invalid(child(p, "httpHeaders"), name, "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"));
      }
    }
    return e;
  });
  one("tcpSocket", (v, p) => validatePortNumOrName(v.port, child(p, "port")));
  one("grpc", (v, p) => validatePortNumOrName(int(v.port), child(p, "port")));
  one("sleep", (v, p) => {
    const s = int(v.seconds);
    return s <= 0 || s > grace
      ? [invalid(p, s, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)]
      : [];
  });
  if (n === 0) errs.push(required(fldPath, "must specify a handler type"));
  return errs;
}

function validateProbe(probe: Obj | undefined, fldPath: string, kind: "liveness" | "readiness" | "startup", grace: number): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, fldPath, grace);
  for (const f of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) {
    errs.push(...validateNonnegativeField(probe[f], child(fldPath, f)));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === "number" && tgps <= 0) errs.push(invalid(child(fldPath, "terminationGracePeriodSeconds"), tgps, "must be greater than 0"));
  const st = probe.successThreshold ?? 1;
  if (kind !== "readiness" && st !== 1) errs.push(invalid(child(fldPath, "successThreshold"), st, "must be 1"));
  if (kind === "readiness" && typeof tgps === "number") errs.push(invalid(child(fldPath, "terminationGracePeriodSeconds"), tgps, "must not be set for readinessProbes"));
  return errs;
}

/** ValidateSecurityContext of a container: the checks students meet. */
function validateSecurityContext(sc: Obj | undefined, fldPath: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const f of ["runAsUser", "runAsGroup"]) {
    const v = sc[f];
    if (typeof v === "number" && (v < 0 || v > MAX_INT32)) errs.push(invalid(child(fldPath, f), v, inclusiveRangeError(0, MAX_INT32)));
  }
  if (sc.privileged === true && sc.allowPrivilegeEscalation === false) {
    errs.push(invalid(fldPath, "", "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
  }
  const caps = objOf(sc.capabilities);
  if (caps && sc.allowPrivilegeEscalation === false && arr(caps.add).includes("CAP_SYS_ADMIN")) {
    errs.push(invalid(fldPath, "", "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
  }
  return errs;
}

function validateContainerCommon(ctr: Obj, volumes: Map<string, Obj>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name);
  if (!name) errs.push(required(child(p, "name"), ""));
  else errs.push(...validateDNS1123Label(name, child(p, "name")));
  if (!str(ctr.image)) errs.push(required(child(p, "image"), ""));
  const tmp = ctr.terminationMessagePolicy;
  if (typeof tmp === "string" && !TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(tmp === "" ? required(child(p, "terminationMessagePolicy"), "") : notSupported(child(p, "terminationMessagePolicy"), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validateContainerPorts(objs(ctr.ports), child(p, "ports")));
  errs.push(...validateEnv(objs(ctr.env), child(p, "env")));
  errs.push(...validateEnvFrom(objs(ctr.envFrom), child(p, "envFrom")));
  errs.push(...validateVolumeMounts(objs(ctr.volumeMounts), volumes, child(p, "volumeMounts")));
  const pull = ctr.imagePullPolicy;
  if (typeof pull === "string" && !PULL_POLICIES.includes(pull)) {
    errs.push(pull === "" ? required(child(p, "imagePullPolicy"), "") : notSupported(child(p, "imagePullPolicy"), pull, PULL_POLICIES));
  }
  errs.push(...validateResourceRequirements(objOf(ctr.resources) ?? {}, child(p, "resources")));
  errs.push(...validateSecurityContext(objOf(ctr.securityContext), child(p, "securityContext")));
  return errs;
}

function validateLifecycle(lc: Obj, p: string, grace: number): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ["postStart", "preStop"]) if (isObj(lc[k])) errs.push(...validateHandler(lc[k] as Obj, child(p, k), grace));
  return errs;
}

function checkHostPortConflicts(containers: Obj[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objs(c.ports).forEach((port, pi) => {
      const hp = int(port.hostPort);
      if (hp === 0) return;
      const k = `${str(port.hostIP)}/${hp}/${str(port.protocol)}`;
      if (seen.has(k)) errs.push(duplicate(child(index(child(index(fldPath, ci), "ports"), pi), "hostPort"), k));
      seen.add(k);
    });
  });
  return errs;
}

function validateContainers(containers: Obj[], volumes: Map<string, Obj>, fldPath: string, grace: number): FieldError[] {
  if (containers.length === 0) return [required(fldPath, "")];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const p = index(fldPath, i);
    errs.push(...validateContainerCommon(ctr, volumes, p));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else names.add(name);
    if (isObj(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, child(p, "lifecycle"), grace));
    errs.push(...validateProbe(objOf(ctr.livenessProbe), child(p, "livenessProbe"), "liveness", grace));
    errs.push(...validateProbe(objOf(ctr.readinessProbe), child(p, "readinessProbe"), "readiness", grace));
    errs.push(...validateProbe(objOf(ctr.startupProbe), child(p, "startupProbe"), "startup", grace));
    if (ctr.restartPolicy !== undefined) errs.push(forbidden(child(p, "restartPolicy"), "may not be set for non-init containers"));
  });
  return errs.concat(checkHostPortConflicts(containers, fldPath));
}

function validateInitContainers(inits: Obj[], regular: Obj[], volumes: Map<string, Obj>, fldPath: string, grace: number): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((ctr, i) => {
    const p = index(fldPath, i);
    errs.push(...validateContainerCommon(ctr, volumes, p));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
    else names.add(name);
    const restartable = ctr.restartPolicy === "Always";
    if (ctr.restartPolicy !== undefined && !restartable) errs.push(notSupported(child(p, "restartPolicy"), ctr.restartPolicy, ["Always"]));
    if (!restartable) {
      if (ctr.lifecycle !== undefined) errs.push(forbidden(child(p, "lifecycle"), "may not be set for init containers without restartPolicy=Always"));
      if (ctr.livenessProbe !== undefined) errs.push(forbidden(child(p, "livenessProbe"), "may not be set for init containers without restartPolicy=Always"));
      if (ctr.readinessProbe !== undefined) errs.push(forbidden(child(p, "readinessProbe"), "may not be set for init containers without restartPolicy=Always"));
      if (ctr.startupProbe !== undefined) errs.push(forbidden(child(p, "startupProbe"), "may not be set for init containers without restartPolicy=Always"));
    } else {
      if (isObj(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, child(p, "lifecycle"), grace));
      errs.push(...validateProbe(objOf(ctr.livenessProbe), child(p, "livenessProbe"), "liveness", grace));
      errs.push(...validateProbe(objOf(ctr.readinessProbe), child(p, "readinessProbe"), "readiness", grace));
      errs.push(...validateProbe(objOf(ctr.startupProbe), child(p, "startupProbe"), "startup", grace));
    }
  });
  return errs;
}

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

function validateEnum(v: unknown, fldPath: string, values: string[]): FieldError[] {
  if (v === undefined) return [];
  if (v === "") return [required(fldPath, "")];
  return values.includes(v as string) ? [] : [notSupported(fldPath, v, values)];
}

function validatePodDNSConfig(cfg: Obj | undefined, dnsPolicy: unknown, fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  if (dnsPolicy === "None") {
    if (!cfg) return [required(fldPath, "must provide `dnsConfig` when `dnsPolicy` is None")];
    if (arr(cfg.nameservers).length === 0) return [required(child(fldPath, "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")];
  }
  if (!cfg) return errs;
  const ns = arr(cfg.nameservers).map(String);
  if (ns.length > 3) errs.push(invalid(child(fldPath, "nameservers"), ns, "must not have more than 3 nameservers"));
  ns.forEach((n, i) => errs.push(...validateIP(index(child(fldPath, "nameservers"), i), n)));
  const searches = arr(cfg.searches).map(String);
  if (searches.length > 32) errs.push(invalid(child(fldPath, "searches"), searches, "must not have more than 32 search paths"));
  if (searches.join(" ").length > 2048) errs.push(invalid(child(fldPath, "searches"), searches, "must not have more than 2048 characters (including spaces) in the search list"));
  searches.forEach((s, i) => errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ""), index(child(fldPath, "searches"), i))));
  objs(cfg.options).forEach((o, i) => {
    if (!str(o.name)) errs.push(required(index(child(fldPath, "options"), i), "must not be empty"));
  });
  return errs;
}

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

export function validateTolerations(tols: Obj[], fldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  tols.forEach((t, i) => {
    const p = index(fldPath, i);
    const k = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    if (k) errs.push(...validateLabelName(k, child(p, "key")));
    if (!k && op !== "Exists") errs.push(invalid(child(p, "operator"), op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
    if (typeof t.tolerationSeconds === "number" && effect !== "NoExecute") errs.push(invalid(child(p, "effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (op) {
      case "Equal":
      case "": {
        const m = isValidLabelValue(str(t.value));
        if (m.length) errs.push(invalid(child(p, "operator"), str(t.value), m.join(";")));
        break;
      }
      case "Exists":
        if (str(t.value)) errs.push(invalid(child(p, "operator"), structLiteral("core.Toleration", t), "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(child(p, "operator"), op, ["Equal", "Exists"]));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(child(p, "effect"), effect, TAINT_EFFECTS));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: Obj, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = arr(rq.values);
  switch (rq.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0) errs.push(required(child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) errs.push(forbidden(child(p, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) errs.push(required(child(p, "values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(p, "operator"), str(rq.operator), "not a valid selector operator"));
  }
  return errs.concat(validateLabelName(str(rq.key), child(p, "key")));
}

function validateNodeSelectorTerm(term: Obj, p: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(term.matchExpressions).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, index(child(p, "matchExpressions"), j))));
  objs(term.matchFields).forEach((r, j) => {
    const rp = index(child(p, "matchFields"), j);
    const values = arr(r.values).map(String);
    if (r.operator === "In" || r.operator === "NotIn") {
      if (values.length !== 1) errs.push(required(child(rp, "values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(invalid(child(rp, "operator"), str(r.operator), "not a valid selector operator"));
    if (str(r.key) !== "metadata.name") errs.push(invalid(child(rp, "key"), str(r.key), "not a valid field selector key"));
    else values.forEach((v, i) => { for (const m of isDNS1123Subdomain(v)) errs.push(invalid(index(child(rp, "values"), i), v, m)); });
  });
  return errs;
}

function validatePodAffinityTerm(term: Obj, p: string): FieldError[] {
  const errs = validateLabelSelector(objOf(term.labelSelector), {}, child(p, "labelSelector"));
  errs.push(...validateLabelSelector(objOf(term.namespaceSelector), {}, child(p, "namespaceSelector")));
  for (const ns of arr(term.namespaces).map(String)) for (const m of validateNamespaceName(ns, false)) errs.push(invalid(child(p, "namespace"), ns, m));
  const tk = str(term.topologyKey);
  if (!tk) errs.push(required(child(p, "topologyKey"), "can not be empty"));
  return errs.concat(validateLabelName(tk, child(p, "topologyKey")));
}

function validatePodAffinityKind(pa: Obj, p: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, index(child(p, "requiredDuringSchedulingIgnoredDuringExecution"), i))));
  objs(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, j) => {
    const wp = index(child(p, "preferredDuringSchedulingIgnoredDuringExecution"), j);
    const w = int(t.weight);
    if (w <= 0 || w > 100) errs.push(invalid(child(wp, "weight"), w, "must be in the range 1-100"));
    errs.push(...validatePodAffinityTerm(objOf(t.podAffinityTerm) ?? {}, child(wp, "podAffinityTerm")));
  });
  return errs;
}

function validateAffinity(aff: Obj | undefined, p: string): FieldError[] {
  if (!aff) return [];
  const errs: FieldError[] = [];
  const na = objOf(aff.nodeAffinity);
  if (na) {
    const np = child(p, "nodeAffinity");
    const req = objOf(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (req) {
      const tp = child(np, "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
      const terms = objs(req.nodeSelectorTerms);
      if (terms.length === 0) errs.push(required(tp, "must have at least one node selector term"));
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(tp, i))));
    }
    objs(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = index(child(np, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      const w = int(t.weight);
      if (w <= 0 || w > 100) errs.push(invalid(child(tp, "weight"), w, "must be in the range 1-100"));
      errs.push(...validateNodeSelectorTerm(objOf(t.preference) ?? {}, child(tp, "preference")));
    });
  }
  if (isObj(aff.podAffinity)) errs.push(...validatePodAffinityKind(aff.podAffinity, child(p, "podAffinity")));
  if (isObj(aff.podAntiAffinity)) errs.push(...validatePodAffinityKind(aff.podAntiAffinity, child(p, "podAntiAffinity")));
  return errs;
}

function validatePodSecurityContext(sc: Obj | undefined, fldPath: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  for (const f of ["runAsUser", "runAsGroup", "fsGroup"]) {
    const v = sc[f];
    if (typeof v === "number" && (v < 0 || v > MAX_INT32)) errs.push(invalid(child(fldPath, f), v, inclusiveRangeError(0, MAX_INT32)));
  }
  arr(sc.supplementalGroups).forEach((g, i) => {
    if (typeof g === "number" && (g < 0 || g > MAX_INT32)) errs.push(invalid(index(child(fldPath, "supplementalGroups"), i), g, inclusiveRangeError(0, MAX_INT32)));
  });
  if (sc.fsGroupChangePolicy !== undefined && !["Always", "OnRootMismatch"].includes(str(sc.fsGroupChangePolicy))) {
    errs.push(notSupported(child(fldPath, "fsGroupChangePolicy"), str(sc.fsGroupChangePolicy), ["Always", "OnRootMismatch"]));
  }
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: Obj, podMeta: Obj | undefined, fldPath: string, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const { volumes, errs: vErrs } = validateVolumes(objs(spec.volumes), podMeta, child(fldPath, "volumes"));
  errs.push(...vErrs);
  const containers = objs(spec.containers);
  const grace = typeof spec.terminationGracePeriodSeconds === "number" ? spec.terminationGracePeriodSeconds : 30;
  errs.push(...validateContainers(containers, volumes, child(fldPath, "containers"), grace));
  errs.push(...validateInitContainers(objs(spec.initContainers), containers, volumes, child(fldPath, "initContainers"), grace));
  if (spec.hostNetwork === true) {
    containers.forEach((c, i) => objs(c.ports).forEach((port, j) => {
      const hp = int(port.hostPort);
      const cp = int(port.containerPort);
      if ((isPod || hp !== 0) && hp !== cp) {
        errs.push(invalid(child(index(child(index(child(fldPath, "containers"), i), "ports"), j), "hostPort"), hp, "must match `containerPort` when `hostNetwork` is true"));
      }
    }));
  }
  errs.push(...validateEnum(spec.restartPolicy, child(fldPath, "restartPolicy"), RESTART_POLICIES));
  errs.push(...validateEnum(spec.dnsPolicy, child(fldPath, "dnsPolicy"), DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector as Record<string, string> | undefined, child(fldPath, "nodeSelector")));
  errs.push(...validatePodSecurityContext(objOf(spec.securityContext), child(fldPath, "securityContext")));
  objs(spec.imagePullSecrets).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== "name")) errs.push(invalid(index(child(fldPath, "imagePullSecrets"), i), structLiteral("core.LocalObjectReference", s), "only name may be set"));
  });
  errs.push(...validateAffinity(objOf(spec.affinity), child(fldPath, "affinity")));
  errs.push(...validatePodDNSConfig(objOf(spec.dnsConfig), spec.dnsPolicy, child(fldPath, "dnsConfig")));
  const san = str(spec.serviceAccountName);
  if (san) for (const m of nameIsDNSSubdomain(san, false)) errs.push(invalid(child(fldPath, "serviceAccountName"), san, m));
  const nodeName = str(spec.nodeName);
  if (nodeName) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(child(fldPath, "nodeName"), nodeName, m));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === "number" && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(child(fldPath, "activeDeadlineSeconds"), ads, inclusiveRangeError(1, MAX_INT32)));
  for (const f of ["hostname", "subdomain"]) {
    const v = str(spec[f]);
    if (v) errs.push(...isDNS1123Label(v).map((m) => invalid(child(fldPath, f), v, m)));
  }
  errs.push(...validateTolerations(objs(spec.tolerations), child(fldPath, "tolerations")));
  objs(spec.hostAliases).forEach((ha, i) => {
    const p = index(child(fldPath, "hostAliases"), i);
    errs.push(...validateIP(child(p, "ip"), str(ha.ip)));
    arr(ha.hostnames).forEach((h, j) => errs.push(...validateDNS1123Subdomain(String(h), index(child(p, "hostnames"), j))));
  });
  const pcn = str(spec.priorityClassName);
  if (pcn) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(child(fldPath, "priorityClassName"), pcn, m));
  if (spec.preemptionPolicy !== undefined) errs.push(...validateEnum(spec.preemptionPolicy, child(fldPath, "preemptionPolicy"), ["PreemptLowerPriority", "Never"]));
  objs(spec.topologySpreadConstraints).forEach((c, i) => {
    const p = index(child(fldPath, "topologySpreadConstraints"), i);
    const skew = int(c.maxSkew);
    if (skew <= 0) errs.push(invalid(child(p, "maxSkew"), skew, "must be greater than zero"));
    if (!str(c.topologyKey)) errs.push(required(child(p, "topologyKey"), "can not be empty"));
    else errs.push(...validateLabelName(str(c.topologyKey), child(p, "topologyKey")));
    const wu = str(c.whenUnsatisfiable);
    if (!["DoNotSchedule", "ScheduleAnyway"].includes(wu)) errs.push(notSupported(child(p, "whenUnsatisfiable"), wu, ["DoNotSchedule", "ScheduleAnyway"]));
  });
  return errs;
}

/** ValidatePodTemplateSpec: template metadata (labels, annotations) and spec. */
export function validatePodTemplateSpec(tpl: Obj | undefined, fldPath: string): FieldError[] {
  const t = tpl ?? {};
  const meta = objOf(t.metadata) ?? {};
  const errs = validateLabels(meta.labels as Record<string, string> | undefined, child(fldPath, "metadata", "labels"));
  errs.push(...validateAnnotations(meta.annotations as Record<string, string> | undefined, child(fldPath, "metadata", "annotations")));
  errs.push(...validatePodSpec(objOf(t.spec) ?? {}, undefined, child(fldPath, "spec"), false));
  return errs;
}

/** ValidatePodCreate (spec part): ephemeral containers may only come through their subresource. */
export function validatePodCreate(pod: Obj): FieldError[] {
  const spec = objOf(pod.spec) ?? {};
  const errs = validatePodSpec(spec, objOf(pod.metadata), "spec", true);
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden(child("spec", "ephemeralContainers"), "cannot be set on create"));
  return errs;
}

export { key, GoLiteral };

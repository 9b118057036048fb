// Core v1 kinds other than Pod, following pkg/apis/core/validation/validation.go of v1.32:
// Service, ConfigMap, Secret, Namespace, ServiceAccount, ResourceQuota, LimitRange, PV, PVC.
import type { FieldError } from "../api/types";
import { child, duplicate, forbidden, index, invalid, key, notSupported, required, tooLong } from "../meta/field-errors";
import { isConfigMapKey, isValidPortName, isValidPortNum } from "../meta/names";
import { arr, deepEqual, int, isObj, objOf, objs, quantity, str, validateDNS1123Label, validateDNS1123Subdomain, validateIP, validateImmutableField, validateQualifiedName, type Obj } from "./helpers";
import { validateResourceName, validateResourceQuantityValue, STANDARD_QUOTA_RESOURCES } from "./resources";
import { GoLiteral } from "../meta/go-format";

const MAX_SECRET_SIZE = 1024 * 1024;
const utf8 = new TextEncoder();
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

function portNumOrName(v: unknown, p: string): FieldError[] {
  if (typeof v === "number") return isValidPortNum(v).map((m) => invalid(p, v, m));
  if (typeof v === "string") return isValidPortName(v).map((m) => invalid(p, v, m));
  return [];
}

function clusterIPsOf(spec: Obj): string[] {
  const ips = arr(spec.clusterIPs).map(String);
  const ip = str(spec.clusterIP);
  if (ip && ips[0] !== ip) return [ip, ...ips.slice(1)];
  return ips;
}

function validateService(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = objOf(obj.spec) ?? {};
  const type = spec.type === undefined ? "ClusterIP" : str(spec.type);
  const ips = clusterIPsOf(spec);
  const headless = ips.length > 0 && ips[0] === "None";
  const ports = objs(spec.ports);
  if (ports.length === 0 && !headless && type !== "ExternalName") errs.push(required("spec.ports", ""));
  if (type === "LoadBalancer" && headless) errs.push(invalid("spec.clusterIPs[0]", ips[0], "may not be set to 'None' for LoadBalancer services"));
  if (type === "NodePort" && headless) errs.push(invalid("spec.clusterIPs[0]", ips[0], "may not be set to 'None' for NodePort services"));
  if (type === "ExternalName") {
    if (ips.length > 0) errs.push(forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    if (arr(spec.ipFamilies).length > 0) errs.push(forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
    if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
    const cname = str(spec.externalName).replace(/\.$/, "");
    if (cname) errs.push(...validateDNS1123Subdomain(cname, "spec.externalName"));
    else errs.push(required("spec.externalName", ""));
  }
  const names = new Set<string>();
  ports.forEach((sp, i) => {
    const p = index("spec.ports", i);
    const name = str(sp.name);
    if (ports.length > 1 && !name) errs.push(required(child(p, "name"), ""));
    else if (name) {
      errs.push(...validateDNS1123Label(name, child(p, "name")));
      if (names.has(name)) errs.push(duplicate(child(p, "name"), name));
      else names.add(name);
    }
    for (const m of isValidPortNum(int(sp.port))) errs.push(invalid(child(p, "port"), int(sp.port), m));
    const proto = str(sp.protocol);
    if (!proto) errs.push(required(child(p, "protocol"), ""));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(child(p, "protocol"), proto, PROTOCOLS));
    if (sp.targetPort !== undefined) errs.push(...portNumOrName(sp.targetPort, child(p, "targetPort")));
    if (typeof sp.appProtocol === "string") errs.push(...validateQualifiedName(sp.appProtocol, child(p, "appProtocol")));
  });
  const sel = objOf(spec.selector);
  if (sel) for (const [k, v] of Object.entries(sel)) {
    for (const e of validateQualifiedName(k, "spec.selector")) errs.push(e);
    void v;
  }
  const sa = spec.sessionAffinity;
  if (sa !== undefined && sa !== "ClientIP" && sa !== "None") errs.push(notSupported("spec.sessionAffinity", sa, ["ClientIP", "None"]));
  if (sa === "None" && spec.sessionAffinityConfig !== undefined) errs.push(forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
  arr(spec.externalIPs).forEach((ip, i) => errs.push(...validateIP(index("spec.externalIPs", i), String(ip))));
  if (spec.type === "") errs.push(required("spec.type", ""));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported("spec.type", type, SERVICE_TYPES));
  if (type === "ClusterIP") {
    ports.forEach((sp, i) => { if (int(sp.nodePort) !== 0) errs.push(forbidden(child(index("spec.ports", i), "nodePort"), "may not be used when `type` is 'ClusterIP'")); });
  }
  const nodePorts = new Set<string>();
  ports.forEach((sp, i) => {
    const np = int(sp.nodePort);
    if (np === 0) return;
    const k = `${str(sp.protocol)}/${np}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index("spec.ports", i), "nodePort"), np));
    nodePorts.add(k);
  });
  const seen = new Set<string>();
  ports.forEach((sp, i) => {
    const k = `${str(sp.protocol)}/${int(sp.port)}`;
    if (seen.has(k)) errs.push(duplicate(index("spec.ports", i), new GoLiteral(`core.ServicePort{Name:"", Protocol:"${str(sp.protocol)}", AppProtocol:(*string)(nil), Port:${int(sp.port)}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`)));
    seen.add(k);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && type !== "LoadBalancer") errs.push(forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is 'LoadBalancer'"));
  if (arr(spec.loadBalancerSourceRanges).length > 0 && type !== "LoadBalancer") errs.push(forbidden("spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
  if (old) {
    const oldSpec = objOf(old.spec) ?? {};
    const oldIPs = arr(oldSpec.clusterIPs).map(String);
    const oldType = str(oldSpec.type) || "ClusterIP";
    const oldHeadless = oldIPs[0] === "None";
    if (type !== "ExternalName" && oldType !== "ExternalName" && !(headless && oldHeadless)) {
      if (oldIPs.length === ips.length) {
        oldIPs.forEach((ip, i) => { if (ip !== ips[i]) errs.push(invalid(index("spec.clusterIPs", i), ips, "may not change once set")); });
      } else if (oldIPs.length > ips.length) {
        if (ips.length === 0) errs.push(invalid("spec.clusterIPs[0]", ips, "primary clusterIP can not be unset"));
        if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(invalid("spec.clusterIPs[0]", ips, "may not change once set"));
      } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
        errs.push(invalid("spec.clusterIPs[0]", ips, "may not change once set"));
      }
    }
  }
  return errs;
}

function dataSize(v: unknown): number {
  return typeof v === "string" ? utf8.encode(v).length : 0;
}

function validateConfigMap(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (old && old.immutable === true) {
    if (obj.immutable !== true) errs.push(forbidden("immutable", "field is immutable when `immutable` is set"));
    if (!deepEqual(obj.data, old.data)) errs.push(forbidden("data", "field is immutable when `immutable` is set"));
    if (!deepEqual(obj.binaryData, old.binaryData)) errs.push(forbidden("binaryData", "field is immutable when `immutable` is set"));
  }
  let total = 0;
  const data = objOf(obj.data) ?? {};
  const bin = objOf(obj.binaryData) ?? {};
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key("data", k), k, m));
    if (k in bin) errs.push(invalid(key("data", k), k, "duplicate of key present in binaryData"));
    total += dataSize(v);
  }
  for (const [k, v] of Object.entries(bin)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key("binaryData", k), k, m));
    total += Math.floor((str(v).length * 3) / 4);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong("", MAX_SECRET_SIZE));
  return errs;
}

const SECRET_TYPE_KEYS: Record<string, string[]> = {
  "kubernetes.io/dockercfg": [".dockercfg"],
  "kubernetes.io/dockerconfigjson": [".dockerconfigjson"],
  "kubernetes.io/tls": ["tls.crt", "tls.key"],
};

function validateSecret(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const data = objOf(obj.data) ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key("data", k), k, m));
    total += Math.floor((str(v).length * 3) / 4);
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong("data", MAX_SECRET_SIZE));
  const type = str(obj.type) || "Opaque";
  const meta = objOf(obj.metadata) ?? {};
  switch (type) {
    case "kubernetes.io/service-account-token": {
      const ann = objOf(meta.annotations) ?? {};
      if (!str(ann["kubernetes.io/service-account.name"])) errs.push(required(key("metadata.annotations", "kubernetes.io/service-account.name"), ""));
      break;
    }
    case "kubernetes.io/dockercfg":
    case "kubernetes.io/dockerconfigjson":
    case "kubernetes.io/tls":
      for (const k of SECRET_TYPE_KEYS[type]) if (!(k in data)) errs.push(required(key("data", k), ""));
      break;
    case "kubernetes.io/basic-auth":
      if (!("username" in data) && !("password" in data)) errs.push(required(key("data", "username"), ""), required(key("data", "password"), ""));
      break;
    case "kubernetes.io/ssh-auth":
      if (!("ssh-privatekey" in data)) errs.push(required(key("data", "ssh-privatekey"), ""));
      break;
    default:
      errs.push(...validateQualifiedName(type, "type"));
  }
  if (old) {
    errs.push(...validateImmutableField(type, str(old.type) || "Opaque", "type"));
    if (old.immutable === true) {
      if (obj.immutable !== true) errs.push(forbidden("immutable", "field is immutable when `immutable` is set"));
      if (!deepEqual(obj.data, old.data)) errs.push(forbidden("data", "field is immutable when `immutable` is set"));
    }
  }
  return errs;
}

function validateNamespace(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = objOf(obj.spec) ?? {};
  arr(spec.finalizers).forEach((f) => {
    const s = String(f);
    const msgs = validateQualifiedName(s, "spec.finalizers");
    if (msgs.length) errs.push(...msgs);
    else if (!s.includes("/") && s !== "kubernetes") errs.push(invalid("spec.finalizers", s, "name is neither a standard finalizer name nor is it fully qualified"));
  });
  void old;
  return errs;
}

function validateResourceQuota(obj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = objOf(obj.spec) ?? {};
  for (const [k, v] of Object.entries(objOf(spec.hard) ?? {})) {
    const p = key("spec.hard", k);
    const nameErrs = validateResourceName(k, p, STANDARD_QUOTA_RESOURCES);
    if (!nameErrs.length && !k.includes("/") && !STANDARD_QUOTA_RESOURCES.has(k) && !k.startsWith("requests.hugepages-")) {
      nameErrs.push(invalid(p, k, "must be a standard resource for quota"));
    }
    errs.push(...nameErrs);
    const q = quantity(v);
    if (q) errs.push(...validateResourceQuantityValue(k, q, p));
  }
  const scopes = ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"];
  arr(spec.scopes).forEach((s) => { if (!scopes.includes(String(s))) errs.push(invalid("spec.scopes", String(s), "unsupported scope")); });
  if (old) {
    const a = new Set(arr(spec.scopes).map(String)), b = new Set(arr(objOf(old.spec)?.scopes).map(String));
    if (a.size !== b.size || [...a].some((s) => !b.has(s))) errs.push(invalid("spec.scopes", arr(spec.scopes).map(String), "field is immutable"));
  }
  return errs;
}

function validateLimitRange(obj: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const types = new Set<string>();
  objs(objOf(obj.spec)?.limits).forEach((item, i) => {
    const p = index("spec.limits", i);
    const t = str(item.type);
    if (types.has(t)) errs.push(duplicate(child(p, "type"), t));
    types.add(t);
    for (const f of ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"]) {
      for (const [k, v] of Object.entries(objOf(item[f]) ?? {})) {
        const q = quantity(v);
        if (q) errs.push(...validateResourceQuantityValue(k, q, key(child(p, f), k)));
      }
    }
  });
  return errs;
}

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"];

function validateAccessModes(modes: unknown[], p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (modes.length === 0) errs.push(required(p, ""));
  for (const m of modes) if (!ACCESS_MODES.includes(String(m))) errs.push(notSupported(p, String(m), ACCESS_MODES));
  if (modes.includes("ReadWriteOncePod") && modes.length > 1) errs.push(forbidden(p, "may not use ReadWriteOncePod with other access modes"));
  return errs;
}

function validatePV(obj: Obj, old: Obj | undefined): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs = validateAccessModes(arr(spec.accessModes), "spec.accessModes");
  const cap = objOf(spec.capacity);
  if (!cap || Object.keys(cap).length === 0) errs.push(required("spec.capacity", ""));
  else if (Object.keys(cap).length > 1 || !("storage" in cap)) errs.push(notSupported("spec.capacity", Object.keys(cap), ["storage"]));
  const rp = spec.persistentVolumeReclaimPolicy;
  if (rp !== undefined && !RECLAIM_POLICIES.includes(str(rp))) errs.push(notSupported("spec.persistentVolumeReclaimPolicy", rp, RECLAIM_POLICIES));
  const scn = str(spec.storageClassName);
  if (scn) errs.push(...validateDNS1123Subdomain(scn, "spec.storageClassName"));
  const sources = ["hostPath", "local", "nfs", "csi", "iscsi", "fc", "rbd", "cephfs", "cinder", "awsElasticBlockStore", "gcePersistentDisk", "azureDisk", "azureFile", "vsphereVolume", "flexVolume", "glusterfs", "portworxVolume", "scaleIO", "storageos", "quobyte", "photonPersistentDisk", "flocker"];
  const n = sources.filter((s) => isObj(spec[s])).length;
  if (n === 0) errs.push(required("spec", "must specify a volume type"));
  if (isObj(spec.hostPath) && !str(spec.hostPath.path)) errs.push(required("spec.hostPath.path", ""));
  if (old) errs.push(...validateImmutableField(spec.volumeMode, objOf(old.spec)?.volumeMode, "spec.volumeMode"));
  return errs;
}

function validatePVC(obj: Obj, old: Obj | undefined): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs = validateAccessModes(arr(spec.accessModes), "spec.accessModes");
  const storage = objOf(objOf(spec.resources)?.requests)?.storage;
  if (storage === undefined) errs.push(required(key("spec.resources", "storage"), ""));
  else {
    const q = quantity(storage);
    if (q && q.nanos <= 0n) errs.push(invalid(key("spec.resources", "storage"), String(storage), "must be greater than zero"));
  }
  const scn = spec.storageClassName;
  if (typeof scn === "string" && scn !== "") errs.push(...validateDNS1123Subdomain(scn, "spec.storageClassName"));
  if (old) {
    const oldSpec = objOf(old.spec) ?? {};
    const bound = str(objOf(old.status)?.phase) === "Bound";
    const strip = (s: Obj) => {
      const c: Obj = structuredClone(s);
      if (isObj(c.resources)) delete (c.resources as Obj).requests;
      delete c.volumeAttributesClassName;
      if (bound && !c.volumeName) c.volumeName = oldSpec.volumeName;
      if (c.storageClassName === undefined) c.storageClassName = oldSpec.storageClassName;
      return c;
    };
    // The PV controller sets volumeName once on an unbound claim (ValidatePersistentVolumeClaimUpdate).
    const newSpec = !oldSpec.volumeName ? { ...spec, volumeName: undefined } : spec;
    const prevSpec = !oldSpec.volumeName ? { ...oldSpec, volumeName: undefined } : oldSpec;
    if (!deepEqual(strip(newSpec), strip(prevSpec))) {
      errs.push(forbidden("spec", bound
        ? "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"
        : "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
    }
    const oldStorage = quantity(objOf(objOf(oldSpec.resources)?.requests)?.storage);
    const newStorage = quantity(storage);
    if (bound && oldStorage && newStorage && newStorage.nanos < oldStorage.nanos) {
      errs.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
    }
  }
  return errs;
}

// ValidateServiceAccount checks only metadata, which the caller does.
function validateServiceAccount(_obj: Obj): FieldError[] {
  return [];
}

export function validateCore(kind: string, obj: Obj, old: Obj | undefined): FieldError[] | undefined {
  switch (kind) {
    case "Service": return validateService(obj, old);
    case "ConfigMap": return validateConfigMap(obj, old);
    case "Secret": return validateSecret(obj, old);
    case "Namespace": return validateNamespace(obj, old);
    case "ResourceQuota": return validateResourceQuota(obj, old);
    case "LimitRange": return validateLimitRange(obj);
    case "PersistentVolume": return validatePV(obj, old);
    case "PersistentVolumeClaim": return validatePVC(obj, old);
    case "ServiceAccount": return validateServiceAccount(obj);
  }
  return undefined;
}

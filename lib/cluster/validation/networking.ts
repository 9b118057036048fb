// networking.k8s.io/v1 as pkg/apis/networking/validation/validation.go: NetworkPolicy, Ingress,
// IngressClass (the common cases).
import type { FieldError } from "../api/types";
import { child, index, invalid, notSupported, required } from "../meta/field-errors";
import { isValidPortName, isValidPortNum } from "../meta/names";
import { validateLabelSelector } from "../meta/labels";
import { arr, int, isObj, objOf, objs, str, validateDNS1123Label, validateDNS1123Subdomain, type Obj } from "./helpers";

const PROTOCOLS = ["SCTP", "TCP", "UDP"];

function validatePeers(peers: Obj[], p: string): FieldError[] {
  const errs: FieldError[] = [];
  peers.forEach((peer, i) => {
    const pp = index(p, i);
    let n = 0;
    if (isObj(peer.podSelector)) { n++; errs.push(...validateLabelSelector(peer.podSelector, {}, child(pp, "podSelector"))); }
    if (isObj(peer.namespaceSelector)) { n++; errs.push(...validateLabelSelector(peer.namespaceSelector, {}, child(pp, "namespaceSelector"))); }
    if (isObj(peer.ipBlock)) {
      n++;
      const cidr = str(peer.ipBlock.cidr);
      if (!cidr) errs.push(required(child(pp, "ipBlock", "cidr"), ""));
      else if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(cidr)) errs.push(invalid(child(pp, "ipBlock", "cidr"), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    }
    if (n === 0) errs.push(required(pp, "must specify a peer"));
    else if (isObj(peer.ipBlock) && n > 1) errs.push(invalid(pp, "", "may not specify more than 1 peer type when ipBlock is specified"));
  });
  return errs;
}

function validatePorts(ports: Obj[], p: string): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((port, i) => {
    const pp = index(p, i);
    if (port.protocol !== undefined && !PROTOCOLS.includes(str(port.protocol))) errs.push(notSupported(child(pp, "protocol"), str(port.protocol), PROTOCOLS));
    if (typeof port.port === "number") for (const m of isValidPortNum(port.port)) errs.push(invalid(child(pp, "port"), port.port, m));
    if (typeof port.port === "string") for (const m of isValidPortName(port.port)) errs.push(invalid(child(pp, "port"), port.port, m));
    if (port.endPort !== undefined) {
      if (typeof port.port !== "number") errs.push(required(child(pp, "port"), "must be specified when endPort is specified"));
      else if (int(port.endPort) < port.port) errs.push(invalid(child(pp, "endPort"), port.endPort, "must be greater than or equal to `port`"));
    }
  });
  return errs;
}

function validateNetworkPolicy(obj: Obj): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs = validateLabelSelector(objOf(spec.podSelector), {}, "spec.podSelector");
  objs(spec.ingress).forEach((r, i) => {
    const p = index("spec.ingress", i);
    errs.push(...validatePorts(objs(r.ports), child(p, "ports")), ...validatePeers(objs(r.from), child(p, "from")));
  });
  objs(spec.egress).forEach((r, i) => {
    const p = index("spec.egress", i);
    errs.push(...validatePorts(objs(r.ports), child(p, "ports")), ...validatePeers(objs(r.to), child(p, "to")));
  });
  arr(spec.policyTypes).forEach((t, i) => {
    if (t !== "Ingress" && t !== "Egress") errs.push(notSupported(index("spec.policyTypes", i), String(t), ["Ingress", "Egress"]));
  });
  return errs;
}

function validateBackend(b: Obj, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const svc = objOf(b.service);
  const res = objOf(b.resource);
  if (svc && res) return [invalid(p, "", "cannot set both resource and service backends")];
  if (svc) {
    const name = str(svc.name);
    if (!name) errs.push(required(child(p, "service", "name"), ""));
    else errs.push(...validateDNS1123Label(name, child(p, "service", "name")).map((e) => ({ ...e, detail: e.detail })));
    const port = objOf(svc.port) ?? {};
    const hasName = str(port.name) !== "";
    const hasNum = int(port.number) !== 0;
    if (hasName && hasNum) errs.push(invalid(child(p, "service", "port"), str(port.name), "cannot set both port name & port number"));
    else if (hasName) for (const m of isValidPortName(str(port.name))) errs.push(invalid(child(p, "service", "port", "name"), str(port.name), m));
    else if (hasNum) for (const m of isValidPortNum(int(port.number))) errs.push(invalid(child(p, "service", "port", "number"), int(port.number), m));
    else errs.push(required(child(p, "service", "port"), "port name or number is required"));
  } else if (!res) errs.push(invalid(p, "", "resource or service backend is required"));
  return errs;
}

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

function validateIngress(obj: Obj): FieldError[] {
  const spec = objOf(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const rules = objs(spec.rules);
  if (!isObj(spec.defaultBackend) && rules.length === 0) errs.push(invalid("spec", "", "either `defaultBackend` or `rules` must be specified"));
  if (isObj(spec.defaultBackend)) errs.push(...validateBackend(spec.defaultBackend, "spec.defaultBackend"));
  rules.forEach((r, i) => {
    const p = index("spec.rules", i);
    const host = str(r.host);
    if (host) {
      const h = host.startsWith("*.") ? host.slice(2) : host;
      errs.push(...validateDNS1123Subdomain(h, child(p, "host")).map((e) => ({ ...e, badValue: host })));
    }
    const http = objOf(r.http);
    if (!http) return;
    const paths = objs(http.paths);
    if (paths.length === 0) errs.push(required(child(p, "http", "paths"), ""));
    paths.forEach((hp, j) => {
      const pp = index(child(p, "http", "paths"), j);
      const pt = hp.pathType;
      if (pt === undefined || pt === "") errs.push(required(child(pp, "pathType"), "pathType must be specified"));
      else if (!PATH_TYPES.includes(str(pt))) errs.push(notSupported(child(pp, "pathType"), str(pt), PATH_TYPES));
      const path = str(hp.path);
      if ((pt === "Exact" || pt === "Prefix") && !path.startsWith("/")) errs.push(invalid(child(pp, "path"), path, "must be an absolute path"));
      errs.push(...validateBackend(objOf(hp.backend) ?? {}, child(pp, "backend")));
    });
  });
  objs(spec.tls).forEach((t, i) => arr(t.hosts).forEach((h, j) => {
    const host = String(h);
    errs.push(...validateDNS1123Subdomain(host.startsWith("*.") ? host.slice(2) : host, index(child(index("spec.tls", i), "hosts"), j)));
  }));
  return errs;
}

export function validateNetworking(kind: string, obj: Obj, old: Obj | undefined): FieldError[] | undefined {
  void old;
  if (kind === "NetworkPolicy") return validateNetworkPolicy(obj);
  if (kind === "Ingress") return validateIngress(obj);
  if (kind === "IngressClass") return str(objOf(obj.spec)?.controller) ? [] : [required("spec.controller", "")];
  return undefined;
}

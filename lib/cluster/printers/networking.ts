// networking.k8s.io and discovery.k8s.io kinds: follows printIngress, printIngressClass,
// printNetworkPolicy, printServiceCIDR, printIPAddress and printEndpointSlice in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, get, isMap, name, str } from "./fields";
import { formatLabelSelector } from "./labels";
import { loadBalancerStatusStringer } from "./core";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** upstream: formatHosts. */
export function formatHosts(rules: unknown[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    const host = str(rule, "host");
    if (!more && host.length !== 0) list.push(host);
  }
  if (list.length === 0) return "*";
  const ret = list.join(",");
  return more ? `${ret} + ${rules.length - max} more...` : ret;
}

export const ingressPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
    col("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
    col("Address", "string", "Address is a list containing ingress points for the load-balancer"),
    col("Ports", "string", "Ports of TLS configurations that open"),
    ageColumn(),
  ],
  print(obj, now) {
    const cls = get(obj, "spec", "ingressClassName");
    return [
      name(obj),
      typeof cls === "string" ? cls : "<none>",
      formatHosts(arr(obj, "spec", "rules")),
      // The server prints with Wide: true, so the address list is never clipped.
      loadBalancerStatusStringer(get(obj, "status", "loadBalancer"), true),
      arr(obj, "spec", "tls").length !== 0 ? "80, 443" : "80",
      age(obj, now),
    ];
  },
};

export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Controller", "string", "Controller that is responsible for handling this class"),
    col("Parameters", "string", "A reference to a resource with additional parameters"),
    ageColumn(),
  ],
  print(obj, now) {
    const p = get(obj, "spec", "parameters");
    let parameters = "<none>";
    if (isMap(p)) {
      parameters = str(p, "kind");
      if (typeof p.apiGroup === "string") parameters += "." + p.apiGroup;
      parameters += "/" + str(p, "name");
    }
    return [name(obj), str(obj, "spec", "controller"), parameters, age(obj, now)];
  },
};

export const networkPolicyPrinter: KindPrinter = {
  columns: [nameColumn(), col("Pod-Selector", "string", swaggerDoc("extensions/v1beta1.NetworkPolicySpec.podSelector")), ageColumn()],
  // podSelector is a struct, never nil, in the internal type: a missing one prints "<none>".
  print: (obj, now) => [name(obj), formatLabelSelector(get(obj, "spec", "podSelector") ?? {}), age(obj, now)],
};

export const serviceCIDRPrinter: KindPrinter = {
  columns: [nameColumn(), col("CIDRs", "string", swaggerDoc("networking/v1beta1.ServiceCIDRSpec.cidrs")), ageColumn()],
  print: (obj, now) => [name(obj), arr(obj, "spec", "cidrs").map(String).join(","), age(obj, now)],
};

export const ipAddressPrinter: KindPrinter = {
  // upstream declares no Age column here but still prints an age cell; copied as is.
  columns: [nameColumn(), col("ParentRef", "string", swaggerDoc("networking/v1beta1.IPAddressSpec.parentRef"))],
  print(obj, now) {
    const ref = get(obj, "spec", "parentRef");
    let parentRefName = "<none>";
    if (isMap(ref)) {
      const group = str(ref, "group");
      const resource = str(ref, "resource");
      // schema.GroupResource.String(): "resource.group", or "resource" without a group.
      parentRefName = (group === "" ? resource : `${resource}.${group}`).toLowerCase();
      if (str(ref, "namespace") !== "") parentRefName += "/" + str(ref, "namespace");
      parentRefName += "/" + str(ref, "name");
    }
    return [name(obj), parentRefName, age(obj, now)];
  },
};

/** upstream: listWithMoreString. */
function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(",");
  if (more) return `${ret} + ${count - max} more...`;
  return ret === "" ? "<unset>" : ret;
}

/** upstream: formatDiscoveryPorts. */
export function formatDiscoveryPorts(ports: unknown[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of ports) {
    if (list.length < max) {
      const p = get(port, "port");
      const n = get(port, "name");
      list.push(typeof p === "number" ? String(p) : typeof n === "string" ? n : "*");
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

/** upstream: formatDiscoveryEndpoints. */
export function formatDiscoveryEndpoints(endpoints: unknown[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ep of endpoints) {
    for (const address of arr(ep, "addresses")) {
      if (list.length < max) list.push(String(address));
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("AddressType", "string", swaggerDoc("discovery/v1beta1.EndpointSlice.addressType")),
    col("Ports", "string", swaggerDoc("discovery/v1beta1.EndpointSlice.ports")),
    col("Endpoints", "string", swaggerDoc("discovery/v1beta1.EndpointSlice.endpoints")),
    ageColumn(),
  ],
  print: (obj, now) => [
    name(obj),
    str(obj, "addressType"),
    formatDiscoveryPorts(arr(obj, "ports")),
    formatDiscoveryEndpoints(arr(obj, "endpoints")),
    age(obj, now),
  ],
};

// Core (group "") kinds except Pod and Event: follows the print functions of
// kubernetes/pkg/printers/internalversion/printers.go (v1.32), mapped onto v1 JSON fields.
import type { KObject } from "../api/types";
import { ageColumn, col, containersColumn, imagesColumn, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, compareGo, get, isMap, keyCount, map, name, num, quantity, sortedUnique, str } from "./fields";
import { formatLabels } from "./labels";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

/** upstream: layoutContainerCells: names and images joined by ",". */
export function layoutContainerCells(containers: unknown[]): [string, string] {
  const cs = containers.map((c) => (isMap(c) ? c : {}));
  return [cs.map((c) => str(c, "name")).join(","), cs.map((c) => str(c, "image")).join(",")];
}

export const podTemplatePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    containersColumn(0),
    imagesColumn(0),
    col("Pod Labels", "string", "The labels for the pod template."),
  ],
  print(obj) {
    const [names, images] = layoutContainerCells(arr(obj, "template", "spec", "containers"));
    return [name(obj), names, images, formatLabels(get(obj, "template", "metadata", "labels"))];
  },
};

export const replicationControllerPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Desired", "integer", swaggerDoc("core/v1.ReplicationControllerSpec.replicas")),
    col("Current", "integer", swaggerDoc("core/v1.ReplicationControllerStatus.replicas")),
    col("Ready", "integer", swaggerDoc("core/v1.ReplicationControllerStatus.readyReplicas")),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    col("Selector", "string", swaggerDoc("core/v1.ReplicationControllerSpec.selector"), 1),
  ],
  print(obj, now) {
    const [names, images] = layoutContainerCells(arr(obj, "spec", "template", "spec", "containers"));
    return [
      name(obj),
      num(obj, "spec", "replicas"),
      num(obj, "status", "replicas"),
      num(obj, "status", "readyReplicas"),
      age(obj, now),
      names,
      images,
      formatLabels(get(obj, "spec", "selector")),
    ];
  },
};

const LOAD_BALANCER_WIDTH = 16;

/** upstream: loadBalancerStatusStringer (also ingressLoadBalancerStatusStringer). */
export function loadBalancerStatusStringer(status: unknown, wide: boolean): string {
  const found: string[] = [];
  for (const ing of arr(status, "ingress")) {
    if (str(ing, "ip") !== "") found.push(str(ing, "ip"));
    else if (str(ing, "hostname") !== "") found.push(str(ing, "hostname"));
  }
  let r = sortedUnique(found).join(",");
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + "...";
  return r;
}

/** upstream: getServiceExternalIP. */
export function getServiceExternalIP(svc: KObject, wide: boolean): string {
  const externalIPs = arr(svc, "spec", "externalIPs").map(String);
  switch (str(svc, "spec", "type")) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      const lbIps = loadBalancerStatusStringer(get(svc, "status", "loadBalancer"), wide);
      if (externalIPs.length > 0) {
        const results = lbIps.length > 0 ? lbIps.split(",") : [];
        return [...results, ...externalIPs].join(",");
      }
      return lbIps.length > 0 ? lbIps : "<pending>";
    }
    case "ExternalName":
      return str(svc, "spec", "externalName");
  }
  return "<unknown>";
}

/** upstream: makePortString: "80/TCP,443:30443/TCP". */
export function makePortString(ports: unknown[]): string {
  return ports
    .map((p) => {
      const port = num(p, "port");
      const protocol = str(p, "protocol");
      const nodePort = num(p, "nodePort");
      return nodePort > 0 ? `${port}:${nodePort}/${protocol}` : `${port}/${protocol}`;
    })
    .join(",");
}

export const servicePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Type", "string", swaggerDoc("core/v1.ServiceSpec.type")),
    col("Cluster-IP", "string", swaggerDoc("core/v1.ServiceSpec.clusterIP")),
    col("External-IP", "string", swaggerDoc("core/v1.ServiceSpec.externalIPs")),
    col("Port(s)", "string", swaggerDoc("core/v1.ServiceSpec.ports")),
    ageColumn(),
    col("Selector", "string", swaggerDoc("core/v1.ServiceSpec.selector"), 1),
  ],
  print(obj, now) {
    // The internal form always has clusterIPs; v1 JSON may carry only clusterIP.
    const clusterIPs = arr(obj, "spec", "clusterIPs").map(String);
    const internalIP = clusterIPs[0] ?? (str(obj, "spec", "clusterIP") || "<none>");
    // The server prints with Wide: true, so load-balancer addresses are never clipped.
    const externalIP = getServiceExternalIP(obj, true);
    const ports = makePortString(arr(obj, "spec", "ports")) || "<none>";
    return [name(obj), str(obj, "spec", "type"), internalIP, externalIP, ports, age(obj, now), formatLabels(get(obj, "spec", "selector"))];
  },
};

/** net.JoinHostPort: brackets around IPv6 hosts. */
function joinHostPort(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** upstream: formatEndpoints(endpoints, nil): at most 3 addresses, then "+ N more...". */
export function formatEndpoints(obj: KObject): string {
  const subsets = arr(obj, "subsets");
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = arr(ss, "addresses");
    const ports = arr(ss, "ports");
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(str(a, "ip"));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(str(a, "ip"), num(port, "port")));
      }
    }
  }
  const ret = list.join(",");
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [nameColumn(), col("Endpoints", "string", swaggerDoc("core/v1.Endpoints.subsets")), ageColumn()],
  print: (obj, now) => [name(obj), formatEndpoints(obj), age(obj, now)],
};

const LABEL_NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
const NODE_LABEL_ROLE = "kubernetes.io/role";

/** upstream: findNodeRoles. */
export function findNodeRoles(node: KObject): string[] {
  const roles: string[] = [];
  const labels = node.metadata?.labels ?? {};
  for (const k of Object.keys(labels)) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.push(role);
    } else if (k === NODE_LABEL_ROLE && labels[k] !== "") {
      roles.push(labels[k]);
    }
  }
  return sortedUnique(roles);
}

function nodeAddress(node: KObject, type: string): string {
  for (const a of arr(node, "status", "addresses")) {
    if (str(a, "type") === type) return str(a, "address");
  }
  return "<none>";
}

export const nodePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Status", "string", "The status of the node"),
    col("Roles", "string", "The roles of the node"),
    ageColumn(),
    col("Version", "string", swaggerDoc("core/v1.NodeSystemInfo.kubeletVersion")),
    col("Internal-IP", "string", swaggerDoc("core/v1.NodeStatus.addresses"), 1),
    col("External-IP", "string", swaggerDoc("core/v1.NodeStatus.addresses"), 1),
    col("OS-Image", "string", swaggerDoc("core/v1.NodeSystemInfo.osImage"), 1),
    col("Kernel-Version", "string", swaggerDoc("core/v1.NodeSystemInfo.kernelVersion"), 1),
    col("Container-Runtime", "string", swaggerDoc("core/v1.NodeSystemInfo.containerRuntimeVersion"), 1),
  ],
  print(obj, now) {
    // Only the Ready condition counts (upstream: NodeAllConditions); the last one of a type wins.
    let ready: string | undefined;
    for (const c of arr(obj, "status", "conditions")) {
      if (str(c, "type") === "Ready") ready = str(c, "status");
    }
    const status: string[] = [];
    if (ready !== undefined) status.push(ready === "True" ? "Ready" : "NotReady");
    if (status.length === 0) status.push("Unknown");
    if (get(obj, "spec", "unschedulable") === true) status.push("SchedulingDisabled");
    const roles = findNodeRoles(obj).join(",") || "<none>";
    const info = map(obj, "status", "nodeInfo");
    return [
      name(obj),
      status.join(","),
      roles,
      age(obj, now),
      str(info, "kubeletVersion"),
      nodeAddress(obj, "InternalIP"),
      nodeAddress(obj, "ExternalIP"),
      str(info, "osImage") || "<unknown>",
      str(info, "kernelVersion") || "<unknown>",
      str(info, "containerRuntimeVersion") || "<unknown>",
    ];
  },
};

export const namespacePrinter: KindPrinter = {
  columns: [nameColumn(), col("Status", "string", "The status of the namespace"), ageColumn()],
  print: (obj, now) => [name(obj), str(obj, "status", "phase"), age(obj, now)],
};

export const secretPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Type", "string", swaggerDoc("core/v1.Secret.type")),
    col("Data", "string", swaggerDoc("core/v1.Secret.data")),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), str(obj, "type"), keyCount(obj, "data"), age(obj, now)],
};

export const serviceAccountPrinter: KindPrinter = {
  columns: [nameColumn(), col("Secrets", "string", swaggerDoc("core/v1.ServiceAccount.secrets")), ageColumn()],
  print: (obj, now) => [name(obj), arr(obj, "secrets").length, age(obj, now)],
};

/** upstream: helper.GetAccessModesAsString: fixed order RWO, ROX, RWX, RWOP. */
export function accessModesString(modes: unknown[]): string {
  const has = new Set(modes.map(String));
  const out: string[] = [];
  if (has.has("ReadWriteOnce")) out.push("RWO");
  if (has.has("ReadOnlyMany")) out.push("ROX");
  if (has.has("ReadWriteMany")) out.push("RWX");
  if (has.has("ReadWriteOncePod")) out.push("RWOP");
  return out.join(",");
}

const BETA_STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

/** upstream: helper.GetPersistentVolumeClass / GetPersistentVolumeClaimClass. */
function storageClassOf(obj: KObject): string {
  const annotations = obj.metadata?.annotations;
  if (annotations && Object.prototype.hasOwnProperty.call(annotations, BETA_STORAGE_CLASS_ANNOTATION)) {
    return annotations[BETA_STORAGE_CLASS_ANNOTATION];
  }
  return str(obj, "spec", "storageClassName");
}

const deleting = (obj: KObject) => obj.metadata?.deletionTimestamp !== undefined && obj.metadata?.deletionTimestamp !== null;

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Capacity", "string", swaggerDoc("core/v1.PersistentVolumeSpec.capacity")),
    col("Access Modes", "string", swaggerDoc("core/v1.PersistentVolumeSpec.accessModes")),
    col("Reclaim Policy", "string", swaggerDoc("core/v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy")),
    col("Status", "string", swaggerDoc("core/v1.PersistentVolumeStatus.phase")),
    col("Claim", "string", swaggerDoc("core/v1.PersistentVolumeSpec.claimRef")),
    col("StorageClass", "string", "StorageClass of the pv"),
    col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
    col("Reason", "string", swaggerDoc("core/v1.PersistentVolumeStatus.reason")),
    ageColumn(),
    col("VolumeMode", "string", swaggerDoc("core/v1.PersistentVolumeSpec.volumeMode"), 1),
  ],
  print(obj, now) {
    const claimRef = get(obj, "spec", "claimRef");
    const claim = isMap(claimRef) ? `${str(claimRef, "namespace")}/${str(claimRef, "name")}` : "";
    return [
      name(obj),
      quantity(get(obj, "spec", "capacity", "storage")),
      accessModesString(arr(obj, "spec", "accessModes")),
      str(obj, "spec", "persistentVolumeReclaimPolicy"),
      deleting(obj) ? "Terminating" : str(obj, "status", "phase"),
      claim,
      storageClassOf(obj),
      str(obj, "spec", "volumeAttributesClassName") || "<unset>",
      str(obj, "status", "reason"),
      age(obj, now),
      str(obj, "spec", "volumeMode") || "<unset>",
    ];
  },
};

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Status", "string", swaggerDoc("core/v1.PersistentVolumeClaimStatus.phase")),
    col("Volume", "string", swaggerDoc("core/v1.PersistentVolumeClaimSpec.volumeName")),
    col("Capacity", "string", swaggerDoc("core/v1.PersistentVolumeClaimStatus.capacity")),
    col("Access Modes", "string", swaggerDoc("core/v1.PersistentVolumeClaimStatus.accessModes")),
    col("StorageClass", "string", "StorageClass of the pvc"),
    col("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
    ageColumn(),
    col("VolumeMode", "string", swaggerDoc("core/v1.PersistentVolumeClaimSpec.volumeMode"), 1),
  ],
  print(obj, now) {
    const volumeName = str(obj, "spec", "volumeName");
    // Capacity and access modes show only once the claim is bound to a volume.
    const capacity = volumeName !== "" ? quantity(get(obj, "status", "capacity", "storage")) : "";
    const accessModes = volumeName !== "" ? accessModesString(arr(obj, "status", "accessModes")) : "";
    return [
      name(obj),
      deleting(obj) ? "Terminating" : str(obj, "status", "phase"),
      volumeName,
      capacity,
      accessModes,
      storageClassOf(obj),
      str(obj, "spec", "volumeAttributesClassName") || "<unset>",
      age(obj, now),
      str(obj, "spec", "volumeMode") || "<unset>",
    ];
  },
};

export const componentStatusPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Status", "string", "Status of the component conditions"),
    col("Message", "string", "Message of the component conditions"),
    col("Error", "string", "Error of the component conditions"),
  ],
  print(obj) {
    let status = "Unknown";
    let message = "";
    let error = "";
    for (const c of arr(obj, "conditions")) {
      if (str(c, "type") === "Healthy") {
        status = str(c, "status") === "True" ? "Healthy" : "Unhealthy";
        message = str(c, "message");
        error = str(c, "error");
        break;
      }
    }
    return [name(obj), status, message, error];
  },
};

export const configMapPrinter: KindPrinter = {
  columns: [nameColumn(), col("Data", "string", swaggerDoc("core/v1.ConfigMap.data")), ageColumn()],
  print: (obj, now) => [name(obj), keyCount(obj, "data") + keyCount(obj, "binaryData"), age(obj, now)],
};

export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
    col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    ageColumn(),
  ],
  print(obj, now) {
    const hard = map(obj, "status", "hard");
    const used = map(obj, "status", "used");
    const request: string[] = [];
    const limit: string[] = [];
    for (const resource of Object.keys(hard).sort(compareGo)) {
      const pieces = resource.split(".");
      const target = pieces.length > 1 && pieces[0] === "limits" ? limit : request;
      target.push(`${resource}: ${quantity(used[resource])}/${quantity(hard[resource])}`);
    }
    return [name(obj), request.join(", "), limit.join(", "), age(obj, now)];
  },
};

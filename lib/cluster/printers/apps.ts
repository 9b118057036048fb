// apps/v1 kinds: follows printReplicaSet, printDaemonSet, printDeployment, printStatefulSet and
// printControllerRevision in kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, containersColumn, imagesColumn, nameColumn, swaggerDoc } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, get, name, num } from "./fields";
import { formatLabels, formatLabelSelector, labelSelectorString } from "./labels";
import { layoutContainerCells } from "./core";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);
const containers = (obj: KObject) => layoutContainerCells(arr(obj, "spec", "template", "spec", "containers"));

export const replicaSetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Desired", "integer", swaggerDoc("extensions/v1beta1.ReplicaSetSpec.replicas")),
    col("Current", "integer", swaggerDoc("extensions/v1beta1.ReplicaSetStatus.replicas")),
    col("Ready", "integer", swaggerDoc("extensions/v1beta1.ReplicaSetStatus.readyReplicas")),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    col("Selector", "string", swaggerDoc("extensions/v1beta1.ReplicaSetSpec.selector"), 1),
  ],
  print(obj, now) {
    const [names, images] = containers(obj);
    return [
      name(obj),
      num(obj, "spec", "replicas"),
      num(obj, "status", "replicas"),
      num(obj, "status", "readyReplicas"),
      age(obj, now),
      names,
      images,
      formatLabelSelector(get(obj, "spec", "selector")),
    ];
  },
};

export const daemonSetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Desired", "integer", swaggerDoc("extensions/v1beta1.DaemonSetStatus.desiredNumberScheduled")),
    col("Current", "integer", swaggerDoc("extensions/v1beta1.DaemonSetStatus.currentNumberScheduled")),
    col("Ready", "integer", swaggerDoc("extensions/v1beta1.DaemonSetStatus.numberReady")),
    col("Up-to-date", "integer", swaggerDoc("extensions/v1beta1.DaemonSetStatus.updatedNumberScheduled")),
    col("Available", "integer", swaggerDoc("extensions/v1beta1.DaemonSetStatus.numberAvailable")),
    col("Node Selector", "string", swaggerDoc("core/v1.PodSpec.nodeSelector")),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    col("Selector", "string", swaggerDoc("extensions/v1beta1.DaemonSetSpec.selector"), 1),
  ],
  print(obj, now) {
    const [names, images] = containers(obj);
    return [
      name(obj),
      num(obj, "status", "desiredNumberScheduled"),
      num(obj, "status", "currentNumberScheduled"),
      num(obj, "status", "numberReady"),
      num(obj, "status", "updatedNumberScheduled"),
      num(obj, "status", "numberAvailable"),
      formatLabels(get(obj, "spec", "template", "spec", "nodeSelector")),
      age(obj, now),
      names,
      images,
      formatLabelSelector(get(obj, "spec", "selector")),
    ];
  },
};

export const deploymentPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Ready", "string", "Number of the pod with ready state"),
    col("Up-to-date", "string", swaggerDoc("extensions/v1beta1.DeploymentStatus.updatedReplicas")),
    col("Available", "string", swaggerDoc("extensions/v1beta1.DeploymentStatus.availableReplicas")),
    ageColumn(),
    containersColumn(),
    imagesColumn(),
    col("Selector", "string", swaggerDoc("extensions/v1beta1.DeploymentSpec.selector"), 1),
  ],
  print(obj, now) {
    const [names, images] = containers(obj);
    // Unlike the other workloads, an empty selector prints "" here and an invalid one "<invalid>".
    const selector = labelSelectorString(get(obj, "spec", "selector")) ?? "<invalid>";
    return [
      name(obj),
      `${num(obj, "status", "readyReplicas")}/${num(obj, "spec", "replicas")}`,
      num(obj, "status", "updatedReplicas"),
      num(obj, "status", "availableReplicas"),
      age(obj, now),
      names,
      images,
      selector,
    ];
  },
};

export const statefulSetPrinter: KindPrinter = {
  columns: [nameColumn(), col("Ready", "string", "Number of the pod with ready state"), ageColumn(), containersColumn(), imagesColumn()],
  print(obj, now) {
    const [names, images] = containers(obj);
    return [name(obj), `${num(obj, "status", "readyReplicas")}/${num(obj, "spec", "replicas")}`, age(obj, now), names, images];
  },
};

/** upstream: formatResourceName(kind, name, true): "kind.group/name" lower-cased kind part. */
export function formatResourceName(group: string, kind: string, resourceName: string): string {
  if (kind === "" && group === "") return resourceName;
  const gk = group === "" ? kind : `${kind}.${group}`;
  return `${gk.toLowerCase()}/${resourceName}`;
}

export const controllerRevisionPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Controller", "string", "Controller of the object"),
    col("Revision", "string", swaggerDoc("apps/v1beta1.ControllerRevision.revision")),
    ageColumn(),
  ],
  print(obj, now) {
    let controllerName = "<none>";
    const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
    if (ref) {
      const apiVersion = ref.apiVersion ?? "";
      const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
      controllerName = formatResourceName(group, ref.kind, ref.name);
    }
    return [name(obj), controllerName, num(obj, "revision"), age(obj, now)];
  },
};

// Server-side Table printing: the printer registry by (group, kind). Mirrors AddHandlers in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32) plus the two printers that live
// elsewhere upstream (kube-aggregator's APIService, apiextensions' custom resources). Kinds with
// no entry (Role, ClusterRole, LimitRange, CustomResourceDefinition, ...) use defaultPrinter().
import * as admission from "./admission";
import { apiServicePrinter } from "./apiservice";
import * as apps from "./apps";
import * as batch from "./batch";
import * as core from "./core";
import { eventPrinter } from "./event";
import * as flowcontrol from "./flowcontrol";
import { horizontalPodAutoscalerPrinter } from "./hpa";
import * as misc from "./misc";
import * as networking from "./networking";
import { podPrinter } from "./pod";
import { podDisruptionBudgetPrinter } from "./policy";
import * as rbac from "./rbac";
import * as storage from "./storage";
import type { KindPrinter } from "./types";

export type { KindPrinter, TableColumn, TableRowCondition } from "./types";
export { defaultPrinter } from "./default";
export { crdPrinter } from "./crd";

/** "group/Kind" -> printer; group "" is core. */
const PRINTERS: ReadonlyMap<string, KindPrinter> = new Map<string, KindPrinter>([
  ["/Pod", podPrinter],
  ["/PodTemplate", core.podTemplatePrinter],
  ["/ReplicationController", core.replicationControllerPrinter],
  ["/Service", core.servicePrinter],
  ["/Endpoints", core.endpointsPrinter],
  ["/Node", core.nodePrinter],
  ["/Event", eventPrinter],
  ["/Namespace", core.namespacePrinter],
  ["/Secret", core.secretPrinter],
  ["/ServiceAccount", core.serviceAccountPrinter],
  ["/PersistentVolume", core.persistentVolumePrinter],
  ["/PersistentVolumeClaim", core.persistentVolumeClaimPrinter],
  ["/ComponentStatus", core.componentStatusPrinter],
  ["/ConfigMap", core.configMapPrinter],
  ["/ResourceQuota", core.resourceQuotaPrinter],
  ["events.k8s.io/Event", eventPrinter],
  ["policy/PodDisruptionBudget", podDisruptionBudgetPrinter],
  ["apps/ReplicaSet", apps.replicaSetPrinter],
  ["apps/DaemonSet", apps.daemonSetPrinter],
  ["apps/Deployment", apps.deploymentPrinter],
  ["apps/StatefulSet", apps.statefulSetPrinter],
  ["apps/ControllerRevision", apps.controllerRevisionPrinter],
  ["batch/Job", batch.jobPrinter],
  ["batch/CronJob", batch.cronJobPrinter],
  ["autoscaling/HorizontalPodAutoscaler", horizontalPodAutoscalerPrinter],
  ["autoscaling/Scale", misc.scalePrinter],
  ["networking.k8s.io/Ingress", networking.ingressPrinter],
  ["networking.k8s.io/IngressClass", networking.ingressClassPrinter],
  ["networking.k8s.io/NetworkPolicy", networking.networkPolicyPrinter],
  ["networking.k8s.io/ServiceCIDR", networking.serviceCIDRPrinter],
  ["networking.k8s.io/IPAddress", networking.ipAddressPrinter],
  ["discovery.k8s.io/EndpointSlice", networking.endpointSlicePrinter],
  ["rbac.authorization.k8s.io/RoleBinding", rbac.roleBindingPrinter],
  ["rbac.authorization.k8s.io/ClusterRoleBinding", rbac.clusterRoleBindingPrinter],
  ["certificates.k8s.io/CertificateSigningRequest", misc.certificateSigningRequestPrinter],
  ["certificates.k8s.io/ClusterTrustBundle", misc.clusterTrustBundlePrinter],
  ["coordination.k8s.io/Lease", misc.leasePrinter],
  ["coordination.k8s.io/LeaseCandidate", misc.leaseCandidatePrinter],
  ["storage.k8s.io/StorageClass", storage.storageClassPrinter],
  ["storage.k8s.io/VolumeAttributesClass", storage.volumeAttributesClassPrinter],
  ["storage.k8s.io/VolumeAttachment", storage.volumeAttachmentPrinter],
  ["storage.k8s.io/CSINode", storage.csiNodePrinter],
  ["storage.k8s.io/CSIDriver", storage.csiDriverPrinter],
  ["storage.k8s.io/CSIStorageCapacity", storage.csiStorageCapacityPrinter],
  ["scheduling.k8s.io/PriorityClass", misc.priorityClassPrinter],
  ["node.k8s.io/RuntimeClass", misc.runtimeClassPrinter],
  ["resource.k8s.io/DeviceClass", misc.deviceClassPrinter],
  ["resource.k8s.io/ResourceClaim", misc.resourceClaimPrinter],
  ["resource.k8s.io/ResourceClaimTemplate", misc.resourceClaimTemplatePrinter],
  ["resource.k8s.io/ResourceSlice", misc.resourceSlicePrinter],
  ["internal.apiserver.k8s.io/StorageVersion", misc.storageVersionPrinter],
  ["storagemigration.k8s.io/StorageVersionMigration", misc.storageVersionMigrationPrinter],
  ["flowcontrol.apiserver.k8s.io/FlowSchema", flowcontrol.flowSchemaPrinter],
  ["flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration", flowcontrol.priorityLevelConfigurationPrinter],
  ["apiregistration.k8s.io/APIService", apiServicePrinter],
  ["admissionregistration.k8s.io/MutatingWebhookConfiguration", admission.mutatingWebhookConfigurationPrinter],
  ["admissionregistration.k8s.io/ValidatingWebhookConfiguration", admission.validatingWebhookConfigurationPrinter],
  ["admissionregistration.k8s.io/ValidatingAdmissionPolicy", admission.validatingAdmissionPolicyPrinter],
  ["admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding", admission.validatingAdmissionPolicyBindingPrinter],
  ["admissionregistration.k8s.io/MutatingAdmissionPolicy", admission.mutatingAdmissionPolicyPrinter],
  ["admissionregistration.k8s.io/MutatingAdmissionPolicyBinding", admission.mutatingAdmissionPolicyBindingPrinter],
]);

/** The printer upstream registers for a kind, or undefined (then use defaultPrinter()). */
export function printerFor(group: string, kind: string): KindPrinter | undefined {
  return PRINTERS.get(`${group}/${kind}`);
}

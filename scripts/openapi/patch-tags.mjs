// Strategic-merge and server-side-apply markers of the built-in definitions, as facts copied
// from the Go struct tags and comment markers of k8s.io/api v0.32.3 (<group>/<version>/types.go),
// k8s.io/apimachinery v0.32.3 (pkg/apis/meta/v1/types.go), k8s.io/apiextensions-apiserver
// (pkg/apis/apiextensions/v1/types*.go) and k8s.io/kube-aggregator (pkg/apis/apiregistration/v1),
// fields of inlined embedded structs included, as openapi-gen flattens them:
//   `patchStrategy:"..."` -> x-kubernetes-patch-strategy   `patchMergeKey:"..."` -> x-kubernetes-patch-merge-key
//   +listType=...        -> x-kubernetes-list-type        +listMapKey=... (each) -> x-kubernetes-list-map-keys
//   +mapType / +structType=... -> x-kubernetes-map-type (on the definition itself for ".")
// client-node's generated models carry none of these. Each entry: definition -> JSON field ->
// [patchStrategy, patchMergeKey, listType, listMapKeys, mapType] (trailing unset ones omitted).
const u = undefined;

/** @type {Record<string, Record<string, [string?, string?, string?, string[]?, string?]>>} */
export const PATCH_TAGS = {
  // io.k8s.api.admissionregistration.v1
  "io.k8s.api.admissionregistration.v1.MatchResources": {
    ".": [u, u, u, u, "atomic"],
    "excludeResourceRules": [u, u, "atomic"],
    "resourceRules": [u, u, "atomic"],
  },
  "io.k8s.api.admissionregistration.v1.MutatingWebhook": {
    "admissionReviewVersions": [u, u, "atomic"],
    "matchConditions": ["merge", "name", "map", ["name"]],
    "rules": [u, u, "atomic"],
  },
  "io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration": { "webhooks": ["merge", "name", "map", ["name"]] },
  "io.k8s.api.admissionregistration.v1.NamedRuleWithOperations": {
    ".": [u, u, u, u, "atomic"],
    "apiGroups": [u, u, "atomic"],
    "apiVersions": [u, u, "atomic"],
    "operations": [u, u, "atomic"],
    "resourceNames": [u, u, "atomic"],
    "resources": [u, u, "atomic"],
  },
  "io.k8s.api.admissionregistration.v1.ParamKind": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.admissionregistration.v1.ParamRef": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.admissionregistration.v1.Rule": {
    "apiGroups": [u, u, "atomic"],
    "apiVersions": [u, u, "atomic"],
    "resources": [u, u, "atomic"],
  },
  "io.k8s.api.admissionregistration.v1.RuleWithOperations": {
    "apiGroups": [u, u, "atomic"],
    "apiVersions": [u, u, "atomic"],
    "operations": [u, u, "atomic"],
    "resources": [u, u, "atomic"],
  },
  "io.k8s.api.admissionregistration.v1.TypeChecking": { "expressionWarnings": [u, u, "atomic"] },
  "io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec": { "validationActions": [u, u, "set"] },
  "io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec": {
    "auditAnnotations": [u, u, "atomic"],
    "matchConditions": ["merge", "name", "map", ["name"]],
    "validations": [u, u, "atomic"],
    "variables": ["merge", "name", "map", ["name"]],
  },
  "io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus": { "conditions": [u, u, "map", ["type"]] },
  "io.k8s.api.admissionregistration.v1.ValidatingWebhook": {
    "admissionReviewVersions": [u, u, "atomic"],
    "matchConditions": ["merge", "name", "map", ["name"]],
    "rules": [u, u, "atomic"],
  },
  "io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration": { "webhooks": ["merge", "name", "map", ["name"]] },
  "io.k8s.api.admissionregistration.v1.Variable": { ".": [u, u, u, u, "atomic"] },
  // io.k8s.api.apps.v1
  "io.k8s.api.apps.v1.DaemonSetStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.apps.v1.DeploymentSpec": { "strategy": ["retainKeys"] },
  "io.k8s.api.apps.v1.DeploymentStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.apps.v1.ReplicaSetStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.apps.v1.StatefulSetSpec": { "volumeClaimTemplates": [u, u, "atomic"] },
  "io.k8s.api.apps.v1.StatefulSetStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  // io.k8s.api.authentication.v1
  "io.k8s.api.authentication.v1.TokenRequestSpec": { "audiences": [u, u, "atomic"] },
  "io.k8s.api.authentication.v1.TokenReviewSpec": { "audiences": [u, u, "atomic"] },
  "io.k8s.api.authentication.v1.TokenReviewStatus": { "audiences": [u, u, "atomic"] },
  "io.k8s.api.authentication.v1.UserInfo": { "groups": [u, u, "atomic"] },
  // io.k8s.api.authorization.v1
  "io.k8s.api.authorization.v1.FieldSelectorAttributes": { "requirements": [u, u, "atomic"] },
  "io.k8s.api.authorization.v1.LabelSelectorAttributes": { "requirements": [u, u, "atomic"] },
  "io.k8s.api.authorization.v1.NonResourceRule": { "nonResourceURLs": [u, u, "atomic"], "verbs": [u, u, "atomic"] },
  "io.k8s.api.authorization.v1.ResourceRule": {
    "apiGroups": [u, u, "atomic"],
    "resourceNames": [u, u, "atomic"],
    "resources": [u, u, "atomic"],
    "verbs": [u, u, "atomic"],
  },
  "io.k8s.api.authorization.v1.SubjectAccessReviewSpec": { "groups": [u, u, "atomic"] },
  "io.k8s.api.authorization.v1.SubjectRulesReviewStatus": {
    "nonResourceRules": [u, u, "atomic"],
    "resourceRules": [u, u, "atomic"],
  },
  // io.k8s.api.autoscaling.v1
  "io.k8s.api.autoscaling.v1.CrossVersionObjectReference": { ".": [u, u, u, u, "atomic"] },
  // io.k8s.api.autoscaling.v2
  "io.k8s.api.autoscaling.v2.HPAScalingRules": { "policies": [u, u, "atomic"] },
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec": { "metrics": [u, u, "atomic"] },
  "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus": {
    "conditions": ["merge", "type", "map", ["type"]],
    "currentMetrics": [u, u, "atomic"],
  },
  // io.k8s.api.batch.v1
  "io.k8s.api.batch.v1.CronJobStatus": { "active": [u, u, "atomic"] },
  "io.k8s.api.batch.v1.JobStatus": { "conditions": ["merge", "type", "atomic"] },
  "io.k8s.api.batch.v1.PodFailurePolicy": { "rules": [u, u, "atomic"] },
  "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement": { "values": [u, u, "set"] },
  "io.k8s.api.batch.v1.PodFailurePolicyRule": { "onPodConditions": [u, u, "atomic"] },
  "io.k8s.api.batch.v1.SuccessPolicy": { "rules": [u, u, "atomic"] },
  "io.k8s.api.batch.v1.UncountedTerminatedPods": { "failed": [u, u, "set"], "succeeded": [u, u, "set"] },
  // io.k8s.api.certificates.v1
  "io.k8s.api.certificates.v1.CertificateSigningRequestSpec": {
    "groups": [u, u, "atomic"],
    "request": [u, u, "atomic"],
    "usages": [u, u, "atomic"],
  },
  "io.k8s.api.certificates.v1.CertificateSigningRequestStatus": {
    "certificate": [u, u, "atomic"],
    "conditions": [u, u, "map", ["type"]],
  },
  // io.k8s.api.core.v1
  "io.k8s.api.core.v1.AvoidPods": { "preferAvoidPods": [u, u, "atomic"] },
  "io.k8s.api.core.v1.Capabilities": { "add": [u, u, "atomic"], "drop": [u, u, "atomic"] },
  "io.k8s.api.core.v1.CephFSPersistentVolumeSource": { "monitors": [u, u, "atomic"] },
  "io.k8s.api.core.v1.CephFSVolumeSource": { "monitors": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ComponentStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.core.v1.ConfigMapEnvSource": {  },
  "io.k8s.api.core.v1.ConfigMapKeySelector": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.ConfigMapProjection": { "items": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ConfigMapVolumeSource": { "items": [u, u, "atomic"] },
  "io.k8s.api.core.v1.Container": {
    "args": [u, u, "atomic"],
    "command": [u, u, "atomic"],
    "env": ["merge", "name", "map", ["name"]],
    "envFrom": [u, u, "atomic"],
    "ports": ["merge", "containerPort", "map", ["containerPort", "protocol"]],
    "resizePolicy": [u, u, "atomic"],
    "volumeDevices": ["merge", "devicePath", "map", ["devicePath"]],
    "volumeMounts": ["merge", "mountPath", "map", ["mountPath"]],
  },
  "io.k8s.api.core.v1.ContainerImage": { "names": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ContainerStatus": {
    "allocatedResourcesStatus": ["merge", "name", "map", ["name"]],
    "volumeMounts": ["merge", "mountPath", "map", ["mountPath"]],
  },
  "io.k8s.api.core.v1.DownwardAPIProjection": { "items": [u, u, "atomic"] },
  "io.k8s.api.core.v1.DownwardAPIVolumeSource": { "items": [u, u, "atomic"] },
  "io.k8s.api.core.v1.EndpointAddress": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.EndpointPort": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.EndpointSubset": {
    "addresses": [u, u, "atomic"],
    "notReadyAddresses": [u, u, "atomic"],
    "ports": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.Endpoints": { "subsets": [u, u, "atomic"] },
  "io.k8s.api.core.v1.EphemeralContainer": {
    "args": [u, u, "atomic"],
    "command": [u, u, "atomic"],
    "env": ["merge", "name", "map", ["name"]],
    "envFrom": [u, u, "atomic"],
    "ports": ["merge", "containerPort", "map", ["containerPort", "protocol"]],
    "resizePolicy": [u, u, "atomic"],
    "volumeDevices": ["merge", "devicePath", "map", ["devicePath"]],
    "volumeMounts": ["merge", "mountPath", "map", ["mountPath"]],
  },
  "io.k8s.api.core.v1.EphemeralContainerCommon": {
    "args": [u, u, "atomic"],
    "command": [u, u, "atomic"],
    "env": ["merge", "name", "map", ["name"]],
    "envFrom": [u, u, "atomic"],
    "ports": ["merge", "containerPort", "map", ["containerPort", "protocol"]],
    "resizePolicy": [u, u, "atomic"],
    "volumeDevices": ["merge", "devicePath", "map", ["devicePath"]],
    "volumeMounts": ["merge", "mountPath", "map", ["mountPath"]],
  },
  "io.k8s.api.core.v1.ExecAction": { "command": [u, u, "atomic"] },
  "io.k8s.api.core.v1.FCVolumeSource": { "targetWWNs": [u, u, "atomic"], "wwids": [u, u, "atomic"] },
  "io.k8s.api.core.v1.HTTPGetAction": { "httpHeaders": [u, u, "atomic"] },
  "io.k8s.api.core.v1.HostAlias": { "hostnames": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ISCSIPersistentVolumeSource": { "portals": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ISCSIVolumeSource": { "portals": [u, u, "atomic"] },
  "io.k8s.api.core.v1.LimitRangeSpec": { "limits": [u, u, "atomic"] },
  "io.k8s.api.core.v1.LinuxContainerUser": { "supplementalGroups": [u, u, "atomic"] },
  "io.k8s.api.core.v1.LoadBalancerIngress": { "ports": [u, u, "atomic"] },
  "io.k8s.api.core.v1.LoadBalancerStatus": { "ingress": [u, u, "atomic"] },
  "io.k8s.api.core.v1.LocalObjectReference": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.NamespaceSpec": { "finalizers": [u, u, "atomic"] },
  "io.k8s.api.core.v1.NamespaceStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.core.v1.NodeAffinity": { "preferredDuringSchedulingIgnoredDuringExecution": [u, u, "atomic"] },
  "io.k8s.api.core.v1.NodeSelector": { ".": [u, u, u, u, "atomic"], "nodeSelectorTerms": [u, u, "atomic"] },
  "io.k8s.api.core.v1.NodeSelectorRequirement": { "values": [u, u, "atomic"] },
  "io.k8s.api.core.v1.NodeSelectorTerm": {
    ".": [u, u, u, u, "atomic"],
    "matchExpressions": [u, u, "atomic"],
    "matchFields": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.NodeSpec": { "podCIDRs": ["merge", u, "set"], "taints": [u, u, "atomic"] },
  "io.k8s.api.core.v1.NodeStatus": {
    "addresses": ["merge", "type", "map", ["type"]],
    "conditions": ["merge", "type", "map", ["type"]],
    "images": [u, u, "atomic"],
    "runtimeHandlers": [u, u, "atomic"],
    "volumesAttached": [u, u, "atomic"],
    "volumesInUse": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.ObjectFieldSelector": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.ObjectReference": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.PersistentVolumeClaimSpec": { "accessModes": [u, u, "atomic"] },
  "io.k8s.api.core.v1.PersistentVolumeClaimStatus": {
    "accessModes": [u, u, "atomic"],
    "allocatedResourceStatuses": [u, u, u, u, "granular"],
    "conditions": ["merge", "type", "map", ["type"]],
  },
  "io.k8s.api.core.v1.PersistentVolumeSpec": { "accessModes": [u, u, "atomic"], "mountOptions": [u, u, "atomic"] },
  "io.k8s.api.core.v1.PodAffinity": {
    "preferredDuringSchedulingIgnoredDuringExecution": [u, u, "atomic"],
    "requiredDuringSchedulingIgnoredDuringExecution": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.PodAffinityTerm": {
    "matchLabelKeys": [u, u, "atomic"],
    "mismatchLabelKeys": [u, u, "atomic"],
    "namespaces": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.PodAntiAffinity": {
    "preferredDuringSchedulingIgnoredDuringExecution": [u, u, "atomic"],
    "requiredDuringSchedulingIgnoredDuringExecution": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.PodDNSConfig": {
    "nameservers": [u, u, "atomic"],
    "options": [u, u, "atomic"],
    "searches": [u, u, "atomic"],
  },
  "io.k8s.api.core.v1.PodExecOptions": { "command": [u, u, "atomic"] },
  "io.k8s.api.core.v1.PodPortForwardOptions": { "ports": [u, u, "atomic"] },
  "io.k8s.api.core.v1.PodSecurityContext": { "supplementalGroups": [u, u, "atomic"], "sysctls": [u, u, "atomic"] },
  "io.k8s.api.core.v1.PodSpec": {
    "containers": ["merge", "name", "map", ["name"]],
    "ephemeralContainers": ["merge", "name", "map", ["name"]],
    "hostAliases": ["merge", "ip", "map", ["ip"]],
    "imagePullSecrets": ["merge", "name", "map", ["name"]],
    "initContainers": ["merge", "name", "map", ["name"]],
    "nodeSelector": [u, u, u, u, "atomic"],
    "readinessGates": [u, u, "atomic"],
    "resourceClaims": ["merge,retainKeys", "name", "map", ["name"]],
    "schedulingGates": ["merge", "name", "map", ["name"]],
    "tolerations": [u, u, "atomic"],
    "topologySpreadConstraints": ["merge", "topologyKey", "map", ["topologyKey", "whenUnsatisfiable"]],
    "volumes": ["merge,retainKeys", "name", "map", ["name"]],
  },
  "io.k8s.api.core.v1.PodStatus": {
    "conditions": ["merge", "type", "map", ["type"]],
    "containerStatuses": [u, u, "atomic"],
    "ephemeralContainerStatuses": [u, u, "atomic"],
    "hostIPs": ["merge", "ip", "atomic"],
    "initContainerStatuses": [u, u, "atomic"],
    "podIPs": ["merge", "ip", "map", ["ip"]],
    "resourceClaimStatuses": ["merge,retainKeys", "name", "map", ["name"]],
  },
  "io.k8s.api.core.v1.ProjectedVolumeSource": { "sources": [u, u, "atomic"] },
  "io.k8s.api.core.v1.RBDPersistentVolumeSource": { "monitors": [u, u, "atomic"] },
  "io.k8s.api.core.v1.RBDVolumeSource": { "monitors": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ReplicationControllerSpec": { "selector": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.ReplicationControllerStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.core.v1.ResourceFieldSelector": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.ResourceQuotaSpec": { "scopes": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ResourceRequirements": { "claims": [u, u, "map", ["name"]] },
  "io.k8s.api.core.v1.ResourceStatus": { "resources": [u, u, "map", ["resourceID"]] },
  "io.k8s.api.core.v1.ScopeSelector": { ".": [u, u, u, u, "atomic"], "matchExpressions": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ScopedResourceSelectorRequirement": { "values": [u, u, "atomic"] },
  "io.k8s.api.core.v1.SecretEnvSource": {  },
  "io.k8s.api.core.v1.SecretKeySelector": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.SecretProjection": { "items": [u, u, "atomic"] },
  "io.k8s.api.core.v1.SecretReference": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.core.v1.SecretVolumeSource": { "items": [u, u, "atomic"] },
  "io.k8s.api.core.v1.ServiceAccount": {
    "imagePullSecrets": [u, u, "atomic"],
    "secrets": ["merge", "name", "map", ["name"]],
  },
  "io.k8s.api.core.v1.ServiceSpec": {
    "clusterIPs": [u, u, "atomic"],
    "externalIPs": [u, u, "atomic"],
    "ipFamilies": [u, u, "atomic"],
    "loadBalancerSourceRanges": [u, u, "atomic"],
    "ports": ["merge", "port", "map", ["port", "protocol"]],
    "selector": [u, u, u, u, "atomic"],
  },
  "io.k8s.api.core.v1.ServiceStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.core.v1.TopologySelectorLabelRequirement": { "values": [u, u, "atomic"] },
  "io.k8s.api.core.v1.TopologySelectorTerm": { ".": [u, u, u, u, "atomic"], "matchLabelExpressions": [u, u, "atomic"] },
  "io.k8s.api.core.v1.TopologySpreadConstraint": { "matchLabelKeys": [u, u, "atomic"] },
  "io.k8s.api.core.v1.TypedLocalObjectReference": { ".": [u, u, u, u, "atomic"] },
  // io.k8s.api.discovery.v1
  "io.k8s.api.discovery.v1.Endpoint": { "addresses": [u, u, "set"] },
  "io.k8s.api.discovery.v1.EndpointHints": { "forZones": [u, u, "atomic"] },
  "io.k8s.api.discovery.v1.EndpointPort": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.discovery.v1.EndpointSlice": { "endpoints": [u, u, "atomic"], "ports": [u, u, "atomic"] },
  // io.k8s.api.flowcontrol.v1
  "io.k8s.api.flowcontrol.v1.FlowSchemaSpec": { "rules": [u, u, "atomic"] },
  "io.k8s.api.flowcontrol.v1.FlowSchemaStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.flowcontrol.v1.NonResourcePolicyRule": { "nonResourceURLs": [u, u, "set"], "verbs": [u, u, "set"] },
  "io.k8s.api.flowcontrol.v1.PolicyRulesWithSubjects": {
    "nonResourceRules": [u, u, "atomic"],
    "resourceRules": [u, u, "atomic"],
    "subjects": [u, u, "atomic"],
  },
  "io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  "io.k8s.api.flowcontrol.v1.ResourcePolicyRule": {
    "apiGroups": [u, u, "set"],
    "namespaces": [u, u, "set"],
    "resources": [u, u, "set"],
    "verbs": [u, u, "set"],
  },
  // io.k8s.api.networking.v1
  "io.k8s.api.networking.v1.HTTPIngressRuleValue": { "paths": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.IPBlock": { "except": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.IngressLoadBalancerIngress": { "ports": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.IngressLoadBalancerStatus": { "ingress": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.IngressSpec": { "rules": [u, u, "atomic"], "tls": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.IngressTLS": { "hosts": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.NetworkPolicyEgressRule": { "ports": [u, u, "atomic"], "to": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.NetworkPolicyIngressRule": { "from": [u, u, "atomic"], "ports": [u, u, "atomic"] },
  "io.k8s.api.networking.v1.NetworkPolicySpec": {
    "egress": [u, u, "atomic"],
    "ingress": [u, u, "atomic"],
    "policyTypes": [u, u, "atomic"],
  },
  "io.k8s.api.networking.v1.ServiceBackendPort": { ".": [u, u, u, u, "atomic"] },
  // io.k8s.api.node.v1
  "io.k8s.api.node.v1.Scheduling": { "nodeSelector": [u, u, u, u, "atomic"], "tolerations": [u, u, "atomic"] },
  // io.k8s.api.policy.v1
  "io.k8s.api.policy.v1.PodDisruptionBudgetSpec": { "selector": ["replace"] },
  "io.k8s.api.policy.v1.PodDisruptionBudgetStatus": { "conditions": ["merge", "type", "map", ["type"]] },
  // io.k8s.api.rbac.v1
  "io.k8s.api.rbac.v1.AggregationRule": { "clusterRoleSelectors": [u, u, "atomic"] },
  "io.k8s.api.rbac.v1.ClusterRole": { "rules": [u, u, "atomic"] },
  "io.k8s.api.rbac.v1.ClusterRoleBinding": { "subjects": [u, u, "atomic"] },
  "io.k8s.api.rbac.v1.PolicyRule": {
    "apiGroups": [u, u, "atomic"],
    "nonResourceURLs": [u, u, "atomic"],
    "resourceNames": [u, u, "atomic"],
    "resources": [u, u, "atomic"],
    "verbs": [u, u, "atomic"],
  },
  "io.k8s.api.rbac.v1.Role": { "rules": [u, u, "atomic"] },
  "io.k8s.api.rbac.v1.RoleBinding": { "subjects": [u, u, "atomic"] },
  "io.k8s.api.rbac.v1.RoleRef": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.api.rbac.v1.Subject": { ".": [u, u, u, u, "atomic"] },
  // io.k8s.api.storage.v1
  "io.k8s.api.storage.v1.CSIDriverSpec": { "tokenRequests": [u, u, "atomic"], "volumeLifecycleModes": [u, u, "set"] },
  "io.k8s.api.storage.v1.CSINodeDriver": { "topologyKeys": [u, u, "atomic"] },
  "io.k8s.api.storage.v1.CSINodeSpec": { "drivers": ["merge", "name", "map", ["name"]] },
  "io.k8s.api.storage.v1.StorageClass": { "allowedTopologies": [u, u, "atomic"], "mountOptions": [u, u, "atomic"] },
  // io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ConversionRequest": { "objects": [u, u, "atomic"] },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ConversionResponse": { "convertedObjects": [u, u, "atomic"] },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames": {
    "categories": [u, u, "atomic"],
    "shortNames": [u, u, "atomic"],
  },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec": { "versions": [u, u, "atomic"] },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus": {
    "conditions": [u, u, "map", ["type"]],
    "storedVersions": [u, u, "atomic"],
  },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion": {
    "additionalPrinterColumns": [u, u, "atomic"],
    "selectableFields": [u, u, "atomic"],
  },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps": {
    "allOf": [u, u, "atomic"],
    "anyOf": [u, u, "atomic"],
    "enum": [u, u, "atomic"],
    "oneOf": [u, u, "atomic"],
    "required": [u, u, "atomic"],
    "x-kubernetes-list-map-keys": [u, u, "atomic"],
    "x-kubernetes-validations": ["merge", "rule", "map", ["rule"]],
  },
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.WebhookConversion": {
    "conversionReviewVersions": [u, u, "atomic"],
  },
  // io.k8s.apimachinery.pkg.apis.meta.v1
  "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup": {
    "serverAddressByClientCIDRs": [u, u, "atomic"],
    "versions": [u, u, "atomic"],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList": { "groups": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.APIResource": {
    "categories": [u, u, "atomic"],
    "shortNames": [u, u, "atomic"],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList": { "resources": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions": {
    "serverAddressByClientCIDRs": [u, u, "atomic"],
    "versions": [u, u, "atomic"],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.ApplyOptions": { "dryRun": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.CreateOptions": { "dryRun": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions": { "dryRun": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement": { "values": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector": {
    ".": [u, u, u, u, "atomic"],
    "matchExpressions": [u, u, "atomic"],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement": { "values": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {
    "finalizers": ["merge", u, "set"],
    "managedFields": [u, u, "atomic"],
    "ownerReferences": ["merge", "uid", "map", ["uid"]],
  },
  "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": { ".": [u, u, u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.PatchOptions": { "dryRun": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.RootPaths": { "paths": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.Status": { "details": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails": { "causes": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.Table": { "columnDefinitions": [u, u, "atomic"], "rows": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.TableRow": { "cells": [u, u, "atomic"], "conditions": [u, u, "atomic"] },
  "io.k8s.apimachinery.pkg.apis.meta.v1.UpdateOptions": { "dryRun": [u, u, "atomic"] },
  // io.k8s.kube-aggregator.pkg.apis.apiregistration.v1
  "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceSpec": { "caBundle": [u, u, "atomic"] },
  "io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceStatus": { "conditions": ["merge", "type", "map", ["type"]] },
};

const EXTENSIONS = ["x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type"];

/** The extensions of one field ("." for the definition itself), as swagger.json spells them. */
export function patchExtensions(definition, field) {
  const tags = PATCH_TAGS[definition]?.[field];
  const out = {};
  if (!tags) return out;
  tags.forEach((v, i) => {
    if (v !== undefined) out[EXTENSIONS[i]] = Array.isArray(v) ? [...v] : v;
  });
  return out;
}

// Output options and selectors: printed by kubectl from what the server returns (objects for
// -o json|yaml|jsonpath|custom-columns|name, server-side Tables otherwise).
import type { Group } from "../types.js";

const P = "kubernetes pkg/printers/internalversion/printers.go";
const PRINT = "kubectl cli-runtime pkg/printers";

export const output: Group = {
  name: "output",
  cases: [
    { id: "label-selector", run: "kubectl get pods -n kube-system -l k8s-app=kube-dns", source: `${P} printPod; cluster-spec.md (coredns, 2 replicas, k8s-app=kube-dns)` },
    { id: "set-based-selector", run: "kubectl get pods -n kube-system -l 'component in (etcd,kube-scheduler)'", source: `${P} printPod; kubeadm static pod labels (component, tier)` },
    { id: "selector-no-match", run: "kubectl get pods -l app=nothing", source: 'kubectl get.go: "No resources found in default namespace."' },
    { id: "field-selector-node", run: "kubectl get pods -A --field-selector spec.nodeName=controlplane -o name | sort", source: "pkg/registry/core/pod/strategy.go PodToSelectableFields (spec.nodeName)" },
    { id: "field-selector-phase", run: "kubectl get pods -A --field-selector status.phase=Succeeded", source: "pod strategy status.phase field; printPod (Completed)" },
    { id: "field-selector-invalid", run: "kubectl get pods --field-selector spec.foo=bar", source: 'apimachinery field selector conversion: field label not supported: spec.foo' },
    { id: "show-labels", run: "kubectl get pods -n kube-system -l component=etcd --show-labels", source: `${P} printPod + kubectl LABELS column; kubeadm's etcd static pod labels` },
    { id: "label-columns", run: "kubectl get nodes -L node-role.kubernetes.io/control-plane -L kubernetes.io/os", source: "kubectl -L adds one upper-cased column per key (last path segment)" },
    { id: "namespaces-name", run: "kubectl get ns -o name", source: `${PRINT} name printer (<kind>/<name>)` },
    { id: "deploy-name", run: "kubectl get deploy -n kube-system -o name", source: `${PRINT} name printer (deployment.apps/<name>)` },
    { id: "svc-json", run: "kubectl get svc kubernetes -o json", source: "pkg/controlplane/controller/kubernetesservice (the kubernetes Service: port https 443 -> 6443, labels component/provider)" },
    { id: "svc-yaml", run: "kubectl get svc kube-dns -n kube-system -o yaml", source: "kubeadm's CoreDNS Service manifest (cmd/kubeadm/app/phases/addons/dns/manifests.go) after defaulting" },
    { id: "jsonpath-taints", run: "kubectl get node controlplane -o jsonpath='{.spec.taints}'; echo", source: "kubeadm's control-plane taint (node-role.kubernetes.io/control-plane:NoSchedule)" },
    { id: "jsonpath-range", run: `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.addresses[?(@.type=="InternalIP")].address}{"\\t"}{.spec.podCIDR}{"\\n"}{end}'`, source: "cluster-spec.md Nodes table (InternalIP, pod CIDR)" },
    { id: "custom-columns", run: "kubectl get nodes -o custom-columns=NAME:.metadata.name,CIDR:.spec.podCIDR,KUBELET:.status.nodeInfo.kubeletVersion,RUNTIME:.status.nodeInfo.containerRuntimeVersion", source: "cluster-spec.md Nodes (kubelet v1.32.3, containerd 1.7.x)" },
    { id: "sort-by", run: "kubectl get pods -n kube-system --sort-by=.metadata.name -o custom-columns=NAME:.metadata.name,PRIORITY:.spec.priorityClassName", source: "kubeadm static pods and add-ons priorityClassName (system-node-critical / system-cluster-critical)" },
    { id: "no-headers", run: "kubectl get ns --no-headers", extra: [[/ \d+[smhd]$/, " <age>"]], source: `${P} printNamespace without the header row` },
    { id: "cm-data", run: "kubectl get cm coredns -n kube-system -o jsonpath='{.data.Corefile}'", source: "kubeadm's CoreDNS Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go CoreDNSConfigMap)" },
    { id: "sc-annotation", run: `kubectl get sc standard -o jsonpath='{.metadata.annotations.storageclass\\.kubernetes\\.io/is-default-class} {.provisioner} {.volumeBindingMode} {.reclaimPolicy}'; echo`, source: "cluster-spec.md StorageClass" },
    { id: "go-template", run: `kubectl get ns default -o go-template='{{.metadata.name}} {{.status.phase}}{{"\\n"}}'`, source: "namespace status.phase Active" },
    { id: "watch", run: "timeout 2 kubectl get ns default -w; echo rc=$?", source: `${P} printNamespace; kubectl get -w prints the table then waits (timeout exits 124)` },
  ],
};

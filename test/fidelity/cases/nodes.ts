// Labels, annotations, taints, cordon and drain: kubectl's own messages.
import type { Group } from "../types.js";

const K = "kubectl pkg/cmd";
const P = "kubernetes pkg/printers/internalversion/printers.go";

export const nodes: Group = {
  name: "nodes",
  cases: [
    { id: "label", run: "kubectl label pod nginx env=prod", source: `${K}/label/label.go (\"pod/nginx labeled\")` },
    { id: "label-conflict", run: "kubectl label pod nginx env=dev", source: `${K}/label/label.go (\"'env' already has a value (prod), and --overwrite is false\")` },
    { id: "label-overwrite", run: "kubectl label pod nginx env=dev --overwrite && kubectl get pod nginx -o custom-columns=LABELS:.metadata.labels", source: `${K}/label/label.go` },
    { id: "unlabel", run: "kubectl label pod nginx env-", source: `${K}/label/label.go (\"pod/nginx unlabeled\")` },
    { id: "annotate", run: "kubectl annotate pod nginx owner=team-a && kubectl get pod nginx -o jsonpath='{.metadata.annotations.owner}'; echo", source: `${K}/annotate/annotate.go (\"pod/nginx annotated\")` },
    { id: "label-node", run: "kubectl label node node01 disk=ssd && kubectl get nodes -l disk=ssd", source: `${K}/label/label.go; ${P} printNode` },
    { id: "taint", run: "kubectl taint node node01 dedicated=infra:NoSchedule", source: `${K}/taint/taint.go (\"node/node01 tainted\")` },
    { id: "taint-again", run: "kubectl taint node node01 dedicated=other:NoSchedule", source: `${K}/taint/taint.go (\"node node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\")` },
    { id: "describe-taints", run: "kubectl describe node node01 | grep -A1 '^Taints'", source: "kubectl pkg/describe/describe.go printNodeTaintsMultiline" },
    { id: "untaint", run: "kubectl taint node node01 dedicated=infra:NoSchedule-", source: `${K}/taint/taint.go (\"node/node01 untainted\")` },
    { id: "untaint-missing", run: "kubectl taint node node01 dedicated:NoSchedule-", source: `${K}/taint/taint.go (\"taint \\\"dedicated:NoSchedule\\\" not found\")` },
    { id: "cordon", run: "kubectl cordon node02 && kubectl get node node02", source: `${K}/drain/drain.go (\"node/node02 cordoned\"); printNode (Ready,SchedulingDisabled)` },
    { id: "cordon-again", run: "kubectl cordon node02", source: "kubectl pkg/drain/cordon.go (\"node/node02 already cordoned\")" },
    { id: "uncordon", run: "kubectl uncordon node02", source: `${K}/drain/drain.go (\"node/node02 uncordoned\")` },
    { id: "drain-daemonsets", run: "kubectl drain node02 2>&1 | grep -o -e '^node/node02 cordoned' -e 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/calico-node-[a-z0-9]*, kube-system/kube-proxy-[a-z0-9]*' -e '^There are pending nodes to be drained:' | sort -u", source: "kubectl pkg/drain/filters.go (cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)) + drain.go's pending-nodes summary" },
    { id: "drain", run: "kubectl drain node02 --ignore-daemonsets --delete-emptydir-data --force --timeout=120s 2>&1 | grep -v -e '^evicting pod' -e ' evicted$'", source: "kubectl pkg/drain (\"Warning: ignoring DaemonSet-managed Pods: ...\", \"evicting pod\", \"pod/... evicted\", \"node/node02 drained\")" },
    { id: "drained-node", run: "kubectl get node node02 && kubectl get pods -A --field-selector spec.nodeName=node02 -o custom-columns=NAMESPACE:.metadata.namespace,OWNER:.metadata.ownerReferences[0].kind --no-headers | sort | uniq -c | awk '{print $1, $2, $3}'", source: "drain leaves only DaemonSet pods" },
    { id: "uncordon-after-drain", run: "kubectl uncordon node02", source: `${K}/drain/drain.go` },
  ],
};

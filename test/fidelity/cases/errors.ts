// Errors: apimachinery's Status messages as kubectl prints them ("Error from server (Reason): ..."),
// and kubectl's own client-side errors; exit code 1.
import type { Group } from "../types.js";

const E = "apimachinery pkg/api/errors (NewNotFound, NewAlreadyExists, NewInvalid) + kubectl cmdutil.CheckErr";

export const errors: Group = {
  name: "errors",
  cases: [
    { id: "not-found", run: "kubectl get pod nope", source: E },
    { id: "not-found-group", run: "kubectl get deployment nope -n kube-system", source: `${E} (qualified resource deployments.apps)` },
    { id: "delete-not-found", run: "kubectl delete svc nope", source: E },
    { id: "already-exists", run: "kubectl create deployment web --image=nginx", source: `${E} (deployments.apps \"web\" already exists)` },
    { id: "unknown-type", run: "kubectl get podz", source: 'kubectl: error: the server doesn\'t have a resource type "podz"' },
    { id: "unknown-flag", run: "kubectl get pods --foo", source: 'cobra: "error: unknown flag: --foo" + "See \'kubectl get --help\' for usage."' },
    { id: "unknown-command", run: "kubectl gett pods", source: 'kubectl: error: unknown command "gett" for "kubectl" + "Did you mean this?"' },
    { id: "invalid-name", run: "kubectl create deployment Web_1 --image=nginx", source: `${E}; pkg/apis/core/validation ValidateObjectMeta (RFC 1123 subdomain message)` },
    { id: "invalid-replicas", run: "kubectl scale deployment web --replicas=-1", source: 'kubectl scale: "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"' },
    { id: "invalid-spec", run: "printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: broken\\nspec:\\n  replicas: -2\\n  selector:\\n    matchLabels: {app: x}\\n  template:\\n    metadata:\\n      labels: {app: z}\\n    spec:\\n      containers:\\n      - name: c\\n        image: nginx\\n' | kubectl apply -f -", source: "pkg/apis/apps/validation ValidateDeployment (spec.replicas >= 0, selector does not match template labels)" },
    { id: "invalid-pod", run: "kubectl run bad --image=nginx --port=99999", source: "pkg/apis/core/validation validateContainerPorts (containerPort must be between 1 and 65535, inclusive)" },
    { id: "namespace-not-found", run: "kubectl create configmap x -n nope", source: `${E} (namespaces \"nope\" not found)` },
    { id: "empty-namespace", run: "kubectl get pods -n nope", source: 'kubectl get.go "No resources found in nope namespace."' },
    { id: "logs-not-found", run: "kubectl logs nope", source: `${E} (pods \"nope\" not found)` },
    { id: "exec-not-found", run: "kubectl exec nope -- ls", source: `${E}` },
    { id: "image-pull", run: "kubectl run badimg --image=nginx:no-such-tag && for i in $(seq 60); do r=$(kubectl get pod badimg -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}'); case $r in ErrImagePull|ImagePullBackOff) break;; esac; sleep 1; done; kubectl get pod badimg -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}{\"\\n\"}'; kubectl delete pod badimg --wait=false >/dev/null", extra: [[/ImagePullBackOff/, "ErrImagePull"]], source: "kubelet images/types.go (ErrImagePull, then ImagePullBackOff)" },
    { id: "delete-ns", run: "kubectl create ns scratch >/dev/null && kubectl delete ns scratch --wait=false", source: "kubectl delete.go (\"namespace \\\"scratch\\\" deleted\")" },
    { id: "delete-deployment", run: "kubectl delete deployment web", source: "kubectl delete.go (\"deployment.apps \\\"web\\\" deleted\")" },
    { id: "ssa-conflict", run: "kubectl create deployment ssa --image=nginx >/dev/null && kubectl create deployment ssa --image=nginx --replicas=3 --dry-run=client -o yaml | kubectl apply --server-side -f -", source: "apiserver pkg/util/managedfields/internal/conflict.go (getConflictMessage, printManager) for kubectl create's manager kubectl-create; kubectl apply.go's conflict help text" },
    { id: "ssa-force", run: "kubectl create deployment ssa --image=nginx --replicas=3 --dry-run=client -o yaml | kubectl apply --server-side --force-conflicts -f - && kubectl get deploy ssa -o jsonpath='{.spec.replicas}{\"\\n\"}' && kubectl delete deploy ssa >/dev/null", source: "kubectl apply --server-side (\"serverside-applied\"); --force-conflicts takes .spec.replicas" },
    { id: "node-restriction", run: "kubectl --kubeconfig /etc/kubernetes/kubelet.conf label node controlplane node-role.kubernetes.io/worker=", source: "plugin/pkg/admission/noderestriction admitNode (\"is not allowed to modify labels: ...\"), admission.NewForbidden" },
    { id: "quoted-number", run: "printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: quoted\\nspec:\\n  replicas: \"3\"\\n  selector:\\n    matchLabels: {app: q}\\n  template:\\n    metadata:\\n      labels: {app: q}\\n    spec:\\n      containers: [{name: c, image: nginx}]\\n' | kubectl apply -f -", source: "apiserver handlers (\"%s in version %q cannot be handled as a %s: %v\") around encoding/json's UnmarshalTypeError; kubectl apply AddSourceToErr (\"error when creating \\\"STDIN\\\"\")" },
    { id: "patch-wrong-type", run: "kubectl create deployment pq --image=nginx >/dev/null && kubectl patch deployment pq -p '{\"spec\":{\"replicas\":\"3\"}}'; rc=$?; kubectl delete deployment pq >/dev/null; exit $rc", source: "apiserver handlers/patch.go applyPatchToObject (field.Invalid(\"patch\", %+v of the patch map, converter.go's \"unrecognized type: int32\")); kubectl StandardErrorMessage (\"The request is invalid\")" },
    { id: "rbac-escalation", run: "kubectl create role rbac-editor --verb=create --resource=roles >/dev/null && kubectl create rolebinding jane-rbac --role=rbac-editor --user=jane >/dev/null && kubectl create role secret-reader --verb=get --resource=secrets --as=jane", source: "pkg/registry/rbac/validation/rule.go ConfirmNoEscalation (CompactString of the missing rules), escalation_check.go" },
  ],
};

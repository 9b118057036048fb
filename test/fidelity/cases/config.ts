// ConfigMaps, Secrets, ServiceAccounts, RBAC and `auth can-i`.
import type { Group } from "../types.js";

const P = "kubernetes pkg/printers/internalversion/printers.go";
const K = "kubectl pkg/cmd";
const D = "kubectl pkg/describe/describe.go";
const RBAC = "plugin/pkg/auth/authorizer/rbac + apiserver authorization message (\"User %q cannot %s resource %q in API group %q in the namespace %q\")";

export const config: Group = {
  name: "config",
  cases: [
    { id: "create-cm", run: "kubectl create configmap app-config --from-literal=mode=blue --from-literal=level=3", source: `${K}/create/create_configmap.go (\"configmap/app-config created\")` },
    { id: "get-cm", run: "kubectl get cm app-config", source: `${P} printConfigMap (DATA 2)` },
    { id: "cm-yaml", run: "kubectl get cm app-config -o yaml", source: "core/v1 ConfigMap as stored (data keys sorted by the JSON encoder)" },
    { id: "describe-cm", run: "kubectl create cm one --from-literal=k=v >/dev/null && kubectl describe cm one", source: `${D} ConfigMapDescriber (Data / ==== / BinaryData; one key, as Go map order is random)` },
    { id: "create-secret", run: "kubectl create secret generic db --from-literal=password=s3cr3t --from-literal=user=admin", source: `${K}/create/create_secret.go (\"secret/db created\")` },
    { id: "get-secret", run: "kubectl get secret db", source: `${P} printSecret (TYPE Opaque, DATA 2)` },
    { id: "describe-secret", run: "kubectl describe secret db | sed '/^====/q'; kubectl describe secret db | sed '1,/^====/d' | sort", source: `${D} SecretDescriber (\"password:  6 bytes\"; its Data lines follow Go map order, so they are sorted here)` },
    { id: "secret-decode", run: "kubectl get secret db -o jsonpath='{.data.password}' | base64 -d; echo", source: "core/v1 Secret data is base64" },
    { id: "create-secret-tls", run: "openssl req -x509 -newkey rsa:2048 -nodes -keyout /tmp/tls.key -out /tmp/tls.crt -days 1 -subj /CN=web.example.com 2>/dev/null && kubectl create secret tls web-tls --cert=/tmp/tls.crt --key=/tmp/tls.key && kubectl get secret web-tls", source: `${K}/create/create_secret_tls.go; ${P} printSecret (kubernetes.io/tls, DATA 2)` },
    { id: "create-secret-docker", run: "kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=u --docker-password=p && kubectl get secret regcred", source: `${K}/create/create_secret_docker.go; printSecret (kubernetes.io/dockerconfigjson, DATA 1)` },
    { id: "create-sa", run: "kubectl create serviceaccount builder && kubectl get sa builder", source: `${K}/create/create_serviceaccount.go; ${P} printServiceAccount (SECRETS 0)` },
    { id: "create-token", run: "kubectl create token builder | awk -F. '{print NF}'", source: "kubectl create token prints a JWT (three dot-separated parts)" },
    { id: "create-role", run: "kubectl create role pod-reader --verb=get,list,watch --resource=pods,pods/log", source: `${K}/create/create_role.go (\"role.rbac.authorization.k8s.io/pod-reader created\")` },
    { id: "describe-role", run: "kubectl describe role pod-reader", source: `${D} RoleDescriber (PolicyRule table: Resources, Non-Resource URLs, Resource Names, Verbs)` },
    { id: "create-rolebinding", run: "kubectl create rolebinding builder-reads --role=pod-reader --serviceaccount=default:builder --user=jane", source: `${K}/create/create_rolebinding.go` },
    { id: "get-rolebinding-wide", run: "kubectl get rolebinding builder-reads -o wide", source: `${P} printRoleBinding wide (ROLE Role/pod-reader, USERS jane, SERVICEACCOUNTS default/builder)` },
    { id: "describe-rolebinding", run: "kubectl describe rolebinding builder-reads", source: `${D} RoleBindingDescriber` },
    { id: "create-clusterrole", run: "kubectl create clusterrole node-reader --verb=get,list --resource=nodes && kubectl create clusterrolebinding jane-nodes --clusterrole=node-reader --user=jane", source: `${K}/create/create_clusterrole.go, create_clusterrolebinding.go` },
    { id: "can-i-admin", run: "kubectl auth can-i '*' '*'", source: "kubectl auth can-i (yes) for kubeadm:cluster-admins" },
    { id: "can-i-sa", run: "kubectl auth can-i list pods --as=system:serviceaccount:default:builder; kubectl auth can-i get pods/log --as=system:serviceaccount:default:builder; kubectl auth can-i delete pods --as=system:serviceaccount:default:builder; true", source: RBAC },
    { id: "can-i-user", run: "kubectl auth can-i list nodes --as=jane; kubectl auth can-i create deployments --as=jane -n kube-system; true", source: RBAC },
    { id: "forbidden", run: "kubectl get secrets --as=jane", source: RBAC },
    { id: "forbidden-cluster", run: "kubectl get namespaces --as=system:serviceaccount:default:builder", source: "apiserver authorization message at the cluster scope (\"... in API group \\\"\\\" at the cluster scope\")" },
    { id: "whoami", run: "kubectl auth whoami", source: "kubectl pkg/cmd/auth/whoami.go (ATTRIBUTE VALUE table); kubeadm admin.conf (kubernetes-admin, kubeadm:cluster-admins)" },
  ],
};

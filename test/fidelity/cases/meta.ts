// Discovery, explain, version, kubeconfig, logs, exec, top.
import type { Group } from "../types.js";

export const meta: Group = {
  name: "meta",
  cases: [
    { id: "version", run: "kubectl version", source: "kubectl pkg/cmd/version (Client, Kustomize v5.5.0 for kubectl v1.32, Server v1.32.3)" },
    { id: "api-versions", run: "kubectl api-versions | grep -v -e projectcalico -e gateway", source: "kube-apiserver v1.32 served group versions (pkg/controlplane default resource config) + aggregated metrics.k8s.io" },
    { id: "api-resources-apps", run: "kubectl api-resources --api-group=apps", source: "kube-apiserver v1.32 discovery (short names, namespaced, kinds)" },
    { id: "api-resources-core", run: "kubectl api-resources --api-group=''", source: "kube-apiserver v1.32 core/v1 discovery" },
    { id: "api-resources-networking", run: "kubectl api-resources --api-group=networking.k8s.io -o wide", source: "kube-apiserver v1.32 discovery with VERBS and CATEGORIES" },
    { id: "explain-field", run: "kubectl explain pod.spec.restartPolicy | grep -c -e '^ENUM:' -e 'Possible enum values:'", fails: "the served OpenAPI has no enums (KNOWN_GAPS: OpenAPI)", source: "kubectl explain plaintext template (ENUM: section) of core/v1 PodSpec.restartPolicy, whose v1.32 description ends with 'Possible enum values:'" },
    { id: "explain-kind", run: "kubectl explain deployment.spec.strategy | grep -A1 -e '^  rollingUpdate'", fails: "fields that reference another schema print <no description> (KNOWN_GAPS: OpenAPI)", source: "apps/v1 DeploymentStrategy.rollingUpdate: 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.'" },
    { id: "explain-kind-header", run: "kubectl explain deployment.spec.strategy | head -9", fails: "the field's own description is missing, only its type's is shown (KNOWN_GAPS: OpenAPI)", source: "kubectl explain plaintext template (GROUP, KIND, VERSION, FIELD, DESCRIPTION: the field's description, then its type's) of apps/v1 DeploymentSpec.strategy" },
    { id: "config-view", run: "kubectl config view", source: "kubectl config view (DATA+OMITTED, REDACTED); kubeadm admin.conf" },
    { id: "config-contexts", run: "kubectl config get-contexts && kubectl config current-context", source: "kubectl config get-contexts; kubeadm admin.conf context kubernetes-admin@kubernetes" },
    { id: "cluster-info", run: "kubectl cluster-info", source: "kubectl pkg/cmd/clusterinfo (services labelled kubernetes.io/cluster-service=true)" },
    { id: "logs", run: "kubectl logs nginx | head -5", source: "nginx:1.27 image docker-entrypoint.sh output" },
    { id: "logs-tail", run: "kubectl logs nginx --tail=1 | grep -c 'start worker process'", source: "nginx worker startup notice" },
    { id: "exec", run: "kubectl exec nginx -- cat /etc/hostname && kubectl exec nginx -- sh -c 'echo $HOSTNAME; ls /usr/share/nginx/html'", source: "kubelet container hostname (pod name); nginx image document root" },
    { id: "exec-exit", run: "kubectl exec nginx -- sh -c 'exit 3'; echo rc=$?", source: "kubectl exec exits with the remote command's code (\"command terminated with exit code 3\")" },
    { id: "top-nodes", run: "kubectl top nodes", extra: [[/\b\d+m\b/g, "<cpu>"], [/\b\d+Mi\b/g, "<mem>"], [/\b\d+%/g, "<pct>"]], source: "kubectl pkg/cmd/top/top_node.go columns (CPU(cores) CPU% MEMORY(bytes) MEMORY%) with metrics-server" },
    { id: "top-pods", run: "kubectl top pods -n kube-system -l k8s-app=kube-dns", extra: [[/\b\d+m\b/g, "<cpu>"], [/\b\d+Mi\b/g, "<mem>"]], source: "kubectl pkg/cmd/top/top_pod.go (NAME CPU(cores) MEMORY(bytes))" },
  ],
};

// Creating and changing workloads the way CKA tasks do; messages are kubectl's own
// (staging/src/k8s.io/kubectl/pkg/cmd/*) and tables are the server's printers.
import type { Group } from "../types.js";

const P = "kubernetes pkg/printers/internalversion/printers.go";
const K = "kubectl pkg/cmd";
const D = "kubectl pkg/describe/describe.go";
const ROLLOUT = "kubectl pkg/polymorphichelpers/rollout_status.go";

export const workloads: Group = {
  name: "workloads",
  cases: [
    { id: "create-deployment", run: "kubectl create deployment web --image=nginx:1.27 --replicas=2", source: `${K}/create/create_deployment.go (\"deployment.apps/web created\")` },
    { id: "rollout-status", run: "kubectl rollout status deployment web --timeout=120s | tail -1", source: `${ROLLOUT} (\"deployment \\\"web\\\" successfully rolled out\")` },
    { id: "get-deployment", run: "kubectl get deployment web", source: `${P} printDeployment` },
    { id: "get-deployment-wide", run: "kubectl get deployment web -o wide", source: `${P} printDeployment wide (CONTAINERS, IMAGES, SELECTOR app=web)` },
    { id: "get-rs", run: "kubectl get rs -l app=web", source: `${P} printReplicaSet` },
    { id: "get-pods", run: "kubectl get pods -l app=web", source: `${P} printPod` },
    { id: "deployment-labels", run: "kubectl get deploy web -o jsonpath='{.metadata.labels} {.spec.selector} {.spec.strategy} {.spec.template.spec.containers[0].name}'; echo", source: "create_deployment.go (labels app=<name>, container named after the image) + apps/v1 defaults (25% / 25%)" },
    { id: "describe-deployment", run: "kubectl describe deployment web", source: `${D} DeploymentDescriber; events of pkg/controller/deployment (ScalingReplicaSet \"Scaled up replica set web-<hash> from 0 to 2\")` },
    { id: "expose", run: "kubectl expose deployment web --port=80 --target-port=80", source: `${K}/expose/expose.go (\"service/web exposed\")` },
    { id: "get-svc", run: "kubectl get svc web", source: `${P} printService` },
    { id: "get-endpoints", run: "kubectl get endpoints web", source: `${P} formatEndpoints` },
    { id: "describe-svc", run: "kubectl describe svc web", source: `${D} ServiceDescriber (Endpoints per port, v1.32 reads EndpointSlices)` },
    { id: "scale", run: "kubectl scale deployment web --replicas=3", source: `${K}/scale/scale.go (\"deployment.apps/web scaled\")` },
    { id: "scale-wait", run: "kubectl rollout status deployment web --timeout=120s | tail -1 && kubectl get deploy web", source: `${ROLLOUT}; ${P} printDeployment (3/3)` },
    { id: "set-image", run: "kubectl set image deployment/web nginx=nginx:1.26", source: `${K}/set/set_image.go (\"deployment.apps/web image updated\")` },
    { id: "rollout-status-2", run: "kubectl rollout status deployment web --timeout=120s | tail -1", source: ROLLOUT },
    { id: "rollout-history", run: "kubectl rollout history deployment web", source: "kubectl pkg/polymorphichelpers/history.go (REVISION  CHANGE-CAUSE, <none>)" },
    { id: "rollout-history-revision", run: "kubectl rollout history deployment web --revision=2", source: "history.go + describe.go DescribePodTemplate (\"deployment.apps/web with revision #2\")" },
    { id: "rs-after-update", run: "kubectl get rs -l app=web -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.replicas} {.spec.template.spec.containers[0].image}{\"\\n\"}{end}' | sort", source: "pkg/controller/deployment (old RS scaled to 0, revision annotations 1 and 2)" },
    { id: "rollout-undo", run: "kubectl rollout undo deployment web && kubectl rollout status deployment web --timeout=120s | tail -1", source: `${K}/rollout/rollout_undo.go (\"deployment.apps/web rolled back\")` },
    { id: "image-after-undo", run: "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}'; echo", source: "pkg/controller/deployment/rollback.go (revision 1 becomes 3)" },
    { id: "rollout-restart", run: "kubectl rollout restart deployment web", source: `${K}/rollout/rollout_restart.go (\"deployment.apps/web restarted\")` },
    { id: "rollout-pause", run: "kubectl rollout status deployment web --timeout=120s >/dev/null && kubectl rollout pause deployment web && kubectl rollout resume deployment web", source: `${K}/rollout (\"deployment.apps/web paused\", \"deployment.apps/web resumed\")` },
    { id: "run-pod", run: `kubectl run nginx --image=nginx:1.27 --labels=app=nginx,tier=web --overrides='{"spec":{"nodeSelector":{"kubernetes.io/hostname":"node01"}}}'`, source: `${K}/run/run.go (\"pod/nginx created\")` },
    { id: "wait-pod", run: "kubectl wait --for=condition=Ready pod/nginx --timeout=120s", source: `${K}/wait/wait.go (\"pod/nginx condition met\")` },
    { id: "get-pod-wide", run: "kubectl get pod nginx -o wide", source: `${P} printPod wide` },
    { id: "describe-pod", run: "kubectl describe pod nginx | grep -v -e ' Pulling ' -e ' Pulled '", source: `${D} PodDescriber; kubelet event texts (pkg/kubelet/events: Scheduled, Pulling, Pulled, Created \"Created container: nginx\", Started)` },
    { id: "pod-defaults", run: "kubectl get pod nginx -o jsonpath='{.spec.restartPolicy} {.spec.dnsPolicy} {.spec.schedulerName} {.spec.terminationGracePeriodSeconds} {.spec.containers[0].imagePullPolicy} {.spec.containers[0].terminationMessagePath} {.status.qosClass} {.spec.enableServiceLinks} {.spec.preemptionPolicy} {.spec.priority}'; echo", source: "pkg/apis/core/v1/defaults.go; Priority admission (priority 0, PreemptLowerPriority)" },
    { id: "pod-sa-volume", run: "kubectl get pod nginx -o jsonpath='{.spec.serviceAccountName} {.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds} {.spec.containers[0].volumeMounts[0].mountPath}'; echo", source: "plugin/pkg/admission/serviceaccount (kube-api-access volume, 3607 s, /var/run/secrets/kubernetes.io/serviceaccount)" },
    { id: "pod-tolerations", run: "kubectl get pod nginx -o jsonpath='{range .spec.tolerations[*]}{.key} {.operator} {.effect} {.tolerationSeconds}{\"\\n\"}{end}'", source: "plugin/pkg/admission/defaulttolerationseconds (not-ready, unreachable, 300 s)" },
    { id: "run-command", run: "kubectl run hello --image=busybox:1.36 --restart=Never -- sh -c 'echo hello from busybox' && kubectl wait --for=jsonpath='{.status.phase}'=Succeeded pod/hello --timeout=120s && kubectl logs hello", source: `${K}/run/run.go; wait.go (\"pod/hello condition met\"); the container's stdout` },
    { id: "get-completed", run: "kubectl get pod hello", source: `${P} printPod (Completed, 0/1)` },
    { id: "run-rm", run: "kubectl run tmp --rm -i --image=busybox:1.36 --restart=Never -- echo hi 2>&1", source: `${K}/run/run.go (--rm deletes after attach: 'pod \"tmp\" deleted')` },
    { id: "dry-run-yaml", run: "kubectl run dry --image=nginx --dry-run=client -o yaml", source: `${K}/run/run.go generators (client-side object)` },
    { id: "create-job", run: "kubectl create job pi --image=busybox:1.36 -- sh -c 'echo done' && kubectl wait --for=condition=complete job/pi --timeout=120s", source: `${K}/create/create_job.go (\"job.batch/pi created\"); wait.go (\"job.batch/pi condition met\")` },
    { id: "get-job", run: "kubectl get job pi", source: `${P} printJob (STATUS Complete, COMPLETIONS 1/1)` },
    { id: "job-logs", run: "kubectl logs job/pi", source: "kubectl logs for a job (its pod's stdout)" },
    { id: "create-cronjob", run: "kubectl create cronjob tick --image=busybox:1.36 --schedule='*/5 * * * *' -- echo tick && kubectl get cronjob tick", source: `${K}/create/create_cronjob.go; ${P} cronJobColumnDefinitions (TIMEZONE since v1.27)` },
    { id: "delete-pod", run: "kubectl delete pod hello", source: `${K}/delete/delete.go (\"pod \\\"hello\\\" deleted\")` },
  ],
};

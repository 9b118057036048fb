// ingress-nginx controller-v1.12.1, deploy/static/provider/baremetal/deploy.yaml, with the
// NodePorts the lab fixes (32080 http, 32443 https). The admission Jobs have completed and
// patched the webhook's caBundle.

import type { KObject } from "../api/types";
import { type BuildContext, b64, obj } from "./context";
import { buildNamespace, namespaceDefaults } from "./core";
import { IMAGES } from "./images";
import { buildService } from "./services";
import { buildDeployment, buildPod, type Placement } from "./workloads";
import { defaultTemplate } from "./defaults";

export const INGRESS_NGINX_APPLIED_AT = 360;
const NS = "ingress-nginx";

export interface AdmissionCert {
  ca: string;
  cert: string;
  key: string;
}

const BASE = { "app.kubernetes.io/instance": "ingress-nginx", "app.kubernetes.io/name": "ingress-nginx" };
const PART = { ...BASE, "app.kubernetes.io/part-of": "ingress-nginx", "app.kubernetes.io/version": "1.12.1" };
const CONTROLLER = { "app.kubernetes.io/component": "controller", ...PART };
const WEBHOOK = { "app.kubernetes.io/component": "admission-webhook", ...PART };
const SELECTOR = { "app.kubernetes.io/component": "controller", ...BASE };

function completedJob(ctx: BuildContext, name: string, args: string[], placement: Placement): KObject[] {
  const template = defaultTemplate({
    metadata: { labels: WEBHOOK, name },
    spec: {
      containers: [
        {
          args,
          env: [{ name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } }],
          image: IMAGES.webhookCertgen,
          imagePullPolicy: "IfNotPresent",
          name: name.endsWith("create") ? "create" : "patch",
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true, runAsGroup: 65532, runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } },
        },
      ],
      nodeSelector: { "kubernetes.io/os": "linux" },
      restartPolicy: "OnFailure",
      serviceAccountName: "ingress-nginx-admission",
    },
  });
  const job = obj("batch/v1", "Job", ctx, { name, namespace: NS, labels: WEBHOOK, createdAt: placement.createdAt, generation: 1 });
  const uid = job.metadata!.uid!;
  const selectorLabels = { "batch.kubernetes.io/controller-uid": uid };
  const podLabels = { ...WEBHOOK, ...selectorLabels, "batch.kubernetes.io/job-name": name, "controller-uid": uid, "job-name": name };
  const jobTemplate = { ...template, metadata: { ...template.metadata, labels: podLabels } };
  job.spec = {
    backoffLimit: 6,
    completionMode: "NonIndexed",
    completions: 1,
    manualSelector: false,
    parallelism: 1,
    podReplacementPolicy: "TerminatedOrFailed",
    selector: { matchLabels: selectorLabels },
    suspend: false,
    template: jobTemplate,
  };
  const done = placement.readyAt;
  job.status = {
    completionTime: ctx.at(done + 1),
    conditions: [
      { lastProbeTime: ctx.at(done + 1), lastTransitionTime: ctx.at(done + 1), message: "Reached expected number of succeeded pods", reason: "CompletionsReached", status: "True", type: "SuccessCriteriaMet" },
      { lastProbeTime: ctx.at(done + 1), lastTransitionTime: ctx.at(done + 1), message: "Reached expected number of succeeded pods", reason: "CompletionsReached", status: "True", type: "Complete" },
    ],
    ready: 0,
    startTime: ctx.at(placement.createdAt),
    succeeded: 1,
    terminating: 0,
    uncountedTerminatedPods: {},
  };
  const pod = buildPod(ctx, {
    name: `${name}-${ctx.random.string(5)}`,
    generateName: `${name}-`,
    namespace: NS,
    template: jobTemplate,
    owner: { apiVersion: "batch/v1", kind: "Job", name, uid, controller: true, blockOwnerDeletion: true },
    placement,
  });
  // A finished Job pod: Succeeded, its container terminated, not ready.
  const st = pod.status as Record<string, any>;
  const cs = st.containerStatuses[0];
  cs.ready = false;
  cs.started = false;
  cs.state = { terminated: { containerID: cs.containerID, exitCode: 0, finishedAt: ctx.at(done), reason: "Completed", startedAt: ctx.at(placement.startedAt) } };
  st.phase = "Succeeded";
  for (const c of st.conditions) if (c.type === "Ready" || c.type === "ContainersReady" || c.type === "PodReadyToStartContainers") {
    c.status = "False";
    c.lastTransitionTime = ctx.at(done);
    if (c.type !== "PodReadyToStartContainers") c.reason = "PodCompleted";
  }
  return [job, pod];
}

export function buildIngressNginx(ctx: BuildContext, caCertPem: string, controller: Placement, jobs: [Placement, Placement], clusterIPs: [string, string], cert?: AdmissionCert): KObject[] {
  const at = INGRESS_NGINX_APPLIED_AT;
  const rbac = "rbac.authorization.k8s.io/v1";
  const sa = (name: string) => [{ kind: "ServiceAccount", name, namespace: NS }];
  const ref = (kind: string, name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
  const pem = cert ?? { ca: caCertPem, cert: caCertPem, key: "" };
  return [
    buildNamespace(ctx, NS, at, BASE),
    ...namespaceDefaults(ctx, NS, at, caCertPem),
    obj("v1", "ServiceAccount", ctx, { name: "ingress-nginx", namespace: NS, labels: CONTROLLER, createdAt: at }, { automountServiceAccountToken: true }),
    obj("v1", "ServiceAccount", ctx, { name: "ingress-nginx-admission", namespace: NS, labels: WEBHOOK, createdAt: at }, { automountServiceAccountToken: true }),
    obj(rbac, "Role", ctx, { name: "ingress-nginx", namespace: NS, labels: CONTROLLER, createdAt: at }, {
      rules: [
        { apiGroups: [""], resources: ["namespaces"], verbs: ["get"] },
        { apiGroups: [""], resources: ["configmaps", "pods", "secrets", "endpoints"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["services"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses/status"], verbs: ["update"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingressclasses"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["coordination.k8s.io"], resourceNames: ["ingress-nginx-leader"], resources: ["leases"], verbs: ["get", "update"] },
        { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["create"] },
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch", "get"] },
      ],
    }),
    obj(rbac, "Role", ctx, { name: "ingress-nginx-admission", namespace: NS, labels: WEBHOOK, createdAt: at }, { rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "create"] }] }),
    obj(rbac, "ClusterRole", ctx, { name: "ingress-nginx", labels: PART, createdAt: at }, {
      rules: [
        { apiGroups: [""], resources: ["configmaps", "endpoints", "nodes", "pods", "secrets", "namespaces"], verbs: ["list", "watch"] },
        { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: ["list", "watch"] },
        { apiGroups: [""], resources: ["nodes"], verbs: ["get"] },
        { apiGroups: [""], resources: ["services"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses/status"], verbs: ["update"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingressclasses"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["list", "watch", "get"] },
      ],
    }),
    obj(rbac, "ClusterRole", ctx, { name: "ingress-nginx-admission", labels: WEBHOOK, createdAt: at }, {
      rules: [{ apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingwebhookconfigurations"], verbs: ["get", "update"] }],
    }),
    obj(rbac, "RoleBinding", ctx, { name: "ingress-nginx", namespace: NS, labels: CONTROLLER, createdAt: at }, { roleRef: ref("Role", "ingress-nginx"), subjects: sa("ingress-nginx") }),
    obj(rbac, "RoleBinding", ctx, { name: "ingress-nginx-admission", namespace: NS, labels: WEBHOOK, createdAt: at }, { roleRef: ref("Role", "ingress-nginx-admission"), subjects: sa("ingress-nginx-admission") }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "ingress-nginx", labels: PART, createdAt: at }, { roleRef: ref("ClusterRole", "ingress-nginx"), subjects: sa("ingress-nginx") }),
    obj(rbac, "ClusterRoleBinding", ctx, { name: "ingress-nginx-admission", labels: WEBHOOK, createdAt: at }, { roleRef: ref("ClusterRole", "ingress-nginx-admission"), subjects: sa("ingress-nginx-admission") }),
    obj("v1", "ConfigMap", ctx, { name: "ingress-nginx-controller", namespace: NS, labels: CONTROLLER, createdAt: at }),
    buildService(ctx, {
      name: "ingress-nginx-controller",
      namespace: NS,
      labels: CONTROLLER,
      spec: {
        clusterIP: clusterIPs[0],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        ports: [
          { appProtocol: "http", name: "http", nodePort: 32080, port: 80, protocol: "TCP", targetPort: "http" },
          { appProtocol: "https", name: "https", nodePort: 32443, port: 443, protocol: "TCP", targetPort: "https" },
        ],
        selector: SELECTOR,
        type: "NodePort",
      },
      createdAt: at,
    }),
    buildService(ctx, {
      name: "ingress-nginx-controller-admission",
      namespace: NS,
      labels: CONTROLLER,
      spec: { clusterIP: clusterIPs[1], ports: [{ appProtocol: "https", name: "https-webhook", port: 443, targetPort: "webhook" }], selector: SELECTOR, type: "ClusterIP" },
      createdAt: at,
    }),
    ...buildDeployment(ctx, {
      name: "ingress-nginx-controller",
      namespace: NS,
      labels: CONTROLLER,
      spec: {
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        selector: { matchLabels: SELECTOR },
        strategy: { rollingUpdate: { maxUnavailable: 1 }, type: "RollingUpdate" },
        template: {
          metadata: { labels: CONTROLLER },
          spec: {
            containers: [
              {
                args: [
                  "/nginx-ingress-controller",
                  "--election-id=ingress-nginx-leader",
                  "--controller-class=k8s.io/ingress-nginx",
                  "--ingress-class=nginx",
                  "--configmap=$(POD_NAMESPACE)/ingress-nginx-controller",
                  "--validating-webhook=:8443",
                  "--validating-webhook-certificate=/usr/local/certificates/cert",
                  "--validating-webhook-key=/usr/local/certificates/key",
                ],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                  { name: "LD_PRELOAD", value: "/usr/local/lib/libmimalloc.so" },
                ],
                image: IMAGES.ingressController,
                imagePullPolicy: "IfNotPresent",
                lifecycle: { preStop: { exec: { command: ["/wait-shutdown"] } } },
                livenessProbe: { failureThreshold: 5, httpGet: { path: "/healthz", port: 10254, scheme: "HTTP" }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                name: "controller",
                ports: [
                  { containerPort: 80, name: "http", protocol: "TCP" },
                  { containerPort: 443, name: "https", protocol: "TCP" },
                  { containerPort: 8443, name: "webhook", protocol: "TCP" },
                ],
                readinessProbe: { failureThreshold: 3, httpGet: { path: "/healthz", port: 10254, scheme: "HTTP" }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                resources: { requests: { cpu: "100m", memory: "90Mi" } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
                  readOnlyRootFilesystem: false,
                  runAsGroup: 82,
                  runAsNonRoot: true,
                  runAsUser: 101,
                  seccompProfile: { type: "RuntimeDefault" },
                },
                volumeMounts: [{ mountPath: "/usr/local/certificates/", name: "webhook-cert", readOnly: true }],
              },
            ],
            dnsPolicy: "ClusterFirst",
            nodeSelector: { "kubernetes.io/os": "linux" },
            serviceAccountName: "ingress-nginx",
            terminationGracePeriodSeconds: 300,
            volumes: [{ name: "webhook-cert", secret: { secretName: "ingress-nginx-admission" } }],
          },
        },
      },
      createdAt: at,
      placements: [controller],
    }),
    ...completedJob(ctx, "ingress-nginx-admission-create", [
      "create",
      "--host=ingress-nginx-controller-admission,ingress-nginx-controller-admission.$(POD_NAMESPACE).svc",
      "--namespace=$(POD_NAMESPACE)",
      "--secret-name=ingress-nginx-admission",
    ], jobs[0]),
    ...completedJob(ctx, "ingress-nginx-admission-patch", [
      "patch",
      "--webhook-name=ingress-nginx-admission",
      "--namespace=$(POD_NAMESPACE)",
      "--patch-mutating=false",
      "--secret-name=ingress-nginx-admission",
      "--patch-failure-policy=Fail",
    ], jobs[1]),
    obj("v1", "Secret", ctx, { name: "ingress-nginx-admission", namespace: NS, createdAt: jobs[0].readyAt }, {
      data: { ca: b64(pem.ca), cert: b64(pem.cert), key: b64(pem.key) },
      type: "Opaque",
    }),
    obj("networking.k8s.io/v1", "IngressClass", ctx, { name: "nginx", labels: CONTROLLER, createdAt: at, generation: 1 }, { spec: { controller: "k8s.io/ingress-nginx" } }),
    obj("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", ctx, { name: "ingress-nginx-admission", labels: WEBHOOK, createdAt: at, generation: 2 }, {
      webhooks: [
        {
          admissionReviewVersions: ["v1"],
          clientConfig: { caBundle: b64(pem.ca), service: { name: "ingress-nginx-controller-admission", namespace: NS, path: "/networking/v1/ingresses", port: 443 } },
          failurePolicy: "Fail",
          matchPolicy: "Equivalent",
          name: "validate.nginx.ingress.kubernetes.io",
          namespaceSelector: {},
          objectSelector: {},
          rules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["ingresses"], scope: "*" }],
          sideEffects: "None",
          timeoutSeconds: 10,
        },
      ],
    }),
  ];
}

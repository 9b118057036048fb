// kubeadm v1.32's static pod manifests (cmd/kubeadm/app/phases/controlplane/manifests.go,
// cmd/kubeadm/app/phases/etcd/local.go, cmd/kubeadm/app/util/staticpod/utils.go) and the mirror
// pods the kubelet creates for them (pkg/kubelet/pod/mirror_client.go, pkg/kubelet/config).

import { createHash } from "node:crypto";
import type { KObject } from "../api/types";
import { type BuildContext, obj } from "./context";
import { defaultPodSpec } from "./defaults";
import { IMAGES } from "./images";
import { type ClusterTopology, controlPlaneNode } from "./topology";
import { runningPodStatus } from "./workloads";

type J = Record<string, any>;

const PKI = "/etc/kubernetes/pki";

function hostPathVolume(name: string, path: string, type: string): J {
  return { hostPath: { path, type }, name };
}

// kubeadm mounts the host's CA bundles into the control plane (ControlPlaneComponentHostPaths, Debian family).
const CA_VOLUMES: J[] = [
  hostPathVolume("ca-certs", "/etc/ssl/certs", "DirectoryOrCreate"),
  hostPathVolume("etc-ca-certificates", "/etc/ca-certificates", "DirectoryOrCreate"),
];
const CA_MOUNTS: J[] = [
  { mountPath: "/etc/ssl/certs", name: "ca-certs", readOnly: true },
  { mountPath: "/etc/ca-certificates", name: "etc-ca-certificates", readOnly: true },
];
const SHARE_VOLUMES: J[] = [
  hostPathVolume("usr-local-share-ca-certificates", "/usr/local/share/ca-certificates", "DirectoryOrCreate"),
  hostPathVolume("usr-share-ca-certificates", "/usr/share/ca-certificates", "DirectoryOrCreate"),
];
const SHARE_MOUNTS: J[] = [
  { mountPath: "/usr/local/share/ca-certificates", name: "usr-local-share-ca-certificates", readOnly: true },
  { mountPath: "/usr/share/ca-certificates", name: "usr-share-ca-certificates", readOnly: true },
];

// staticpod.LivenessProbe / ReadinessProbe / StartupProbe.
function probe(host: string, path: string, port: number, scheme: string, failureThreshold: number, initialDelay: boolean, period = 10): J {
  const p: J = { failureThreshold, httpGet: { host, path, port, scheme } };
  if (initialDelay) p.initialDelaySeconds = 10;
  p.periodSeconds = period;
  p.timeoutSeconds = 15;
  return p;
}

function staticPod(name: string, annotations: J | undefined, spec: J): J {
  const metadata: J = { creationTimestamp: null, labels: { component: name, tier: "control-plane" }, name, namespace: "kube-system" };
  if (annotations) metadata.annotations = annotations;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec: {
      ...spec,
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
    },
    status: {},
  };
}

/** The four manifests kubeadm writes to /etc/kubernetes/manifests, keyed by file name. */
export function staticPodManifests(t: ClusterTopology): Record<string, J> {
  const ip = controlPlaneNode(t).internalIP;
  const nodeName = controlPlaneNode(t).name;
  const etcd = staticPod("etcd", { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:2379` }, {
    containers: [
      {
        command: [
          "etcd",
          `--advertise-client-urls=https://${ip}:2379`,
          `--cert-file=${PKI}/etcd/server.crt`,
          "--client-cert-auth=true",
          "--data-dir=/var/lib/etcd",
          "--experimental-initial-corrupt-check=true",
          "--experimental-watch-progress-notify-interval=5s",
          `--initial-advertise-peer-urls=https://${ip}:2380`,
          `--initial-cluster=${nodeName}=https://${ip}:2380`,
          `--key-file=${PKI}/etcd/server.key`,
          `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
          "--listen-metrics-urls=http://127.0.0.1:2381",
          `--listen-peer-urls=https://${ip}:2380`,
          `--name=${nodeName}`,
          `--peer-cert-file=${PKI}/etcd/peer.crt`,
          "--peer-client-cert-auth=true",
          `--peer-key-file=${PKI}/etcd/peer.key`,
          `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
          "--snapshot-count=10000",
          `--trusted-ca-file=${PKI}/etcd/ca.crt`,
        ],
        image: IMAGES.etcd,
        imagePullPolicy: "IfNotPresent",
        livenessProbe: probe("127.0.0.1", "/livez", 2381, "HTTP", 8, true),
        name: "etcd",
        readinessProbe: probe("127.0.0.1", "/readyz", 2381, "HTTP", 3, false, 1),
        resources: { requests: { cpu: "100m", memory: "100Mi" } },
        startupProbe: probe("127.0.0.1", "/readyz", 2381, "HTTP", 24, true),
        volumeMounts: [
          { mountPath: "/var/lib/etcd", name: "etcd-data" },
          { mountPath: `${PKI}/etcd`, name: "etcd-certs" },
        ],
      },
    ],
    volumes: [hostPathVolume("etcd-certs", `${PKI}/etcd`, "DirectoryOrCreate"), hostPathVolume("etcd-data", "/var/lib/etcd", "DirectoryOrCreate")],
  });
  const apiserver = staticPod("kube-apiserver", { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:${t.apiServerPort}` }, {
    containers: [
      {
        command: [
          "kube-apiserver",
          `--advertise-address=${ip}`,
          "--allow-privileged=true",
          "--authorization-mode=Node,RBAC",
          `--client-ca-file=${PKI}/ca.crt`,
          "--enable-admission-plugins=NodeRestriction",
          "--enable-bootstrap-token-auth=true",
          `--etcd-cafile=${PKI}/etcd/ca.crt`,
          `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
          `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
          "--etcd-servers=https://127.0.0.1:2379",
          `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
          `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
          "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
          `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
          `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
          "--requestheader-allowed-names=front-proxy-client",
          `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
          "--requestheader-extra-headers-prefix=X-Remote-Extra-",
          "--requestheader-group-headers=X-Remote-Group",
          "--requestheader-username-headers=X-Remote-User",
          `--secure-port=${t.apiServerPort}`,
          `--service-account-issuer=https://kubernetes.default.svc.${t.dnsDomain}`,
          `--service-account-key-file=${PKI}/sa.pub`,
          `--service-account-signing-key-file=${PKI}/sa.key`,
          `--service-cluster-ip-range=${t.serviceSubnet}`,
          `--tls-cert-file=${PKI}/apiserver.crt`,
          `--tls-private-key-file=${PKI}/apiserver.key`,
        ],
        image: IMAGES.kubeApiserver,
        imagePullPolicy: "IfNotPresent",
        livenessProbe: probe(ip, "/livez", t.apiServerPort, "HTTPS", 8, true),
        name: "kube-apiserver",
        readinessProbe: probe(ip, "/readyz", t.apiServerPort, "HTTPS", 3, false, 1),
        resources: { requests: { cpu: "250m" } },
        startupProbe: probe(ip, "/livez", t.apiServerPort, "HTTPS", 24, true),
        volumeMounts: [...CA_MOUNTS, { mountPath: PKI, name: "k8s-certs", readOnly: true }, ...SHARE_MOUNTS],
      },
    ],
    volumes: [...CA_VOLUMES, hostPathVolume("k8s-certs", PKI, "DirectoryOrCreate"), ...SHARE_VOLUMES],
  });
  const kcm = staticPod("kube-controller-manager", undefined, {
    containers: [
      {
        command: [
          "kube-controller-manager",
          "--allocate-node-cidrs=true",
          "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
          "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
          "--bind-address=127.0.0.1",
          `--client-ca-file=${PKI}/ca.crt`,
          `--cluster-cidr=${t.podSubnet}`,
          `--cluster-name=${t.clusterName}`,
          `--cluster-signing-cert-file=${PKI}/ca.crt`,
          `--cluster-signing-key-file=${PKI}/ca.key`,
          "--controllers=*,bootstrapsigner,tokencleaner",
          "--kubeconfig=/etc/kubernetes/controller-manager.conf",
          "--leader-elect=true",
          `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
          `--root-ca-file=${PKI}/ca.crt`,
          `--service-account-private-key-file=${PKI}/sa.key`,
          `--service-cluster-ip-range=${t.serviceSubnet}`,
          "--use-service-account-credentials=true",
        ],
        image: IMAGES.kubeControllerManager,
        imagePullPolicy: "IfNotPresent",
        livenessProbe: probe("127.0.0.1", "/healthz", 10257, "HTTPS", 8, true),
        name: "kube-controller-manager",
        resources: { requests: { cpu: "200m" } },
        startupProbe: probe("127.0.0.1", "/healthz", 10257, "HTTPS", 24, true),
        volumeMounts: [
          ...CA_MOUNTS,
          { mountPath: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", name: "flexvolume-dir" },
          { mountPath: PKI, name: "k8s-certs", readOnly: true },
          { mountPath: "/etc/kubernetes/controller-manager.conf", name: "kubeconfig", readOnly: true },
          ...SHARE_MOUNTS,
        ],
      },
    ],
    volumes: [
      ...CA_VOLUMES,
      hostPathVolume("flexvolume-dir", "/usr/libexec/kubernetes/kubelet-plugins/volume/exec", "DirectoryOrCreate"),
      hostPathVolume("k8s-certs", PKI, "DirectoryOrCreate"),
      hostPathVolume("kubeconfig", "/etc/kubernetes/controller-manager.conf", "FileOrCreate"),
      ...SHARE_VOLUMES,
    ],
  });
  const scheduler = staticPod("kube-scheduler", undefined, {
    containers: [
      {
        command: [
          "kube-scheduler",
          "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
          "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
          "--bind-address=127.0.0.1",
          "--kubeconfig=/etc/kubernetes/scheduler.conf",
          "--leader-elect=true",
        ],
        image: IMAGES.kubeScheduler,
        imagePullPolicy: "IfNotPresent",
        livenessProbe: probe("127.0.0.1", "/healthz", 10259, "HTTPS", 8, true),
        name: "kube-scheduler",
        resources: { requests: { cpu: "100m" } },
        startupProbe: probe("127.0.0.1", "/healthz", 10259, "HTTPS", 24, true),
        volumeMounts: [{ mountPath: "/etc/kubernetes/scheduler.conf", name: "kubeconfig", readOnly: true }],
      },
    ],
    volumes: [hostPathVolume("kubeconfig", "/etc/kubernetes/scheduler.conf", "FileOrCreate")],
  });
  return { "etcd.yaml": etcd, "kube-apiserver.yaml": apiserver, "kube-controller-manager.yaml": kcm, "kube-scheduler.yaml": scheduler };
}

/** kubernetes.io/config.hash: the kubelet's hash of the file pod (32 hex digits). */
export function configHash(manifest: J, nodeName: string): string {
  return createHash("md5").update(JSON.stringify(manifest) + nodeName).digest("hex");
}

/** The mirror pods, created by the kubelet on controlplane right after the API server came up. */
export function buildMirrorPods(ctx: BuildContext, node: KObject): KObject[] {
  const cp = controlPlaneNode(ctx.topology);
  const manifests = staticPodManifests(ctx.topology);
  const order = ["etcd.yaml", "kube-apiserver.yaml", "kube-controller-manager.yaml", "kube-scheduler.yaml"];
  return order.map((file, i) => {
    const m = manifests[file];
    const hash = configHash(m, cp.name);
    const createdAt = 10 + i;
    // config.seen is time.Now() in RFC 3339 with nanoseconds, when the kubelet first read the file.
    const nanos = String(parseInt(ctx.random.uuid().replace(/-/g, "").slice(0, 8), 16) % 1000000000).padStart(9, "0").replace(/0+$/, "") || "0";
    const seen = ctx.at(1).replace("Z", `.${nanos}Z`);
    const pod = obj("v1", "Pod", ctx, {
      name: `${m.metadata.name}-${cp.name}`,
      namespace: "kube-system",
      labels: m.metadata.labels,
      annotations: {
        ...(m.metadata.annotations ?? {}),
        "kubernetes.io/config.hash": hash,
        "kubernetes.io/config.mirror": hash,
        "kubernetes.io/config.seen": seen,
        "kubernetes.io/config.source": "file",
      },
      ownerReferences: [{ apiVersion: "v1", controller: true, kind: "Node", name: node.metadata!.name!, uid: node.metadata!.uid! }],
      createdAt,
    });
    const spec = defaultPodSpec(m.spec, false);
    spec.enableServiceLinks = true;
    spec.nodeName = cp.name;
    spec.preemptionPolicy = "PreemptLowerPriority";
    // The kubelet gives every static pod a toleration of all NoExecute taints.
    spec.tolerations = [{ effect: "NoExecute", operator: "Exists" }];
    pod.spec = spec;
    pod.status = runningPodStatus(ctx, spec, { node: cp, createdAt: 2, startedAt: 3 + i, readyAt: 12 + i });
    return pod;
  });
}

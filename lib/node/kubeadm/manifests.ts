// The static pod manifests `kubeadm init` writes to /etc/kubernetes/manifests.
// Follows cmd/kubeadm/app/phases/controlplane/{manifests.go,volumes.go}, phases/etcd/local.go,
// util/staticpod/utils.go (ComponentPod, probes) and util/arguments.go (ArgumentsToCommand).
import { marshalYaml } from "./goyaml";
import {
  API_SERVER_PORT,
  CLUSTER_NAME,
  DNS_DOMAIN,
  ETCD_CLIENT_PORT,
  ETCD_METRICS_PORT,
  ETCD_PEER_PORT,
  POD_CIDR,
  SERVICE_CIDR,
  type NodeSpec,
} from "./topology";
import { IMAGE_REPOSITORY, kubernetesImage, versionData } from "./versions";

export interface Arg {
  name: string;
  value: string;
}

/**
 * util.ArgumentsToCommand: overrides replace every base arg of the same name; the result is
 * sorted by name, then value, and rendered as --name=value.
 */
export function argumentsToCommand(base: Arg[], overrides: Arg[] = []): string[] {
  const overridden = new Set(overrides.map((a) => a.name));
  const args = [...overrides, ...base.filter((a) => !overridden.has(a.name))];
  args.sort((a, b) => (a.name === b.name ? cmp(a.value, b.value) : cmp(a.name, b.name)));
  return args.map((a) => `--${a.name}=${a.value}`);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface ManifestOptions {
  node: NodeSpec;
  kubernetesVersion: string;
  certificatesDir?: string;
}

const PKI = "/etc/kubernetes/pki";
const KUBERNETES_DIR = "/etc/kubernetes";
/** constants.ControlPlaneComponentHealthCheckTimeout (4m) / period 10s. */
const STARTUP_FAILURE_THRESHOLD = 24;

type Probe = Record<string, unknown>;

function httpProbe(
  host: string,
  path: string,
  port: number,
  scheme: "HTTP" | "HTTPS",
  initialDelaySeconds: number,
  failureThreshold: number,
  periodSeconds: number,
): Probe {
  const probe: Probe = { failureThreshold, httpGet: { host, path, port, scheme } };
  if (initialDelaySeconds) probe.initialDelaySeconds = initialDelaySeconds;
  probe.periodSeconds = periodSeconds;
  probe.timeoutSeconds = 15;
  return probe;
}
const livenessProbe = (h: string, p: string, port: number, s: "HTTP" | "HTTPS") => httpProbe(h, p, port, s, 10, 8, 10);
const readinessProbe = (h: string, p: string, port: number, s: "HTTP" | "HTTPS") => httpProbe(h, p, port, s, 0, 3, 1);
const startupProbe = (h: string, p: string, port: number, s: "HTTP" | "HTTPS") =>
  httpProbe(h, p, port, s, 10, STARTUP_FAILURE_THRESHOLD, 10);

interface HostPathMount {
  name: string;
  path: string;
  readOnly: boolean;
  type: "DirectoryOrCreate" | "FileOrCreate";
}

/**
 * caCertsExtraVolumePaths that exist on Ubuntu 24.04 (volumes.go mounts only the ones present;
 * /etc/pki/ca-trust and /etc/pki/tls/certs do not exist there).
 */
const UBUNTU_CA_EXTRA_PATHS = ["/etc/ca-certificates", "/usr/share/ca-certificates", "/usr/local/share/ca-certificates"];

function caMounts(): HostPathMount[] {
  return [
    { name: "ca-certs", path: "/etc/ssl/certs", readOnly: true, type: "DirectoryOrCreate" },
    ...UBUNTU_CA_EXTRA_PATHS.map((p) => ({
      name: p.replace(/\//g, "-").slice(1),
      path: p,
      readOnly: true,
      type: "DirectoryOrCreate" as const,
    })),
  ];
}

function hostPathMounts(component: string, certificatesDir: string): HostPathMount[] {
  const k8sCerts: HostPathMount = { name: "k8s-certs", path: certificatesDir, readOnly: true, type: "DirectoryOrCreate" };
  switch (component) {
    case "kube-apiserver":
      return [k8sCerts, ...caMounts()];
    case "kube-controller-manager":
      return [
        k8sCerts,
        ...caMounts(),
        { name: "kubeconfig", path: `${KUBERNETES_DIR}/controller-manager.conf`, readOnly: true, type: "FileOrCreate" },
        // Not read-only: flexvolume drivers talk to their storage through sockets in it.
        {
          name: "flexvolume-dir",
          path: "/usr/libexec/kubernetes/kubelet-plugins/volume/exec",
          readOnly: false,
          type: "DirectoryOrCreate",
        },
      ];
    case "kube-scheduler":
      return [{ name: "kubeconfig", path: `${KUBERNETES_DIR}/scheduler.conf`, readOnly: true, type: "FileOrCreate" }];
    default:
      throw new Error(`no host path mounts for ${component}`);
  }
}

const byName = <T extends { name: string }>(a: T, b: T) => cmp(a.name, b.name);

function volumesOf(mounts: HostPathMount[]) {
  return [...mounts].sort(byName).map((m) => ({ hostPath: { path: m.path, type: m.type }, name: m.name }));
}

function volumeMountsOf(mounts: HostPathMount[]) {
  return [...mounts].sort(byName).map((m) => {
    const vm: Record<string, unknown> = { mountPath: m.path, name: m.name };
    if (m.readOnly) vm.readOnly = true;
    return vm;
  });
}

/** staticpod.ComponentPod: kube-system, component/tier labels, system-node-critical, host network. */
function componentPod(container: Record<string, unknown>, volumes: unknown[], annotations?: Record<string, string>) {
  const name = container.name as string;
  const metadata: Record<string, unknown> = {};
  if (annotations) metadata.annotations = annotations;
  Object.assign(metadata, {
    creationTimestamp: null,
    labels: { component: name, tier: "control-plane" },
    name,
    namespace: "kube-system",
  });
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata,
    spec: {
      containers: [container],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      volumes,
    },
    status: {},
  };
}

export function apiServerCommand(opts: ManifestOptions): string[] {
  const pki = opts.certificatesDir ?? PKI;
  const ip = opts.node.ip;
  const base: Arg[] = [
    { name: "advertise-address", value: ip },
    { name: "enable-admission-plugins", value: "NodeRestriction" },
    { name: "service-cluster-ip-range", value: SERVICE_CIDR },
    { name: "service-account-key-file", value: `${pki}/sa.pub` },
    { name: "service-account-signing-key-file", value: `${pki}/sa.key` },
    { name: "service-account-issuer", value: `https://kubernetes.default.svc.${DNS_DOMAIN}` },
    { name: "client-ca-file", value: `${pki}/ca.crt` },
    { name: "tls-cert-file", value: `${pki}/apiserver.crt` },
    { name: "tls-private-key-file", value: `${pki}/apiserver.key` },
    { name: "kubelet-client-certificate", value: `${pki}/apiserver-kubelet-client.crt` },
    { name: "kubelet-client-key", value: `${pki}/apiserver-kubelet-client.key` },
    { name: "enable-bootstrap-token-auth", value: "true" },
    { name: "secure-port", value: String(API_SERVER_PORT) },
    { name: "allow-privileged", value: "true" },
    { name: "kubelet-preferred-address-types", value: "InternalIP,ExternalIP,Hostname" },
    { name: "requestheader-username-headers", value: "X-Remote-User" },
    { name: "requestheader-group-headers", value: "X-Remote-Group" },
    { name: "requestheader-extra-headers-prefix", value: "X-Remote-Extra-" },
    { name: "requestheader-client-ca-file", value: `${pki}/front-proxy-ca.crt` },
    { name: "requestheader-allowed-names", value: "front-proxy-client" },
    { name: "proxy-client-cert-file", value: `${pki}/front-proxy-client.crt` },
    { name: "proxy-client-key-file", value: `${pki}/front-proxy-client.key` },
    // Stacked etcd on localhost, same IP family as the advertise address.
    { name: "etcd-servers", value: `https://127.0.0.1:${ETCD_CLIENT_PORT}` },
    { name: "etcd-cafile", value: `${pki}/etcd/ca.crt` },
    { name: "etcd-certfile", value: `${pki}/apiserver-etcd-client.crt` },
    { name: "etcd-keyfile", value: `${pki}/apiserver-etcd-client.key` },
    { name: "authorization-mode", value: "Node,RBAC" },
  ];
  return ["kube-apiserver", ...argumentsToCommand(base)];
}

export function controllerManagerCommand(opts: ManifestOptions): string[] {
  const pki = opts.certificatesDir ?? PKI;
  const kubeconfig = `${KUBERNETES_DIR}/controller-manager.conf`;
  const base: Arg[] = [
    { name: "bind-address", value: "127.0.0.1" },
    { name: "leader-elect", value: "true" },
    { name: "kubeconfig", value: kubeconfig },
    { name: "authentication-kubeconfig", value: kubeconfig },
    { name: "authorization-kubeconfig", value: kubeconfig },
    { name: "client-ca-file", value: `${pki}/ca.crt` },
    { name: "requestheader-client-ca-file", value: `${pki}/front-proxy-ca.crt` },
    { name: "root-ca-file", value: `${pki}/ca.crt` },
    { name: "service-account-private-key-file", value: `${pki}/sa.key` },
    { name: "cluster-signing-cert-file", value: `${pki}/ca.crt` },
    { name: "cluster-signing-key-file", value: `${pki}/ca.key` },
    { name: "use-service-account-credentials", value: "true" },
    { name: "controllers", value: "*,bootstrapsigner,tokencleaner" },
    // --pod-network-cidr was given: the controller-manager allocates node CIDRs.
    { name: "allocate-node-cidrs", value: "true" },
    { name: "cluster-cidr", value: POD_CIDR },
    { name: "service-cluster-ip-range", value: SERVICE_CIDR },
    { name: "cluster-name", value: CLUSTER_NAME },
  ];
  return ["kube-controller-manager", ...argumentsToCommand(base)];
}

export function schedulerCommand(): string[] {
  const kubeconfig = `${KUBERNETES_DIR}/scheduler.conf`;
  const base: Arg[] = [
    { name: "bind-address", value: "127.0.0.1" },
    { name: "leader-elect", value: "true" },
    { name: "kubeconfig", value: kubeconfig },
    { name: "authentication-kubeconfig", value: kubeconfig },
    { name: "authorization-kubeconfig", value: kubeconfig },
  ];
  return ["kube-scheduler", ...argumentsToCommand(base)];
}

export function etcdCommand(opts: ManifestOptions): string[] {
  const pki = opts.certificatesDir ?? PKI;
  const { name, ip } = opts.node;
  const clientURL = `https://${ip}:${ETCD_CLIENT_PORT}`;
  const peerURL = `https://${ip}:${ETCD_PEER_PORT}`;
  const base: Arg[] = [
    { name: "name", value: name },
    { name: "experimental-initial-corrupt-check", value: "true" },
    { name: "listen-client-urls", value: `https://127.0.0.1:${ETCD_CLIENT_PORT},${clientURL}` },
    { name: "advertise-client-urls", value: clientURL },
    { name: "listen-peer-urls", value: peerURL },
    { name: "initial-advertise-peer-urls", value: peerURL },
    { name: "data-dir", value: "/var/lib/etcd" },
    { name: "cert-file", value: `${pki}/etcd/server.crt` },
    { name: "key-file", value: `${pki}/etcd/server.key` },
    { name: "trusted-ca-file", value: `${pki}/etcd/ca.crt` },
    { name: "client-cert-auth", value: "true" },
    { name: "peer-cert-file", value: `${pki}/etcd/peer.crt` },
    { name: "peer-key-file", value: `${pki}/etcd/peer.key` },
    { name: "peer-trusted-ca-file", value: `${pki}/etcd/ca.crt` },
    { name: "peer-client-cert-auth", value: "true" },
    { name: "snapshot-count", value: "10000" },
    { name: "listen-metrics-urls", value: `http://127.0.0.1:${ETCD_METRICS_PORT}` },
    { name: "experimental-watch-progress-notify-interval", value: "5s" },
    { name: "initial-cluster", value: `${name}=${peerURL}` },
  ];
  return ["etcd", ...argumentsToCommand(base)];
}

/** The four static pods as objects (what the YAML files decode to). */
export function staticPods(opts: ManifestOptions): Map<string, Record<string, unknown>> {
  const pki = opts.certificatesDir ?? PKI;
  const v = opts.kubernetesVersion;
  const ip = opts.node.ip;
  const pods = new Map<string, Record<string, unknown>>();

  const etcdMounts = [
    { mountPath: "/var/lib/etcd", name: "etcd-data" },
    { mountPath: `${pki}/etcd`, name: "etcd-certs" },
  ];
  pods.set(
    "etcd",
    componentPod(
      {
        command: etcdCommand(opts),
        image: `${IMAGE_REPOSITORY}/etcd:${versionData(v).etcdImageTag}`,
        imagePullPolicy: "IfNotPresent",
        livenessProbe: livenessProbe("127.0.0.1", "/livez", ETCD_METRICS_PORT, "HTTP"),
        name: "etcd",
        readinessProbe: readinessProbe("127.0.0.1", "/readyz", ETCD_METRICS_PORT, "HTTP"),
        resources: { requests: { cpu: "100m", memory: "100Mi" } },
        startupProbe: startupProbe("127.0.0.1", "/readyz", ETCD_METRICS_PORT, "HTTP"),
        volumeMounts: etcdMounts,
      },
      [
        { hostPath: { path: `${pki}/etcd`, type: "DirectoryOrCreate" }, name: "etcd-certs" },
        { hostPath: { path: "/var/lib/etcd", type: "DirectoryOrCreate" }, name: "etcd-data" },
      ],
      { "kubeadm.kubernetes.io/etcd.advertise-client-urls": `https://${ip}:${ETCD_CLIENT_PORT}` },
    ),
  );

  const apiMounts = hostPathMounts("kube-apiserver", pki);
  pods.set(
    "kube-apiserver",
    componentPod(
      {
        command: apiServerCommand(opts),
        image: kubernetesImage("kube-apiserver", v),
        imagePullPolicy: "IfNotPresent",
        livenessProbe: livenessProbe(ip, "/livez", API_SERVER_PORT, "HTTPS"),
        name: "kube-apiserver",
        readinessProbe: readinessProbe(ip, "/readyz", API_SERVER_PORT, "HTTPS"),
        resources: { requests: { cpu: "250m" } },
        startupProbe: startupProbe(ip, "/livez", API_SERVER_PORT, "HTTPS"),
        volumeMounts: volumeMountsOf(apiMounts),
      },
      volumesOf(apiMounts),
      { "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": `${ip}:${API_SERVER_PORT}` },
    ),
  );

  const cmMounts = hostPathMounts("kube-controller-manager", pki);
  pods.set(
    "kube-controller-manager",
    componentPod(
      {
        command: controllerManagerCommand(opts),
        image: kubernetesImage("kube-controller-manager", v),
        imagePullPolicy: "IfNotPresent",
        livenessProbe: livenessProbe("127.0.0.1", "/healthz", 10257, "HTTPS"),
        name: "kube-controller-manager",
        resources: { requests: { cpu: "200m" } },
        startupProbe: startupProbe("127.0.0.1", "/healthz", 10257, "HTTPS"),
        volumeMounts: volumeMountsOf(cmMounts),
      },
      volumesOf(cmMounts),
    ),
  );

  const schedMounts = hostPathMounts("kube-scheduler", pki);
  pods.set(
    "kube-scheduler",
    componentPod(
      {
        command: schedulerCommand(),
        image: kubernetesImage("kube-scheduler", v),
        imagePullPolicy: "IfNotPresent",
        livenessProbe: livenessProbe("127.0.0.1", "/healthz", 10259, "HTTPS"),
        name: "kube-scheduler",
        resources: { requests: { cpu: "100m" } },
        startupProbe: startupProbe("127.0.0.1", "/healthz", 10259, "HTTPS"),
        volumeMounts: volumeMountsOf(schedMounts),
      },
      volumesOf(schedMounts),
    ),
  );
  return pods;
}

/** File name (under /etc/kubernetes/manifests) -> YAML, as WriteStaticPodToDisk writes them (0600). */
export function staticPodManifests(opts: ManifestOptions): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, pod] of staticPods(opts)) files.set(`${name}.yaml`, marshalYaml(pod));
  return files;
}

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { argumentsToCommand, staticPodManifests, staticPods } from "./manifests";
import { CONTROL_PLANE } from "./topology";

const opts = { node: CONTROL_PLANE, kubernetesVersion: "v1.32.3" };
const pods = staticPods(opts);
const container = (name: string) => (pods.get(name)!.spec as { containers: Record<string, unknown>[] }).containers[0];

// Written from getAPIServerCommand / getControllerManagerCommand / getSchedulerCommand
// (cmd/kubeadm/app/phases/controlplane/manifests.go) and getEtcdCommand (phases/etcd/local.go)
// for the lab's InitConfiguration, sorted as util.ArgumentsToCommand sorts them.
const expectedCommands: Record<string, string[]> = {
  "kube-apiserver": [
    "kube-apiserver",
    "--advertise-address=172.30.1.2",
    "--allow-privileged=true",
    "--authorization-mode=Node,RBAC",
    "--client-ca-file=/etc/kubernetes/pki/ca.crt",
    "--enable-admission-plugins=NodeRestriction",
    "--enable-bootstrap-token-auth=true",
    "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
    "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
    "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
    "--etcd-servers=https://127.0.0.1:2379",
    "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
    "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
    "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
    "--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt",
    "--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key",
    "--requestheader-allowed-names=front-proxy-client",
    "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
    "--requestheader-extra-headers-prefix=X-Remote-Extra-",
    "--requestheader-group-headers=X-Remote-Group",
    "--requestheader-username-headers=X-Remote-User",
    "--secure-port=6443",
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
    "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key",
    "--service-cluster-ip-range=10.96.0.0/12",
    "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
    "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
  ],
  "kube-controller-manager": [
    "kube-controller-manager",
    "--allocate-node-cidrs=true",
    "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
    "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
    "--bind-address=127.0.0.1",
    "--client-ca-file=/etc/kubernetes/pki/ca.crt",
    "--cluster-cidr=10.244.0.0/16",
    "--cluster-name=kubernetes",
    "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
    "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
    "--controllers=*,bootstrapsigner,tokencleaner",
    "--kubeconfig=/etc/kubernetes/controller-manager.conf",
    "--leader-elect=true",
    "--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt",
    "--root-ca-file=/etc/kubernetes/pki/ca.crt",
    "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
    "--service-cluster-ip-range=10.96.0.0/12",
    "--use-service-account-credentials=true",
  ],
  "kube-scheduler": [
    "kube-scheduler",
    "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
    "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
    "--bind-address=127.0.0.1",
    "--kubeconfig=/etc/kubernetes/scheduler.conf",
    "--leader-elect=true",
  ],
  etcd: [
    "etcd",
    "--advertise-client-urls=https://172.30.1.2:2379",
    "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
    "--client-cert-auth=true",
    "--data-dir=/var/lib/etcd",
    "--experimental-initial-corrupt-check=true",
    "--experimental-watch-progress-notify-interval=5s",
    "--initial-advertise-peer-urls=https://172.30.1.2:2380",
    "--initial-cluster=controlplane=https://172.30.1.2:2380",
    "--key-file=/etc/kubernetes/pki/etcd/server.key",
    "--listen-client-urls=https://127.0.0.1:2379,https://172.30.1.2:2379",
    "--listen-metrics-urls=http://127.0.0.1:2381",
    "--listen-peer-urls=https://172.30.1.2:2380",
    "--name=controlplane",
    "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
    "--peer-client-cert-auth=true",
    "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
    "--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
    "--snapshot-count=10000",
    "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
  ],
};

describe("static pod commands", () => {
  it.each(Object.entries(expectedCommands))("%s", (name, command) => {
    expect(container(name).command).toEqual(command);
  });
});

describe("static pod specs", () => {
  it.each([
    ["etcd", "registry.k8s.io/etcd:3.5.16-0", { cpu: "100m", memory: "100Mi" }, ["etcd-certs", "etcd-data"]],
    ["kube-apiserver", "registry.k8s.io/kube-apiserver:v1.32.3", { cpu: "250m" }, ["ca-certs", "etc-ca-certificates", "k8s-certs", "usr-local-share-ca-certificates", "usr-share-ca-certificates"]],
    ["kube-controller-manager", "registry.k8s.io/kube-controller-manager:v1.32.3", { cpu: "200m" }, ["ca-certs", "etc-ca-certificates", "flexvolume-dir", "k8s-certs", "kubeconfig", "usr-local-share-ca-certificates", "usr-share-ca-certificates"]],
    ["kube-scheduler", "registry.k8s.io/kube-scheduler:v1.32.3", { cpu: "100m" }, ["kubeconfig"]],
  ])("%s: image, requests, volumes, labels", (name, image, requests, volumes) => {
    const pod = pods.get(name) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    expect(container(name).image).toBe(image);
    expect(container(name).imagePullPolicy).toBe("IfNotPresent");
    expect(container(name).resources).toEqual({ requests });
    expect((pod.spec.volumes as { name: string }[]).map((v) => v.name)).toEqual(volumes);
    expect(pod.metadata.labels).toEqual({ component: name, tier: "control-plane" });
    expect(pod.metadata.namespace).toBe("kube-system");
    expect(pod.spec.priority).toBe(2000001000);
    expect(pod.spec.priorityClassName).toBe("system-node-critical");
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.securityContext).toEqual({ seccompProfile: { type: "RuntimeDefault" } });
  });

  it("annotates the advertise endpoints", () => {
    expect((pods.get("kube-apiserver")!.metadata as Record<string, unknown>).annotations).toEqual({
      "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint": "172.30.1.2:6443",
    });
    expect((pods.get("etcd")!.metadata as Record<string, unknown>).annotations).toEqual({
      "kubeadm.kubernetes.io/etcd.advertise-client-urls": "https://172.30.1.2:2379",
    });
  });

  it("probes the apiserver like staticpod.LivenessProbe/ReadinessProbe/StartupProbe", () => {
    const c = container("kube-apiserver");
    const get = { host: "172.30.1.2", port: 6443, scheme: "HTTPS" };
    expect(c.livenessProbe).toEqual({ failureThreshold: 8, httpGet: { ...get, path: "/livez" }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 });
    expect(c.readinessProbe).toEqual({ failureThreshold: 3, httpGet: { ...get, path: "/readyz" }, periodSeconds: 1, timeoutSeconds: 15 });
    expect(c.startupProbe).toEqual({ failureThreshold: 24, httpGet: { ...get, path: "/livez" }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 });
  });
});

// kube-scheduler.yaml as kubeadm v1.32 writes it (sigs.k8s.io/yaml output of ComponentPod).
const SCHEDULER_YAML = `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: registry.k8s.io/kube-scheduler:v1.32.3
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10259
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    name: kube-scheduler
    resources:
      requests:
        cpu: 100m
    startupProbe:
      failureThreshold: 24
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10259
        scheme: HTTPS
      initialDelaySeconds: 10
      periodSeconds: 10
      timeoutSeconds: 15
    volumeMounts:
    - mountPath: /etc/kubernetes/scheduler.conf
      name: kubeconfig
      readOnly: true
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
  - hostPath:
      path: /etc/kubernetes/scheduler.conf
      type: FileOrCreate
    name: kubeconfig
status: {}
`;

describe("manifest files", () => {
  const files = staticPodManifests(opts);
  it("writes the four kubeadm manifests", () => {
    expect([...files.keys()]).toEqual(["etcd.yaml", "kube-apiserver.yaml", "kube-controller-manager.yaml", "kube-scheduler.yaml"]);
  });
  it("renders kube-scheduler.yaml byte for byte", () => {
    expect(files.get("kube-scheduler.yaml")).toBe(SCHEDULER_YAML);
  });
  it.each([...files.keys()])("%s parses back to the pod object", (file) => {
    expect(parse(files.get(file)!)).toEqual(pods.get(file.replace(".yaml", "")));
  });
});

describe("argumentsToCommand (util/arguments.go)", () => {
  it.each([
    { name: "sorts base args", base: [{ name: "b", value: "1" }, { name: "a", value: "2" }], overrides: [], want: ["--a=2", "--b=1"] },
    { name: "override replaces every base instance", base: [{ name: "a", value: "1" }, { name: "a", value: "2" }], overrides: [{ name: "a", value: "3" }], want: ["--a=3"] },
    { name: "repeated overrides sort by value", base: [], overrides: [{ name: "x", value: "b" }, { name: "x", value: "a" }], want: ["--x=a", "--x=b"] },
  ])("$name", ({ base, overrides, want }) => {
    expect(argumentsToCommand(base, overrides)).toEqual(want);
  });
});

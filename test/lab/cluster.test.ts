// The running cluster of a lab, through the real tools: workloads scheduled, started and served
// over the lab network, the kubelet and its node under systemd, static pods, and the messages
// upstream gives (scheduler's FailedScheduling, kubelet's events). Expected texts come from the
// upstream components (kubectl's rollout messages, the scheduler's FitError, systemd's status).
import { describe, expect, it } from "vitest";
import { useLab } from "./helpers.js";

const { run, sh } = useLab("cluster");


describe("a lab's cluster at work", () => {
  it("runs every system pod Ready, as a fresh kubeadm cluster shows them", async () => {
    const out = await sh("for i in $(seq 60); do n=$(kubectl get pods -A --no-headers | grep -v Completed | awk '{split($3,a,\"/\"); if (a[1]!=a[2]) print}' | wc -l); [ $n = 0 ] && break; sleep 1; done; kubectl get pods -A --no-headers | grep -v Completed | awk '{print $4}' | sort -u");
    expect(out).toBe("Running");
  }, 90_000);

  it("rolls out a Deployment and serves it on its ClusterIP to curl on a node and wget in a pod", async () => {
    const rollout = await sh("kubectl create deployment web --image=nginx:1.27 --replicas=2 >/dev/null && kubectl expose deployment web --port=80 >/dev/null && kubectl rollout status deployment web --timeout=60s | tail -1");
    expect(rollout).toBe('deployment "web" successfully rolled out');
    expect(await sh("curl -s --max-time 5 http://$(kubectl get svc web -o jsonpath='{.spec.clusterIP}')/ | grep -o '<title>.*</title>'")).toBe("<title>Welcome to nginx!</title>");
    const ip = await sh("kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
    expect(await sh(`curl -s --max-time 5 http://${ip}/ | grep -o '<title>.*</title>'`, "node02")).toBe("<title>Welcome to nginx!</title>");
    // A loaded CI machine can be slow to start the pod: up to three tries, each a fresh pod.
    expect(await sh("for i in 1 2 3; do t=$(kubectl run probe$i --image=busybox:1.36 --restart=Never --rm -i --quiet -- wget -qO- --timeout=10 http://web.default.svc.cluster.local/ 2>/dev/null | grep -o '<title>.*</title>'); [ -n \"$t\" ] && break; done; echo $t")).toBe("<title>Welcome to nginx!</title>");
  }, 120_000);

  it("says why a pod cannot be scheduled, in the scheduler's words", async () => {
    await sh("kubectl run picky --image=nginx:1.27 --overrides='{\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"}}}' >/dev/null");
    const msg = await sh("for i in $(seq 20); do m=$(kubectl get events --field-selector involvedObject.name=picky,reason=FailedScheduling -o jsonpath='{.items[0].message}'); [ -n \"$m\" ] && break; sleep 1; done; echo \"$m\"");
    expect(msg).toBe("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    expect(await sh("kubectl get pod picky --no-headers | awk '{print $3}'")).toBe("Pending");
  }, 60_000);

  it("shows a crashing container's logs and CrashLoopBackOff", async () => {
    await sh("kubectl run crasher --image=busybox:1.36 -- sh -c 'echo fatal: no config >&2; exit 1' >/dev/null");
    const reason = await sh("for i in $(seq 40); do r=$(kubectl get pod crasher -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}'); [ \"$r\" = CrashLoopBackOff ] && break; sleep 1; done; echo $r");
    expect(reason).toBe("CrashLoopBackOff");
    expect(await sh("kubectl logs crasher")).toBe("fatal: no config");
  }, 60_000);

  it("execs into a container", async () => {
    await sh("kubectl run sleeper --image=busybox:1.36 --env=GREETING=hello -- sleep 3600 >/dev/null && kubectl wait --for=condition=Ready pod/sleeper --timeout=60s >/dev/null");
    expect(await sh("kubectl exec sleeper -- printenv GREETING")).toBe("hello");
    expect((await run("kubectl exec sleeper -- sh -c 'exit 3'")).code).toBe(3);
  }, 90_000);

  it("runs the kubelet under systemd and its containers under containerd", async () => {
    expect(await sh("systemctl is-active kubelet containerd", "node01")).toBe("active\nactive");
    expect(await sh("systemctl status kubelet --no-pager | sed -n 1p", "node01")).toBe("● kubelet.service - kubelet: The Kubernetes Node Agent");
    expect(await sh("crictl ps --name kube-proxy -q | wc -l", "node01")).toBe("1");
  });

  it("runs a static pod from the node's manifest directory as a mirror pod", async () => {
    await sh("kubectl run static-web --image=nginx:1.27 --dry-run=client -o yaml | ssh node01 'cat > /etc/kubernetes/manifests/static-web.yaml'");
    const phase = await sh("for i in $(seq 60); do p=$(kubectl get pod static-web-node01 -o jsonpath='{.status.phase}' 2>/dev/null); [ \"$p\" = Running ] && break; sleep 1; done; echo $p");
    expect(phase).toBe("Running");
    expect(await sh("kubectl get pod static-web-node01 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'")).toBe("Node/node01");
  }, 90_000);
});

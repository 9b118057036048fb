// metrics-server, kubectl top and the HPA in a real lab: `kubectl top nodes` prints kubectl's own
// columns from metrics.k8s.io; an nginx Deployment under a busybox wget loop (the HPA
// walkthrough's load generator) is scaled up by the HPA with upstream's event; a CSR made with
// openssl is approved with kubectl and its certificate authenticates.
import { describe, expect, it } from "vitest";
import { useLab } from "./helpers.js";

const { sh } = useLab("metrics");


const DEPLOYMENT = `cat <<'Y' | kubectl apply -f - >/dev/null
apiVersion: apps/v1
kind: Deployment
metadata: {name: php-apache}
spec:
  selector: {matchLabels: {run: php-apache}}
  template:
    metadata:
      labels: {run: php-apache}
      # the simulator's wget loop is slower than a real one: make each request count more
      annotations: {drydock.dev/cpu-per-request: 50ms}
    spec:
      containers:
      - name: php-apache
        image: nginx:1.27
        resources: {requests: {cpu: 200m}, limits: {cpu: 500m}}
Y`;

describe("metrics", () => {
  it("kubectl top nodes lists every node with kubectl's columns", async () => {
    const out = await sh("for i in $(seq 30); do kubectl top nodes >/dev/null 2>&1 && break; sleep 1; done; kubectl top nodes");
    const lines = out.split("\n");
    expect(lines[0].split(/\s+/).filter(Boolean)).toEqual(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"]);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["controlplane", "node01", "node02"]);
    for (const l of lines.slice(1)) expect(l).toMatch(/^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/);
  }, 60_000);

  it("scales a Deployment up from request load (HPA walkthrough)", async () => {
    await sh(`${DEPLOYMENT}
kubectl expose deploy php-apache --port=80 >/dev/null && kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10 >/dev/null`);
    await sh(`kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done" >/dev/null`);
    const replicas = await sh("for i in $(seq 90); do r=$(kubectl get deploy php-apache -o jsonpath='{.spec.replicas}'); [ \"$r\" -gt 1 ] && break; sleep 1; done; echo $r");
    expect(Number(replicas)).toBeGreaterThan(1);
    const ev = await sh("kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler,reason=SuccessfulRescale -o jsonpath='{.items[0].message}'");
    expect(ev).toMatch(/^New size: \d+; reason: cpu resource utilization \(percentage of request\) above target$/);
    // the status write follows the event by a moment
    expect(await sh("for i in $(seq 20); do t=$(kubectl get hpa php-apache --no-headers | awk '{print $3, $4}'); case $t in *unknown*) sleep 1;; *) break;; esac; done; echo $t")).toMatch(/^cpu: \d+%\/50%$/);
  }, 150_000);

  it("signs an approved CSR whose certificate authenticates with kubectl", async () => {
    const out = await sh(`cd /tmp && openssl genrsa -out jane.key 2048 2>/dev/null && openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr && cat <<Y | kubectl apply -f - >/dev/null
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: jane}
spec:
  request: $(base64 -w0 jane.csr)
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: [client auth]
Y
kubectl certificate approve jane && for i in $(seq 20); do c=$(kubectl get csr jane -o jsonpath='{.status.certificate}'); [ -n "$c" ] && break; sleep 1; done; echo "$c" | base64 -d > jane.crt && openssl x509 -in jane.crt -noout -subject && kubectl get csr jane --no-headers | awk '{print $NF}' && kubectl config set-credentials jane --client-certificate=jane.crt --client-key=jane.key >/dev/null && kubectl --user=jane auth whoami -o jsonpath='{.status.userInfo.username}'`);
    expect(out).toBe("certificatesigningrequest.certificates.k8s.io/jane approved\nsubject=O = dev, CN = jane\nApproved,Issued\njane");
  }, 60_000);
});

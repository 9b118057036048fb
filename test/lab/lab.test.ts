// A fresh lab driven by the real kubectl v1.32.3, etcdctl, openssl and ssh, as a student would.
// Expected texts are kubectl's and kube-apiserver's own (printers.go column names, apimachinery
// error messages, kubectl's "Error from server (Reason): ..." prefix and exit code 1).
import { describe, expect, it } from "vitest";
import { useLab } from "./helpers.js";

const { run } = useLab("fidelity");

describe("kubectl against a fresh lab", () => {
  it("lists the three nodes Ready with their roles and version", async () => {
    const r = await run("kubectl get nodes --no-headers | awk '{print $1, $2, $3, $5}'");
    expect(r.stdout).toBe("controlplane Ready control-plane v1.32.3\nnode01 Ready <none> v1.32.3\nnode02 Ready <none> v1.32.3\n");
    expect(r.code).toBe(0);
  });

  it("prints the Node table's wide columns in upstream's order", async () => {
    const r = await run("kubectl get nodes -o wide | head -1");
    expect(r.stdout.split(/\s{2,}/).map((s) => s.trim())).toEqual(["NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]);
  });

  it("has the namespaces of cluster-spec.md", async () => {
    const r = await run("kubectl get ns -o name");
    expect(r.stdout.trim().split("\n")).toEqual(["default", "ingress-nginx", "kube-node-lease", "kube-public", "kube-system", "local-path-storage", "nginx-gateway"].map((n) => `namespace/${n}`));
  });

  it("serves the server version of v1.32.3", async () => {
    const r = await run("kubectl version -o json | jq -r .serverVersion.gitVersion");
    expect(r.stdout).toBe("v1.32.3\n");
  });

  it("creates, reads and deletes a ConfigMap (protobuf body from kubectl create)", async () => {
    const r = await run("kubectl create configmap app --from-literal=mode=blue && kubectl get configmap app -o jsonpath='{.data.mode}' && echo && kubectl delete configmap app");
    expect(r.stdout).toBe('configmap/app created\nblue\nconfigmap "app" deleted\n');
    expect(r.code).toBe(0);
  });

  it("answers NotFound with apimachinery's message and kubectl exits 1", async () => {
    const r = await run("kubectl get configmap nope");
    expect(r.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(r.code).toBe(1);
  });

  it("refuses a duplicate with AlreadyExists", async () => {
    const r = await run("kubectl create namespace dup && kubectl create namespace dup");
    expect(r.stderr).toBe('Error from server (AlreadyExists): namespaces "dup" already exists\n');
    expect(r.code).toBe(1);
  });

  it("rejects an invalid name with the RFC 1123 message", async () => {
    const r = await run("kubectl create configmap Bad_Name");
    expect(r.stderr).toContain(`ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
    expect(r.code).toBe(1);
  });

  it("selects by label", async () => {
    const r = await run("kubectl -n kube-system get pods -l k8s-app=kube-dns -o name | wc -l");
    expect(r.stdout.trim()).toBe("2");
  });

  it("answers auth can-i from RBAC for an impersonated user", async () => {
    const r = await run(
      `kubectl create namespace team && kubectl -n team create role reader --verb=get,list --resource=pods >/dev/null && kubectl -n team create rolebinding reader --role=reader --user=jane >/dev/null
       kubectl auth can-i list pods -n team --as=jane; kubectl auth can-i delete pods -n team --as=jane; kubectl auth can-i list pods -n default --as=jane; true`,
    );
    expect(r.stdout).toBe("namespace/team created\nyes\nno\nno\n");
  });

  it("says who the admin is", async () => {
    const r = await run("kubectl auth whoami -o jsonpath='{.status.userInfo.username} {.status.userInfo.groups}'");
    expect(r.stdout).toBe('kubernetes-admin ["kubeadm:cluster-admins","system:authenticated"]');
  });
});

describe("etcd, PKI and nodes", () => {
  const etcdctl = "ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/apiserver-etcd-client.crt --key=/etc/kubernetes/pki/apiserver-etcd-client.key";

  it("stores objects in the real etcd under kube-apiserver's keys", async () => {
    const r = await run(`kubectl create namespace billing >/dev/null && kubectl -n billing create configmap flags --from-literal=x=1 >/dev/null && ${etcdctl} get /registry/configmaps/billing/ --prefix --keys-only | grep flags`);
    expect(r.stdout.trim()).toBe("/registry/configmaps/billing/flags");
  });

  it("lists the etcd member as kubeadm configured it", async () => {
    const r = await run(`${etcdctl} member list -w simple | cut -d, -f2-`);
    expect(r.stdout.trim()).toBe("started, controlplane, https://172.30.1.2:2380, https://172.30.1.2:2379, false");
  });

  it("saves a snapshot that etcdctl can read back", async () => {
    const r = await run(`${etcdctl} snapshot save /root/snap.db >/dev/null 2>&1 && ETCDCTL_API=3 etcdctl snapshot status /root/snap.db -w json | jq -r '.totalKey > 100'`);
    expect(r.stdout.trim()).toBe("true");
  });

  it("serves apiserver.crt on 172.30.1.2:6443", async () => {
    const r = await run("diff <(openssl s_client -connect 172.30.1.2:6443 </dev/null 2>/dev/null | openssl x509 -noout -fingerprint) <(openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -fingerprint) && echo same");
    expect(r.stdout.trim()).toBe("same");
  });

  it("reaches the workers over ssh and their kubelet config", async () => {
    const r = await run("ssh node01 hostname && ssh node02 'grep -c clusterDNS /var/lib/kubelet/config.yaml'");
    expect(r.stdout).toBe("node01\n1\n");
  });

  it("lets a worker reach the API at the advertise address", async () => {
    const r = await run("curl -sk https://172.30.1.2:6443/version | jq -r .gitVersion", "node01");
    expect(r.stdout.trim()).toBe("v1.32.3");
  });
});

describe("isolation", () => {
  it("does not show the host's files or processes", async () => {
    // The node's own processes (its daemons' and containers' stand-ins) are there; the host's
    // (this test runner, the Drydock server) are not.
    const r = await run("ls /work 2>&1; ps -eo args --no-headers | grep -c -e '[v]itest' -e '[d]rydock'");
    expect(r.stdout).toMatch(/No such file or directory/);
    expect(r.stdout.trim().split("\n").pop()).toBe("0");
  });

  it("keeps the host's loopback services out of reach", async () => {
    const r = await run("curl -s --max-time 2 http://127.0.0.1:3000/healthz; echo rc=$?");
    expect(r.stdout).toMatch(/rc=7/);
  });
});

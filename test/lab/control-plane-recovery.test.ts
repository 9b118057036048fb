// The control plane breaks and recovers as a kubeadm cluster's does: a static pod manifest edit
// restarts the component with the new flags, a bad flag crash-loops it with the component's own
// error, and fixing the file brings the API back on the same data. etcd's messages are etcd
// 3.4's (etcdmain "listener failed"); the API server's are grpc-go's dial warnings, naming the
// --etcd-servers address.
import { describe, expect, it } from "vitest";
import { useLab } from "./helpers.js";

const { sh } = useLab("recovery");

const MANIFEST = "/etc/kubernetes/manifests/etcd.yaml";
const waitReady = (want: "ok" | "down") =>
  want === "ok"
    ? "for i in $(seq 90); do kubectl get --raw=/readyz --request-timeout=3s >/dev/null 2>&1 && break; sleep 1; done; kubectl get --raw=/readyz --request-timeout=5s"
    : "for i in $(seq 60); do kubectl get --raw=/readyz --request-timeout=3s >/dev/null 2>&1 || break; sleep 1; done";

describe("a broken etcd manifest", () => {
  it("crash-loops etcd with its real error and takes the API down", async () => {
    await sh("kubectl create namespace canary && kubectl -n canary create configmap marker --from-literal=keep=yes");
    await sh(`sed -i 's#--cert-file=/etc/kubernetes/pki/etcd/server.crt#--cert-file=/etc/kubernetes/pki/etcd/missing.crt#' ${MANIFEST}`);
    await sh(waitReady("down"));
    const logs = await sh("sleep 3; for c in $(crictl ps -a -q --name '^etcd$'); do crictl logs $c 2>&1; done");
    expect(logs).toContain('"msg":"listener failed","error":"open /etc/kubernetes/pki/etcd/missing.crt: no such file or directory"');
    expect(await sh("crictl ps -a --name '^etcd$' -o json | jq '[.containers[] | select(.state == \"CONTAINER_EXITED\")] | length'")).not.toBe("0");
  }, 120_000);

  it("keeps the lab's host paths out of the API server's log", async () => {
    const logs = await sh("for f in /var/log/pods/kube-system_kube-apiserver-*/kube-apiserver/*.log; do cat $f; done");
    expect(logs).not.toMatch(/drydock|\.sock/);
  });

  it("comes back with the cluster's data once the manifest is fixed", async () => {
    await sh(`sed -i 's#--cert-file=/etc/kubernetes/pki/etcd/missing.crt#--cert-file=/etc/kubernetes/pki/etcd/server.crt#' ${MANIFEST}`);
    expect(await sh(waitReady("ok"))).toBe("ok");
    expect(await sh("kubectl -n canary get configmap marker -o jsonpath='{.data.keep}'")).toBe("yes");
    const ready = await sh("for i in $(seq 60); do r=$(kubectl -n kube-system get pod etcd-controlplane -o jsonpath='{.status.containerStatuses[0].ready}'); [ \"$r\" = true ] && break; sleep 1; done; echo $r");
    expect(ready).toBe("true");
  }, 150_000);
});

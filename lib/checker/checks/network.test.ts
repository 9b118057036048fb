// Outputs below are the real tools' texts: kubectl auth can-i (kubectl/pkg/cmd/auth/cani.go),
// curl 7.88/8.x error lines, busybox 1.36 wget -S and nslookup, kubectl exec's errors.
import { describe, expect, it } from "vitest";
import { FakeLab, check, type Scripted } from "../testing.js";
import { evaluate } from "./index.js";
import { parseNslookup } from "./network.js";

const K = "kubectl --kubeconfig=/etc/kubernetes/admin.conf --request-timeout=10s";
const MARK = "\n__DRYDOCK_HTTP_STATUS__";
const CURL = `curl -sS -k --max-time 5 -w '${MARK}%{http_code}' 'http://172.30.2.2:30080/'`;
const WGET = `${K} exec -n 'default' 'client' -- 'wget' '-S' '-O' '-' '-T' '5' 'http://web.shop'`;
const NSLOOKUP = `${K} exec -n 'default' 'client' -- 'nslookup' 'web.shop.svc.cluster.local'`;
const WGET_200 = "Connecting to web.shop (10.96.12.7:80)\n  HTTP/1.1 200 OK\n  Server: nginx/1.27.4\n  Content-Type: text/html\nwriting to stdout\n";
const NS_OK = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\nName:\tweb.shop.svc.cluster.local\nAddress: 10.96.12.7\n\n";
const NS_NX = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web.shop.svc.cluster.local: NXDOMAIN\n\n";

interface Case {
  name: string;
  check: Record<string, unknown>;
  lab: Scripted[];
  want: { passed: boolean; detail: string };
}

const canI = { type: "can-i", as: "jane", verb: "list", resource: "pods", namespace: "dev" };
const saCanI = { type: "can-i", serviceAccount: "ci/deployer", verb: "create", resource: "deployments", namespace: "ci", allowed: false };
const http = { type: "http", from: { node: "controlplane" }, url: "http://172.30.2.2:30080/" };
const podHttp = { type: "http", from: { pod: "client" }, url: "http://web.shop" };
const dns = { type: "dns", from: { pod: "client" }, query: "web.shop.svc.cluster.local" };

const cases: Case[] = [
  { name: "can-i: yes as expected", check: { ...canI, allowed: true }, lab: [{ script: `${K} auth can-i 'list' 'pods' --as='jane' -n 'dev'`, result: { stdout: "yes\n" } }], want: { passed: true, detail: "can-i user jane list pods in dev: yes" } },
  { name: "can-i: no where yes is needed", check: { ...canI, allowed: true }, lab: [{ script: `${K} auth can-i 'list' 'pods' --as='jane' -n 'dev'`, result: { stdout: "no\n", code: 1 } }], want: { passed: false, detail: "can-i user jane list pods in dev: no" } },
  { name: "can-i: a ServiceAccount denied, with a reason", check: saCanI, lab: [{ script: `${K} auth can-i 'create' 'deployments' --as='system:serviceaccount:ci:deployer' -n 'ci'`, result: { stdout: "no - RBAC: role.rbac.authorization.k8s.io \"x\" not found\n", code: 1 } }], want: { passed: true, detail: "can-i serviceaccount ci/deployer create deployments in ci: no" } },
  { name: "can-i: groups, a name, all namespaces", check: { type: "can-i", as: "bob", groups: ["ops"], verb: "get", resource: "secrets", name: "db", namespace: "*", allowed: true }, lab: [{ script: `${K} auth can-i 'get' 'secrets/db' --as='bob' --as-group='ops' -A`, result: { stdout: "yes\n" } }], want: { passed: true, detail: "can-i user bob get secrets/db in all namespaces: yes" } },
  { name: "can-i: a subresource", check: { ...canI, verb: "get", subresource: "log", allowed: true }, lab: [{ script: `${K} auth can-i 'get' 'pods' --as='jane' --subresource='log' -n 'dev'`, result: { stdout: "yes\n" } }], want: { passed: true, detail: "can-i user jane get pods (log) in dev: yes" } },
  { name: "can-i: the API server is down", check: { ...canI, allowed: false }, lab: [{ script: `${K} auth can-i 'list' 'pods' --as='jane' -n 'dev'`, result: { code: 1, stderr: "The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n" } }], want: { passed: false, detail: "kubectl auth can-i failed (exit 1): The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?" } },
  { name: "http from a node: status and body", check: { ...http, status: 200, body: { contains: "Welcome to nginx" } }, lab: [{ script: CURL, result: { stdout: `<h1>Welcome to nginx!</h1>${MARK}200` } }], want: { passed: true, detail: "http://172.30.2.2:30080/ from node controlplane: HTTP 200" } },
  { name: "http from a node: wrong status", check: { ...http, status: 200 }, lab: [{ script: CURL, result: { stdout: `nope${MARK}503` } }], want: { passed: false, detail: "http://172.30.2.2:30080/ from node controlplane answered HTTP 503, expected 200" } },
  { name: "http from a node: connection refused", check: { ...http, status: 200 }, lab: [{ script: CURL, result: { code: 7, stdout: `${MARK}000`, stderr: "curl: (7) Failed to connect to 172.30.2.2 port 30080 after 0 ms: Couldn't connect to server\n" } }], want: { passed: false, detail: "http://172.30.2.2:30080/ from node controlplane: curl: (7) Failed to connect to 172.30.2.2 port 30080 after 0 ms: Couldn't connect to server" } },
  { name: "http from a node: unreachable as wanted", check: { ...http, unreachable: true }, lab: [{ script: CURL, result: { code: 28, stdout: `${MARK}000`, stderr: "curl: (28) Connection timed out after 5002 milliseconds\n" } }], want: { passed: true, detail: "http://172.30.2.2:30080/ from node controlplane is unreachable: curl: (28) Connection timed out after 5002 milliseconds" } },
  { name: "http from a pod: 200", check: { ...podHttp, status: 200, body: { contains: "nginx" } }, lab: [{ script: WGET, result: { stdout: "<title>Welcome to nginx!</title>", stderr: WGET_200 } }], want: { passed: true, detail: "http://web.shop from pod default/client: HTTP 200" } },
  { name: "http from a pod: 404", check: { ...podHttp, status: 200 }, lab: [{ script: WGET, result: { code: 1, stderr: "Connecting to web.shop (10.96.12.7:80)\n  HTTP/1.1 404 Not Found\nwget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n" } }], want: { passed: false, detail: "http://web.shop from pod default/client answered HTTP 404, expected 200" } },
  { name: "http from a pod: refused", check: { ...podHttp, unreachable: true }, lab: [{ script: WGET, result: { code: 1, stderr: "Connecting to web.shop (10.96.12.7:80)\nwget: can't connect to remote host (10.96.12.7): Connection refused\ncommand terminated with exit code 1\n" } }], want: { passed: true, detail: "http://web.shop from pod default/client is unreachable: wget: can't connect to remote host (10.96.12.7): Connection refused" } },
  { name: "http from a missing pod", check: { ...podHttp, unreachable: true }, lab: [{ script: WGET, result: { code: 1, stderr: 'Error from server (NotFound): pods "client" not found\n' } }], want: { passed: false, detail: 'kubectl exec from pod default/client: Error from server (NotFound): pods "client" not found' } },
  { name: "dns: resolves to the expected address", check: { ...dns, address: { matches: "^10\\.96\\." } }, lab: [{ script: NSLOOKUP, result: { stdout: NS_OK } }], want: { passed: true, detail: "web.shop.svc.cluster.local resolves from pod default/client to 10.96.12.7" } },
  { name: "dns: NXDOMAIN", check: dns, lab: [{ script: NSLOOKUP, result: { code: 1, stdout: NS_NX, stderr: "command terminated with exit code 1\n" } }], want: { passed: false, detail: "web.shop.svc.cluster.local does not resolve from pod default/client: ** server can't find web.shop.svc.cluster.local: NXDOMAIN" } },
  { name: "dns: must not resolve", check: { ...dns, resolves: false }, lab: [{ script: NSLOOKUP, result: { stdout: NS_OK } }], want: { passed: false, detail: "web.shop.svc.cluster.local resolves from pod default/client to 10.96.12.7" } },
];

describe("can-i, http and dns checks", () => {
  it.each(cases)("$name", async ({ check: fields, lab, want }) => {
    expect(await evaluate(check(fields), new FakeLab(lab))).toEqual(want);
  });
});

describe("parseNslookup", () => {
  it.each([
    { name: "one address", out: NS_OK, want: ["10.96.12.7"] },
    { name: "NXDOMAIN", out: NS_NX, want: [] },
    { name: "a headless service, numbered addresses", out: "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      db.data\nAddress 1: 192.168.1.4\nAddress 2: 192.168.2.9\n", want: ["192.168.1.4", "192.168.2.9"] },
  ])("$name", ({ out, want }) => expect(parseNslookup(out)).toEqual(want));
});

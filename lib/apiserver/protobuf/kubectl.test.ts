// Bodies captured from the real kubectl (v1.32) with `--dry-run=server` against a recording HTTP
// server, compared with what the same kubectl prints for `--dry-run=client -o json`: the JSON the
// request would have carried. See testdata/kubectl/README.md for the commands.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeProtobufObject, isProtobufBody } from "./index.js";

const dir = new URL("./testdata/kubectl/", import.meta.url);
const bin = (name: string) => readFileSync(new URL(`${name}.bin`, dir));
const json = (name: string) => JSON.parse(readFileSync(new URL(`${name}.json`, dir), "utf8"));
/** Compare as JSON text would: null-prototype maps and plain objects alike. */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

describe("bodies kubectl sends decode to kubectl's own JSON", () => {
  const cases = [
    "deployment", // create deployment web --image=nginx:1.27 --replicas=2 --port=80
    "configmap", // create configmap app-config --from-literal=mode=prod --from-literal=level=3
    "secret-generic", // create secret generic db --from-literal=password=s3cr3t --from-literal=user=admin
    "secret-docker-registry", // create secret docker-registry reg --docker-server=... (data is []byte)
    "namespace", // create namespace dev
    "service-clusterip", // create service clusterip web --tcp=80:8080 (targetPort intstr)
    "service-nodeport", // create service nodeport np --tcp=80:8080 --node-port=30080
    "job", // create job pi --image=perl:5.34 -- perl -Mbignum=bpi -wle 'print bpi(20)'
    "cronjob", // create cronjob hello --image=busybox:1.36 --schedule='*/1 * * * *' -- date
    "serviceaccount", // create serviceaccount bot
    "role", // create role pod-reader --verb=get,list --resource=pods
    "rolebinding", // create rolebinding rb --role=pod-reader --serviceaccount=default:bot
    "clusterrole", // create clusterrole cr --verb=get --resource=deployments.apps
    "clusterrolebinding", // create clusterrolebinding crb --clusterrole=cr --user=jane
    "quota", // create quota q --hard=cpu=1,memory=1Gi,pods=10 (Quantity map)
    "priorityclass", // create priorityclass high --value=1000 --description=high
    "pdb", // create poddisruptionbudget pdb --selector=app=web --min-available=50%
    "ingress", // create ingress ing --rule="foo.com/bar=svc1:8080,tls=my-cert" --class=nginx
  ];
  it.each(cases)("%s", (name) => {
    const body = bin(name);
    expect(isProtobufBody(body)).toBe(true);
    expect(plain(decodeProtobufObject(body))).toEqual(json(name));
  });
});

// No client-side form exists for these; the expectations follow the Go types (authorization/v1,
// authentication/v1 types.go): fields without omitempty appear with their zero value (status.allowed
// false, token "", boundObjectRef null, expirationTimestamp null), and metadata carries
// creationTimestamp null as every Go-encoded object does.
describe("review and token requests kubectl sends", () => {
  const cases: { name: string; command: string; want: unknown }[] = [
    {
      name: "auth-can-i",
      command: "auth can-i create pods -n dev",
      want: {
        kind: "SelfSubjectAccessReview",
        apiVersion: "authorization.k8s.io/v1",
        metadata: { creationTimestamp: null },
        spec: { resourceAttributes: { namespace: "dev", verb: "create", resource: "pods" } },
        status: { allowed: false },
      },
    },
    {
      name: "auth-can-i-subresource",
      command: "auth can-i list deployments.apps --subresource=scale -n dev",
      want: {
        kind: "SelfSubjectAccessReview",
        apiVersion: "authorization.k8s.io/v1",
        metadata: { creationTimestamp: null },
        spec: { resourceAttributes: { namespace: "dev", verb: "list", group: "apps", resource: "deployments", subresource: "scale" } },
        status: { allowed: false },
      },
    },
    {
      name: "auth-whoami",
      command: "auth whoami",
      want: {
        kind: "SelfSubjectReview",
        apiVersion: "authentication.k8s.io/v1",
        metadata: { creationTimestamp: null },
        status: { userInfo: {} },
      },
    },
    {
      name: "create-token",
      command: "create token bot --duration=1h --audience=api",
      want: {
        kind: "TokenRequest",
        apiVersion: "authentication.k8s.io/v1",
        metadata: { creationTimestamp: null },
        spec: { audiences: ["api"], expirationSeconds: 3600, boundObjectRef: null },
        status: { token: "", expirationTimestamp: null },
      },
    },
  ];
  it.each(cases)("$command", ({ name, want }) => {
    expect(plain(decodeProtobufObject(bin(name)))).toEqual(want);
  });
});

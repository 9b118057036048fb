import { describe, expect, it } from "vitest";
import type { KObject } from "../api/types.js";
import { expand, makeEnvironmentVariables, serviceEnvFor, type EnvSources } from "./env.js";
import type { Container, Pod } from "./types.js";

const cm: KObject = { metadata: { name: "app", namespace: "web" }, data: { MODE: "prod", LEVEL: "debug" } };
const secret: KObject = { metadata: { name: "db", namespace: "web" }, data: { password: Buffer.from("s3cret").toString("base64") } };
const kubernetesSvc: KObject = { metadata: { name: "kubernetes", namespace: "default" }, spec: { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443, protocol: "TCP" }] } };

const src: EnvSources = {
  configMap: (ns, n) => (ns === "web" && n === "app" ? cm : undefined),
  secret: (ns, n) => (ns === "web" && n === "db" ? secret : undefined),
  services: [],
  hostIP: "172.30.2.2",
  podIP: "10.244.1.7",
  nodeAllocatable: { cpu: "2", memory: "3912Mi" },
};

const pod = (c: Container): Pod => ({ metadata: { name: "p", namespace: "web", uid: "u1", labels: { app: "x" } }, spec: { nodeName: "node01", containers: [c] } });
const env = (c: Partial<Container>) => {
  const container = { name: "c", ...c };
  return makeEnvironmentVariables(pod(container), container, src);
};

describe("makeEnvironmentVariables", () => {
  const ok = [
    { name: "literal and expansion", c: { env: [{ name: "A", value: "1" }, { name: "B", value: "$(A)-$(NOPE)-$$(A)" }] }, want: [{ name: "A", value: "1" }, { name: "B", value: "1-$(NOPE)-$(A)" }] },
    { name: "envFrom with prefix, then env overrides", c: { envFrom: [{ configMapRef: { name: "app" }, prefix: "CFG_" }], env: [{ name: "CFG_MODE", value: "dev" }] }, want: [{ name: "CFG_MODE", value: "dev" }, { name: "CFG_LEVEL", value: "debug" }] },
    { name: "secretKeyRef decodes", c: { env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }] }, want: [{ name: "PW", value: "s3cret" }] },
    {
      name: "fieldRef",
      c: {
        env: [
          { name: "N", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
          { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          { name: "L", valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        ],
      },
      want: [{ name: "N", value: "p" }, { name: "NODE", value: "node01" }, { name: "IP", value: "10.244.1.7" }, { name: "L", value: "x" }],
    },
    {
      name: "resourceFieldRef defaults limits to allocatable and rounds cpu up",
      c: { resources: { requests: { cpu: "250m" } }, env: [{ name: "CPU", valueFrom: { resourceFieldRef: { resource: "requests.cpu" } } }, { name: "MEM", valueFrom: { resourceFieldRef: { resource: "limits.memory", divisor: "1Mi" } } }] },
      want: [{ name: "CPU", value: "1" }, { name: "MEM", value: "3912" }],
    },
    { name: "optional missing key skipped", c: { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "app", key: "nope", optional: true } } }] }, want: [] },
  ];
  for (const c of ok) it(c.name, () => expect(env(c.c as Partial<Container>)).toEqual(c.want));

  const bad = [
    { name: "missing configmap", c: { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "gone", key: "k" } } }] }, err: 'configmap "gone" not found' },
    { name: "missing configmap key", c: { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "app", key: "k" } } }] }, err: "couldn't find key k in ConfigMap web/app" },
    { name: "missing secret", c: { envFrom: [{ secretRef: { name: "gone" } }] }, err: 'secret "gone" not found' },
    { name: "missing secret key", c: { env: [{ name: "X", valueFrom: { secretKeyRef: { name: "db", key: "user" } } }] }, err: "couldn't find key user in Secret web/db" },
  ];
  for (const c of bad) it(c.name, () => expect(() => env(c.c as Partial<Container>)).toThrow(c.err));
});

describe("service links", () => {
  it("FromServices names every variable as envvars.go does", () => {
    expect(Object.fromEntries(serviceEnvFor([kubernetesSvc]))).toEqual({
      KUBERNETES_SERVICE_HOST: "10.96.0.1",
      KUBERNETES_SERVICE_PORT: "443",
      KUBERNETES_SERVICE_PORT_HTTPS: "443",
      KUBERNETES_PORT: "tcp://10.96.0.1:443",
      KUBERNETES_PORT_443_TCP: "tcp://10.96.0.1:443",
      KUBERNETES_PORT_443_TCP_PROTO: "tcp",
      KUBERNETES_PORT_443_TCP_PORT: "443",
      KUBERNETES_PORT_443_TCP_ADDR: "10.96.0.1",
    });
  });
  it("expand leaves an unterminated reference", () => expect(expand("a$(B", () => "x")).toBe("a$(B"));
});

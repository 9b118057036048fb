import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FakeCluster, counterRandom } from "../../../cluster/client/fake.js";
import { GR } from "../../../cluster/client/types.js";
import { FakeTime } from "../../../cluster/runtime/timers.js";
import { run } from "../../systemd/testing";
import { kubeadmCommand } from "./index";
import { expiresText } from "./certs";
import { shortHumanDuration, tabwrite } from "../tabwriter";

function setup() {
  const time = new FakeTime("2026-11-25T10:00:00Z");
  const cluster = new FakeCluster(time);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-kubeadm-"));
  const cmd = kubeadmCommand({ client: async () => cluster, nodePath: (p) => path.join(root, p), time, random: counterRandom() });
  return { time, cluster, cmd, root, nodePath: (p: string) => path.join(root, p) };
}

describe("kubeadm token", () => {
  it("create writes kubeadm's bootstrap token Secret and list shows it", async () => {
    const { cluster, cmd, nodePath, time } = setup();
    const r = await run(cmd, ["kubeadm", "token", "create", "abcdef.0123456789abcdef", "--description", "for node03"], { nodePath });
    expect(r).toEqual({ code: 0, out: "abcdef.0123456789abcdef\n", err: "" });
    const s = cluster.get(GR.secrets, "kube-system", "bootstrap-token-abcdef")!;
    const data = Object.fromEntries(Object.entries(s.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]));
    expect([s.type, data]).toEqual([
      "bootstrap.kubernetes.io/token",
      {
        "token-id": "abcdef",
        "token-secret": "0123456789abcdef",
        description: "for node03",
        expiration: "2026-11-26T10:00:00Z",
        "usage-bootstrap-signing": "true",
        "usage-bootstrap-authentication": "true",
        "auth-extra-groups": "system:bootstrappers:kubeadm:default-node-token",
      },
    ]);
    await run(cmd, ["kubeadm", "token", "create", "ghijkl.0123456789abcdef", "--ttl", "0", "--usages", "signing"], { nodePath });
    await time.advance(1000);
    // The row layout of a real `kubeadm token list` (tabwriter 10/4/3).
    expect((await run(cmd, ["kubeadm", "token", "list"], { nodePath })).out).toBe(
      [
        "TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS",
        "abcdef.0123456789abcdef   23h         2026-11-26T10:00:00Z   authentication,signing   for node03    system:bootstrappers:kubeadm:default-node-token",
        "ghijkl.0123456789abcdef   <forever>   <never>                signing                  <none>        system:bootstrappers:kubeadm:default-node-token",
        "",
      ].join("\n"),
    );
    expect(await run(cmd, ["kubeadm", "token", "delete", "abcdef"], { nodePath })).toEqual({ code: 0, out: 'bootstrap token "abcdef" deleted\n', err: "" });
    expect(cluster.get(GR.secrets, "kube-system", "bootstrap-token-abcdef")).toBeUndefined();
  });

  it("create --print-join-command prints join.go's template with its spacing", async () => {
    const { cmd, nodePath, root } = setup();
    const ca = fs.readFileSync(new URL("./testdata/ca.crt", import.meta.url), "utf8");
    fs.mkdirSync(path.join(root, "etc/kubernetes"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "etc/kubernetes/admin.conf"),
      `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${Buffer.from(ca).toString("base64")}\n    server: https://172.30.1.2:6443\n  name: kubernetes\ncontexts:\n- context:\n    cluster: kubernetes\n    user: kubernetes-admin\n  name: kubernetes-admin@kubernetes\ncurrent-context: kubernetes-admin@kubernetes\nkind: Config\nusers: []\n`,
    );
    const r = await run(cmd, ["kubeadm", "token", "create", "abcdef.0123456789abcdef", "--print-join-command"], { nodePath });
    const hash = fs.readFileSync(new URL("./testdata/ca.hash", import.meta.url), "utf8").trim();
    expect(r.out).toBe(`kubeadm join 172.30.1.2:6443 --token abcdef.0123456789abcdef     --discovery-token-ca-cert-hash ${hash} \n`);
  });

  it.each([
    ["bad token", ["create", "abc"], `the bootstrap token "abc" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`],
    ["unknown token on delete", ["delete", "zzzzzz"], `failed to delete bootstrap token "zzzzzz": secrets "bootstrap-token-zzzzzz" not found`],
  ])("%s", async (_n, args, msg) => {
    const { cmd } = setup();
    expect(await run(cmd, ["kubeadm", "token", ...args])).toEqual({ code: 1, out: "", err: `${msg}\nTo see the stack trace of this error execute with --v=5 or higher\n` });
  });
});

describe("kubeadm version and config images list", () => {
  it.each([
    [["version", "-o", "short"], "v1.32.3\n"],
    [
      ["version"],
      'kubeadm version: &version.Info{Major:"1", Minor:"32", GitVersion:"v1.32.3", GitCommit:"32cc146f75aad04beaaa245a7157eb35063a9f99", GitTreeState:"clean", BuildDate:"2025-03-11T19:52:21Z", GoVersion:"go1.23.6", Compiler:"gc", Platform:"linux/amd64"}\n',
    ],
    [
      ["config", "images", "list"],
      "registry.k8s.io/kube-apiserver:v1.32.3\nregistry.k8s.io/kube-controller-manager:v1.32.3\nregistry.k8s.io/kube-scheduler:v1.32.3\nregistry.k8s.io/kube-proxy:v1.32.3\nregistry.k8s.io/coredns/coredns:v1.11.3\nregistry.k8s.io/pause:3.10\nregistry.k8s.io/etcd:3.5.16-0\n",
    ],
  ])("kubeadm %j", async (args, out) => {
    const { cmd } = setup();
    expect(await run(cmd, ["kubeadm", ...args])).toEqual({ code: 0, out, err: "" });
  });
});

describe("check-expiration formats", () => {
  it.each([
    [360 * 86400e3, "360d"],
    [9.5 * 365 * 86400e3, "9y"],
    [23.99 * 3600e3, "23h"],
    [-5000, "<invalid>"],
  ])("ShortHumanDuration(%d)", (ms, want) => expect(shortHumanDuration(ms)).toBe(want));
  it("Go's 'Jan 02, 2006 15:04 MST'", () => expect(expiresText(new Date("2026-08-19T09:03:41Z"))).toBe("Aug 19, 2026 09:03 UTC"));
  it("tabwriter pads the killercoda sample's CA table the same way", () =>
    expect(tabwrite([["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"], ["ca", "Aug 17, 2035 09:03 UTC", "9y", "no      "]])).toBe(
      "CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED\nca                      Aug 17, 2035 09:03 UTC   9y              no      \n",
    ));
});

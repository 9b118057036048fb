import { describe, expect, it } from "vitest";
import { computeDetachedSignature } from "../../../../cluster/bootstrap/kubeadm.js";
import { GR } from "../../../../cluster/client/types.js";
import { fakeProgram, systemdFixture } from "../../../systemd/testing";
import { commandExec, goDurationNs, initSystem } from "../node-exec";
import { ignoreSet } from "../preflight";
import { allowHashes } from "./discovery";
import { parseJoinFlags, validateJoin } from "./flags";
import { joinFixture } from "./testing";

describe("pubkeypin.Set.Allow texts", () => {
  const cases: [string, string, string][] = [
    ["no format", "abc", 'invalid hash, expected "format:hex-value". Known format(s) are: sha256'],
    ["unknown format", "md5:abc", 'unknown hash format "md5". Known format(s) are: sha256'],
    ["too long", "sha256:" + "a".repeat(66), `invalid hash "sha256:${"a".repeat(66)}", expected a 32 byte SHA-256 hash, found 33 bytes`],
    ["not hex", "sha256:" + "g".repeat(64), `invalid hash "sha256:${"g".repeat(64)}", could not decode SHA-256 from hex: encoding/hex: invalid byte: U+0067 'g'`],
  ];
  for (const [name, hash, err] of cases) it(name, () => expect(allowHashes([hash])).toBe(err));
  it("upper-case hex is accepted and lowered", () => expect(allowHashes(["SHA256:" + "AB".repeat(32)])).toEqual(new Set(["ab".repeat(32)])));
});

describe("join flag validation (aggregate of field errors)", () => {
  it("no endpoint and a malformed token", () => {
    const f = parseJoinFlags(["--token", "foo", "--discovery-token-unsafe-skip-ca-verification"]);
    expect(typeof f === "string" ? f : validateJoin(f)).toBe(
      '[discovery.bootstrapToken: Required value: APIServerEndpoint is not set, discovery.bootstrapToken.token: Invalid value: "foo": the bootstrap token is invalid, discovery.tlsBootstrapToken: Invalid value: "foo": the bootstrap token is invalid]',
    );
  });
  it("an endpoint without port", () => {
    const f = parseJoinFlags(["10.0.0.1", "--token", "abcdef.0123456789abcdef", "--discovery-token-unsafe-skip-ca-verification"]);
    expect(typeof f === "string" ? f : validateJoin(f)).toBe('discovery.bootstrapToken.apiServerEndpoint: Invalid value: "10.0.0.1": address 10.0.0.1: missing port in address');
  });
  it("unknown flags and extra arguments", () => {
    expect(parseJoinFlags(["--tokn", "x"])).toBe("unknown flag: --tokn");
    expect(parseJoinFlags(["a:1", "b:2"])).toBe("accepts at most 1 arg(s), received 2");
  });
  it("'all' must stand alone in --ignore-preflight-errors", () => {
    expect(ignoreSet(["all,Port-10250"])).toBe(`ignorePreflightErrors: Invalid value: "all,port-10250": don't specify individual checks if 'all' is used`);
  });
});

describe("Go durations", () => {
  const cases: [number, string][] = [
    [501_326_007, "501.326007ms"],
    [1_001_748_657, "1.001748657s"],
    [500_000_000, "500ms"],
    [666_947, "666.947µs"],
  ];
  for (const [ns, text] of cases) it(text, () => expect(goDurationNs(ns)).toBe(text));
});

describe("bootstrap signer stand-in", () => {
  it("token create signs cluster-info for the token; token delete removes the signature", async () => {
    const f = await joinFixture();
    const cmd = (args: string[]) => f.kubeadm("controlplane", args);
    expect((await cmd(["token", "create", "ghijkl.0123456789abcdef"])).code).toBe(0);
    const data = () => f.cluster.get(GR.configmaps, "kube-public", "cluster-info")!.data as Record<string, string>;
    expect(data()["jws-kubeconfig-ghijkl"]).toBe(computeDetachedSignature(data().kubeconfig, "ghijkl", "0123456789abcdef"));
    expect((await cmd(["token", "delete", "ghijkl"])).code).toBe(0);
    expect(Object.keys(data()).sort()).toEqual(["jws-kubeconfig-abcdef", "kubeconfig"]);
    // A token without the signing usage is not published.
    await cmd(["token", "create", "mnopqr.0123456789abcdef", "--usages", "authentication"]);
    expect(Object.keys(data()).sort()).toEqual(["jws-kubeconfig-abcdef", "kubeconfig"]);
  });
});

describe("commandExec", () => {
  it("runs a node command with captured output; a missing one is exit 127", async () => {
    const exec = commandExec((n) => (n === "systemctl" ? async (io) => (io.stdout.write(`ran ${io.argv.slice(1).join(" ")}\n`), io.stderr.write("w\n"), 3) : undefined), { nodePath: (p) => p, nodeName: "node01" });
    expect(await exec(["systemctl", "is-active", "kubelet"])).toEqual({ code: 3, stdout: "ran is-active kubelet\n", stderr: "w\n" });
    expect(await exec(["crictl", "pods"])).toEqual({ code: 127, stdout: "", stderr: 'exec: "crictl": executable file not found in $PATH' });
  });
});

describe("initSystem over the node's simulated systemd", () => {
  it("is-active/is-enabled/stop/restart of kubelet.service", async () => {
    let pid = 2000;
    const { sd, node, time } = systemdFixture(new Map([["/usr/bin/kubelet", fakeProgram({ pid: () => pid++ })]]));
    sd.bootUp();
    await time.advance(1000);
    const cmds = sd.commands();
    const init = initSystem(commandExec((n) => cmds.get(n), { nodePath: node.nodePath, nodeName: "node01" }));
    expect([await init.isActive("kubelet"), await init.isEnabled("kubelet")]).toEqual([true, true]);
    expect((await init.stop("kubelet")).code).toBe(0);
    expect(await init.isActive("kubelet")).toBe(false);
    expect((await init.restart("kubelet")).code).toBe(0);
    expect(await init.isActive("kubelet")).toBe(true);
  });
});

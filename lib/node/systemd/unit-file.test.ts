import { describe, expect, it } from "vitest";
import { KUBEADM_DROPIN, KUBELET_SERVICE } from "../kubeadm/kubelet";
import { expandCommand, parseEnvFile, splitWords } from "./unit-file";
import { loadUnit, parseSec, type UnitFs } from "./unit-loader";
import { formatRelative, formatTimespan, formatTimestamp } from "./time-format";

function memFs(files: Record<string, string>): UnitFs {
  return {
    read: (p) => files[p],
    readlink: () => undefined,
    list: (dir) => Object.keys(files).filter((p) => p.startsWith(dir + "/")).map((p) => p.slice(dir.length + 1)).filter((n) => !n.includes("/")),
  };
}

describe("unit loading", () => {
  const base = {
    "/usr/lib/systemd/system/kubelet.service": KUBELET_SERVICE,
    "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf": KUBEADM_DROPIN,
  };
  it("applies the kubeadm drop-in: ExecStart= resets the vendor command", () => {
    const def = loadUnit(memFs(base), "kubelet.service");
    expect(def.loadState).toBe("loaded");
    expect(def.execStart).toEqual({
      words: ["/usr/bin/kubelet", "$KUBELET_KUBECONFIG_ARGS", "$KUBELET_CONFIG_ARGS", "$KUBELET_KUBEADM_ARGS", "$KUBELET_EXTRA_ARGS"],
      ignoreFailure: false,
    });
    expect(def.environment).toEqual([
      ["KUBELET_KUBECONFIG_ARGS", "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"],
      ["KUBELET_CONFIG_ARGS", "--config=/var/lib/kubelet/config.yaml"],
    ]);
    expect(def.environmentFiles).toEqual([
      { path: "/var/lib/kubelet/kubeadm-flags.env", optional: true },
      { path: "/etc/default/kubelet", optional: true },
    ]);
    expect([def.restart, def.restartSecMs, def.description, def.documentation, def.wantedBy]).toEqual([
      "always",
      10000,
      "kubelet: The Kubernetes Node Agent",
      ["https://kubernetes.io/docs/"],
      ["multi-user.target"],
    ]);
    expect(def.dropIns).toEqual(["/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"]);
  });

  it.each([
    ["a second ExecStart without a reset", "[Service]\nExecStart=/usr/bin/kubelet --v=2\n", "bad-setting"],
    ["a reset followed by a new command", "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --v=2\n", "loaded"],
  ])("an /etc drop-in with %s", (_n, text, state) => {
    const def = loadUnit(memFs({ ...base, "/etc/systemd/system/kubelet.service.d/20-x.conf": text }), "kubelet.service");
    expect(def.loadState).toBe(state);
    expect(def.dropIns).toEqual(["/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf", "/etc/systemd/system/kubelet.service.d/20-x.conf"]);
    if (state === "bad-setting")
      expect(def.loadError).toBe("kubelet.service: Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.");
  });

  it("a drop-in in /etc hides the same name in /usr/lib", () => {
    const def = loadUnit(memFs({ ...base, "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf": "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet\n" }), "kubelet.service");
    expect(def.dropIns).toEqual(["/etc/systemd/system/kubelet.service.d/10-kubeadm.conf"]);
    expect(def.environment).toEqual([]);
  });

  it("a missing unit is not-found", () => expect(loadUnit(memFs({}), "foo.service").loadState).toBe("not-found"));
});

describe("command lines (man systemd.service)", () => {
  it.each([
    ["$VAR splits into words", ["/usr/bin/kubelet", "$A"], { A: "--x=1  --y=2" }, ["/usr/bin/kubelet", "--x=1", "--y=2"]],
    ["an empty $VAR vanishes", ["/usr/bin/kubelet", "$A", "$B"], { A: "" }, ["/usr/bin/kubelet"]],
    ["${VAR} stays one word", ["/bin/echo", "${A}"], { A: "a b" }, ["/bin/echo", "a b"]],
    ["${VAR} inside a word", ["--opt=${A}x"], { A: "1" }, ["--opt=1x"]],
  ])("%s", (_n, words, env, want) => expect(expandCommand(words, env)).toEqual(want));

  it("splits quoted words", () => expect(splitWords(`"A=b c" D=e 'F=g h'`)).toEqual(["A=b c", "D=e", "F=g h"]));

  it("reads environment files", () =>
    expect(parseEnvFile('# c\nKUBELET_KUBEADM_ARGS="--a=1 --b=2"\nKUBELET_EXTRA_ARGS=\nX=\'y z\'\n')).toEqual([
      ["KUBELET_KUBEADM_ARGS", "--a=1 --b=2"],
      ["KUBELET_EXTRA_ARGS", ""],
      ["X", "y z"],
    ]));

  it.each([
    ["10", 10000],
    ["100ms", 100],
    ["1min 30s", 90000],
    ["5s", 5000],
    ["x", undefined],
  ])("parse_sec(%s)", (v, ms) => expect(parseSec(v)).toBe(ms));
});

describe("time formats (src/test/test-time-util.c)", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  it.each([
    [5 * 60e3, "5min ago"],
    [62e3, "1min 2s ago"],
    [3e3, "3s ago"],
    [2 * 3600e3 + 5 * 60e3, "2h 5min ago"],
    [7 * 3600e3, "7h ago"],
    [3 * 86400e3, "3 days ago"],
  ])("relative %d ms", (d, want) => expect(formatRelative(new Date(now.getTime() - d), now)).toBe(want));
  it.each([
    [95, "95ms"],
    [3128, "3.128s"],
    [62345, "1min 2.345s"],
    [2000, "2s"],
    [3600e3 + 1500, "1h 1.5s"],
  ])("timespan %d ms", (ms, want) => expect(formatTimespan(ms)).toBe(want));
  it("timestamp", () => expect(formatTimestamp(new Date("2026-11-25T10:00:00Z"))).toBe("Wed 2026-11-25 10:00:00 UTC"));
});

import { describe, expect, it } from "vitest";
import fs from "node:fs";
import type { ProgramTable } from "../types";
import { fakeProgram, run, systemdFixture } from "./testing";

const KUBELET_ARGV = [
  "/usr/bin/kubelet",
  "--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf",
  "--kubeconfig=/etc/kubernetes/kubelet.conf",
  "--config=/var/lib/kubelet/config.yaml",
  "--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock",
  "--pod-infra-container-image=registry.k8s.io/pause:3.10",
];
const LABEL = "kubelet.service - kubelet: The Kubernetes Node Agent";

function pids(start: number) {
  let p = start;
  return () => p++;
}

describe("kubelet.service", () => {
  it("starts at boot with the drop-in's expanded command line and shows systemd 255's status", async () => {
    const calls: string[][] = [];
    const programs: ProgramTable = new Map([["/usr/bin/kubelet", fakeProgram({ pid: pids(1234), calls, line: 'I1125 10:00:00.123456    1234 server.go:486] "Kubelet version" kubeletVersion="v1.32.3"' })]]);
    const { sd, time } = systemdFixture(programs);
    sd.bootUp();
    expect(calls).toEqual([KUBELET_ARGV]);
    await time.advance(5 * 60_000);
    const r = await run(sd.commands().get("systemctl")!, ["systemctl", "status", "kubelet", "--no-pager"]);
    expect(r).toEqual({
      code: 0,
      err: "",
      out: [
        `● ${LABEL}`,
        "     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)",
        "    Drop-In: /usr/lib/systemd/system/kubelet.service.d",
        "             └─10-kubeadm.conf",
        "     Active: active (running) since Wed 2026-11-25 10:00:00 UTC; 5min ago",
        "       Docs: https://kubernetes.io/docs/",
        "   Main PID: 1234 (kubelet)",
        "      Tasks: 11 (limit: 4557)",
        "     Memory: 36.4M (peak: 37.9M)",
        "        CPU: 6.06s",
        "     CGroup: /system.slice/kubelet.service",
        `             └─1234 ${KUBELET_ARGV.join(" ")}`,
        "",
        `Nov 25 10:00:00 controlplane systemd[1]: Started ${LABEL}.`,
        'Nov 25 10:00:00 controlplane kubelet[1234]: I1125 10:00:00.123456    1234 server.go:486] "Kubelet version" kubeletVersion="v1.32.3"',
        "",
      ].join("\n"),
    });
  });

  it("reports the pid ps shows once it is known, for the Main PID and the lines logged before", async () => {
    let ready!: (pid: number) => void;
    const late: ProgramTable = new Map([
      [
        "/usr/bin/kubelet",
        (_argv, _env, io) => {
          io.log("first line");
          return { pid: 1, pidReady: new Promise<number>((r) => (ready = r)), stop: async () => {} };
        },
      ],
    ]);
    const { sd, time } = systemdFixture(late);
    sd.bootUp();
    ready(4321);
    await time.advance(1000);
    const r = await run(sd.commands().get("systemctl")!, ["systemctl", "status", "kubelet", "--no-pager"]);
    expect(r.out).toContain("   Main PID: 4321 (kubelet)");
    expect(r.out).toContain("controlplane kubelet[4321]: first line");
  });

  it("restarts a failing kubelet every RestartSec=10 and counts the restarts", async () => {
    const programs: ProgramTable = new Map([["/usr/bin/kubelet", fakeProgram({ pid: pids(2000), exitCode: 1 })]]);
    const { sd, time } = systemdFixture(programs);
    sd.bootUp();
    await time.advance(25_000);
    const r = await run(sd.commands().get("journalctl")!, ["journalctl", "-u", "kubelet", "--no-pager"]);
    const fail = (t: string) => [
      `Nov 25 ${t} controlplane systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE`,
      `Nov 25 ${t} controlplane systemd[1]: kubelet.service: Failed with result 'exit-code'.`,
    ];
    const restart = (t: string, n: number) => [
      `Nov 25 ${t} controlplane systemd[1]: kubelet.service: Scheduled restart job, restart counter is at ${n}.`,
      `Nov 25 ${t} controlplane systemd[1]: Stopped ${LABEL}.`,
      `Nov 25 ${t} controlplane systemd[1]: Started ${LABEL}.`,
    ];
    expect(r.out).toBe(
      [
        `Nov 25 10:00:00 controlplane systemd[1]: Started ${LABEL}.`,
        ...fail("10:00:00"),
        ...restart("10:00:10", 1),
        ...fail("10:00:10"),
        ...restart("10:00:20", 2),
        ...fail("10:00:20"),
        "",
      ].join("\n"),
    );
    const st = await run(sd.commands().get("systemctl")!, ["systemctl", "status", "kubelet", "-n", "0"]);
    expect(st.code).toBe(3);
    expect(st.out.split("\n").slice(4, 9)).toEqual([
      "     Active: activating (auto-restart) (Result: exit-code) since Wed 2026-11-25 10:00:20 UTC; 5s ago",
      "       Docs: https://kubernetes.io/docs/",
      "    Process: 2002 ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=1/FAILURE)",
      "   Main PID: 2002 (code=exited, status=1/FAILURE)",
      "        CPU: 60ms",
    ]);
  });

  it("a missing binary fails with status=203/EXEC", async () => {
    const { sd, time, journal } = systemdFixture(new Map());
    sd.bootUp();
    await time.advance(1);
    expect(journal.entries(["kubelet.service"]).map((e) => `${e.identifier}: ${e.message}`)).toEqual([
      `systemd: Started ${LABEL}.`,
      "(kubelet): kubelet.service: Unable to locate executable '/usr/bin/kubelet': No such file or directory",
      "(kubelet): kubelet.service: Failed at step EXEC spawning /usr/bin/kubelet: No such file or directory",
      "systemd: kubelet.service: Main process exited, code=exited, status=203/EXEC",
      "systemd: kubelet.service: Failed with result 'exit-code'.",
    ]);
  });

  it("keeps the old definition until daemon-reload and warns", async () => {
    const calls: string[][] = [];
    const programs: ProgramTable = new Map([["/usr/bin/kubelet", fakeProgram({ pid: pids(3000), calls })]]);
    const { sd, node } = systemdFixture(programs);
    sd.bootUp();
    node.write("/etc/systemd/system/kubelet.service.d/20-v.conf", "[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --v=4\n");
    const ctl = sd.commands().get("systemctl")!;
    const warning = "Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n";
    expect((await run(ctl, ["systemctl", "restart", "kubelet"])).err).toBe(warning);
    expect(calls[1]).toEqual(KUBELET_ARGV);
    await run(ctl, ["systemctl", "daemon-reload"]);
    expect(await run(ctl, ["systemctl", "restart", "kubelet"])).toEqual({ code: 0, out: "", err: "" });
    expect(calls[2]).toEqual(["/usr/bin/kubelet", "--v=4"]);
  });

  it("enable and disable print systemd's change lines", async () => {
    const { sd, node } = systemdFixture(new Map());
    const ctl = sd.commands().get("systemctl")!;
    expect(await run(ctl, ["systemctl", "disable", "kubelet"])).toEqual({ code: 0, out: "", err: 'Removed "/etc/systemd/system/multi-user.target.wants/kubelet.service".\n' });
    expect(await run(ctl, ["systemctl", "is-enabled", "kubelet"])).toEqual({ code: 1, out: "disabled\n", err: "" });
    expect(await run(ctl, ["systemctl", "enable", "kubelet"])).toEqual({
      code: 0,
      out: "",
      err: "Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /usr/lib/systemd/system/kubelet.service.\n",
    });
    expect(fs.readlinkSync(node.nodePath("/etc/systemd/system/multi-user.target.wants/kubelet.service"))).toBe("/usr/lib/systemd/system/kubelet.service");
    expect(await run(ctl, ["systemctl", "is-active", "kubelet"])).toEqual({ code: 3, out: "inactive\n", err: "" });
  });

  it.each([
    ["status", ["status", "foo"], 4, "Unit foo.service could not be found.\n"],
    ["start", ["start", "foo"], 5, "Failed to start foo.service: Unit foo.service not found.\n"],
    ["stop", ["stop", "foo"], 5, "Failed to stop foo.service: Unit foo.service not loaded.\n"],
    ["enable", ["enable", "foo"], 1, "Failed to enable unit: Unit file foo.service does not exist.\n"],
  ])("an unknown unit: %s", async (_n, args, code, err) => {
    const { sd } = systemdFixture(new Map());
    expect(await run(sd.commands().get("systemctl")!, ["systemctl", ...args])).toEqual({ code, out: "", err });
  });

  it("journalctl says -- No entries -- when nothing matches", async () => {
    const { sd } = systemdFixture(new Map());
    expect(await run(sd.commands().get("journalctl")!, ["journalctl", "-u", "containerd", "--since", "today"])).toEqual({ code: 0, out: "-- No entries --\n", err: "" });
  });
});

import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { containerConfig, newLab, sandboxConfig, type Lab } from "./testing.js";

async function run(lab: Lab, pod: string, image: string, over: Parameters<typeof containerConfig>[2] = {}) {
  const sb = await lab.rt.runPodSandbox(sandboxConfig(pod));
  const pulling = lab.rt.pullImage(image);
  await lab.time.advance(60_000);
  await pulling;
  const id = await lab.rt.createContainer(sb, containerConfig("c", image, over));
  await lab.rt.startContainer(id);
  await lab.flush();
  return { sb, id };
}

const logText = (lab: Lab, id: string) => lab.rt.readLog(id).toString().replace(/^\S+ /gm, "<t> ");

describe("shell containers", () => {
  it("a busybox script writes to a hostPath directory that is visible on the node's disk", async () => {
    const lab = newLab();
    const { id } = await run(lab, "writer", "busybox:1.36", {
      command: ["sh", "-c", "echo hello > /data/out.txt; echo done"],
      mounts: [{ containerPath: "/data", hostPath: "/srv/data" }],
    });
    await lab.waitExit(id);
    expect(fs.readFileSync(lab.hostFile("/srv/data/out.txt"), "utf8")).toBe("hello\n");
    expect(lab.rt.containerStatus(id)).toMatchObject({ state: "CONTAINER_EXITED", exitCode: 0, reason: "Completed" });
    expect(logText(lab, id)).toBe("<t> stdout F done\n");
  });

  it.each([
    { name: "exit code of the script", command: ["sh", "-c", "echo oops >&2; exit 3"], code: 3, reason: "Error", log: "<t> stderr F oops\n" },
    { name: "busybox with no command runs sh, which exits 0 at once", command: [], code: 0, reason: "Completed", log: "" },
    { name: "a missing command in a script is 127", command: ["sh", "-c", "foo"], code: 127, reason: "Error", log: "<t> stderr F bash: foo: command not found\n" },
  ])("$name", async ({ command, code, reason, log }) => {
    const lab = newLab();
    const { id } = await run(lab, "p", "busybox", { command });
    await lab.waitExit(id);
    expect(lab.rt.containerStatus(id)).toMatchObject({ state: "CONTAINER_EXITED", exitCode: code, reason });
    expect(logText(lab, id)).toBe(log);
  });

  it("logs go to /var/log/pods/<ns>_<pod>_<uid>/<container>/<attempt>.log with a /var/log/containers symlink", async () => {
    const lab = newLab();
    const { id } = await run(lab, "web", "busybox:1.28", { command: ["sh", "-c", "echo one; sleep 5; echo two; sleep 3600"] });
    const file = lab.hostFile("/var/log/pods/default_web_uid-web/c/0.log");
    expect(fs.readFileSync(file, "utf8")).toBe("2026-11-25T10:01:00Z stdout F one\n");
    await lab.time.advance(5000);
    await lab.flush();
    expect(fs.readFileSync(file, "utf8")).toBe("2026-11-25T10:01:00Z stdout F one\n2026-11-25T10:01:05Z stdout F two\n");
    expect(fs.readlinkSync(lab.hostFile(`/var/log/containers/web_default_c-${id}.log`))).toBe("/var/log/pods/default_web_uid-web/c/0.log");
  });

  it("stop: sh as PID 1 ignores SIGTERM and is killed at the grace deadline with 137", async () => {
    const lab = newLab();
    const { id } = await run(lab, "sleeper", "busybox", { command: ["sh", "-c", "sleep 3600"] });
    const stopping = lab.rt.stopContainer(id, 30);
    await lab.time.advance(29_000);
    expect(lab.rt.containerStatus(id)?.state).toBe("CONTAINER_RUNNING");
    await lab.time.advance(1_000);
    await stopping;
    expect(lab.rt.containerStatus(id)).toMatchObject({ state: "CONTAINER_EXITED", exitCode: 137, reason: "Error" });
  });

  it("a command the image lacks fails to start with containerd's StartError", async () => {
    const lab = newLab();
    const sb = await lab.rt.runPodSandbox(sandboxConfig("bad"));
    const p = lab.rt.pullImage("nginx:1.27");
    await lab.time.advance(10_000);
    await p;
    const id = await lab.rt.createContainer(sb, containerConfig("c", "nginx:1.27", { command: ["foo"] }));
    const msg =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown';
    await expect(lab.rt.startContainer(id)).rejects.toThrow(msg);
    expect(lab.rt.containerStatus(id)).toMatchObject({ state: "CONTAINER_EXITED", exitCode: 128, reason: "StartError", message: msg });
  });
});

describe("exec", () => {
  it.each([
    { name: "env and files", cmd: ["sh", "-c", "echo $GREETING; cat /etc/hostname"], stdout: "hi\nexec-pod\n", stderr: "", code: 0 },
    { name: "missing binary", cmd: ["foo"], stdout: "", stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown\n', code: 127 },
    { name: "bash is not in busybox", cmd: ["bash"], stdout: "", stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\n', code: 127 },
    { name: "exit code", cmd: ["sh", "-c", "exit 4"], stdout: "", stderr: "", code: 4 },
  ])("$name", async ({ cmd, stdout, stderr, code }) => {
    const lab = newLab();
    const sb = await lab.rt.runPodSandbox(sandboxConfig("exec-pod"));
    const p = lab.rt.pullImage("busybox:1.36");
    await lab.time.advance(10_000);
    await p;
    const id = await lab.rt.createContainer(sb, containerConfig("c", "busybox:1.36", { command: ["sleep", "infinity"], env: [{ name: "GREETING", value: "hi" }] }));
    await lab.rt.startContainer(id);
    const r = await lab.rt.execSync(id, cmd, 5);
    expect({ stdout: r.stdout.toString(), stderr: r.stderr.toString(), code: r.exitCode }).toEqual({ stdout, stderr, code });
  });

  it("echo > /proc/1/fd/1 from an exec lands in the container's log", async () => {
    const lab = newLab();
    const { id } = await run(lab, "p", "busybox", { command: ["sleep", "3600"] });
    await lab.rt.execSync(id, ["sh", "-c", "echo from-exec > /proc/1/fd/1"], 5);
    expect(logText(lab, id)).toBe("<t> stdout F from-exec\n");
  });
});

describe("memory", () => {
  it("polinux/stress over its memory limit is OOMKilled with 137", async () => {
    const lab = newLab();
    const { id } = await run(lab, "mem", "polinux/stress", {
      command: ["stress"],
      args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"],
      memoryLimitBytes: 100 * 1024 * 1024,
    });
    await lab.time.advance(1000);
    expect(lab.rt.containerStatus(id)).toMatchObject({ state: "CONTAINER_EXITED", exitCode: 137, reason: "OOMKilled" });
    expect(logText(lab, id)).toBe("<t> stdout F stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n");
  });
});

// busybox tail's follow modes (coreutils/tail.c): option parsing, the first part printed, and a
// sidecar's `tail -F` streaming a shared file into its container log.
import { describe, expect, it } from "vitest";
import { containerConfig, newLab, sandboxConfig } from "../../testing.js";
import { initialPart, parseTailArgs } from "./tail.js";

describe("parseTailArgs", () => {
  const base = { follow: null, count: 10, fromStart: false, intervalSec: 1, quiet: false, files: [], unsupported: false };
  it.each([
    { name: "-f FILE", args: ["-f", "/a"], want: { ...base, follow: "descriptor", files: ["/a"] } },
    { name: "-F with -n+1 glued", args: ["-n+1", "-F", "/a"], want: { ...base, follow: "name", fromStart: true, count: 1, files: ["/a"] } },
    { name: "-n 5 -f", args: ["-n", "5", "-f", "/a"], want: { ...base, follow: "descriptor", count: 5, files: ["/a"] } },
    { name: "combined -fn 3", args: ["-fn", "3", "/a"], want: { ...base, follow: "descriptor", count: 3, files: ["/a"] } },
    { name: "old style -20", args: ["-20", "/a"], want: { ...base, count: 20, files: ["/a"] } },
    { name: "-s interval and two files", args: ["-f", "-s", "2", "/a", "/b"], want: { ...base, follow: "descriptor", intervalSec: 2, files: ["/a", "/b"] } },
    { name: "-c is left to the bundled tail", args: ["-c", "5", "-f", "/a"], want: { ...base, follow: "descriptor", files: ["/a"], unsupported: true } },
    { name: "unknown option", args: ["-z", "/a"], want: "tail: invalid option -- 'z'" },
    { name: "bad number", args: ["-n", "x", "/a"], want: "tail: invalid number 'x'" },
  ])("$name", ({ args, want }) => {
    expect(parseTailArgs(args)).toEqual(want);
  });
});

describe("initialPart", () => {
  it.each([
    { name: "last 2 lines", text: "a\nb\nc\n", count: 2, fromStart: false, want: "b\nc\n" },
    { name: "from line 1", text: "a\nb\nc\n", count: 1, fromStart: true, want: "a\nb\nc\n" },
    { name: "from line 3", text: "a\nb\nc\n", count: 3, fromStart: true, want: "c\n" },
    { name: "unterminated last line", text: "a\nb", count: 1, fromStart: false, want: "b" },
    { name: "zero lines", text: "a\n", count: 0, fromStart: false, want: "" },
  ])("$name", ({ text, count, fromStart, want }) => {
    expect(initialPart(text, count, fromStart)).toBe(want);
  });
});

describe("tail -F in a container", () => {
  const logText = (lab: ReturnType<typeof newLab>, id: string) => lab.rt.readLog(id).toString().replace(/^\S+ /gm, "<t> ");

  it("streams a shared file's existing and appended lines into the container log", async () => {
    const lab = newLab();
    const sb = await lab.rt.runPodSandbox(sandboxConfig("logger"));
    const p = lab.rt.pullImage("busybox:1.36");
    await lab.time.advance(60_000);
    await p;
    const mounts = [{ containerPath: "/var/log/app", hostPath: "/srv/app-logs" }];
    const writer = await lab.rt.createContainer(sb, containerConfig("app", "busybox:1.36", { command: ["sh", "-c", "echo one >> /var/log/app/app.log; echo two >> /var/log/app/app.log"], mounts }));
    await lab.rt.startContainer(writer);
    await lab.waitExit(writer);
    const tail = await lab.rt.createContainer(sb, containerConfig("tail", "busybox:1.36", { command: ["sh", "-c", "tail -n+1 -F /var/log/app/app.log"], mounts }));
    await lab.rt.startContainer(tail);
    await lab.flush();
    expect(logText(lab, tail)).toBe("<t> stdout F one\n<t> stdout F two\n");
    const more = await lab.rt.createContainer(sb, containerConfig("more", "busybox:1.36", { command: ["sh", "-c", "echo three >> /var/log/app/app.log"], mounts }));
    await lab.rt.startContainer(more);
    await lab.waitExit(more);
    await lab.time.advance(1_000);
    await lab.flush();
    await lab.flush();
    expect(logText(lab, tail)).toBe("<t> stdout F one\n<t> stdout F two\n<t> stdout F three\n");
    expect(lab.rt.containerStatus(tail)).toMatchObject({ state: "CONTAINER_RUNNING" });
  });

  it("plain tail still works through the bundled command", async () => {
    const lab = newLab();
    const sb = await lab.rt.runPodSandbox(sandboxConfig("t"));
    const p = lab.rt.pullImage("busybox:1.36");
    await lab.time.advance(60_000);
    await p;
    const id = await lab.rt.createContainer(sb, containerConfig("c", "busybox:1.36", { command: ["sleep", "3600"] }));
    await lab.rt.startContainer(id);
    const r = await lab.rt.execSync(id, ["sh", "-c", "printf 'a\\nb\\nc\\n' > /tmp/f; tail -n 2 /tmp/f; printf 'x\\ny\\n' | tail -1"], 5);
    expect({ out: r.stdout.toString(), code: r.exitCode }).toEqual({ out: "b\nc\ny\n", code: 0 });
  });
});

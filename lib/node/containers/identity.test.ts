// The process user containerd derives from the CRI security context and the image's accounts,
// and what `id`, `whoami` and a read-only root file system show inside a container. Expected
// outputs: the Kubernetes "Configure a Security Context" task (uid=1000 gid=3000 groups=2000,3000
// style lists, sorted by the kernel) and `docker run busybox id` (groups=0(root),10(wheel)).
import { describe, expect, it } from "vitest";
import { processIdentity } from "./identity.js";
import { imageAccounts } from "./rootfs.js";
import { containerConfig, newLab, sandboxConfig } from "./testing.js";
import type { ContainerConfigWithSecurity, LinuxContainerSecurity } from "./identity.js";
import { findCatalogueEntry } from "./images/catalogue.js";

describe("processIdentity", () => {
  const busybox = imageAccounts(findCatalogueEntry("docker.io/library/busybox", "1.36"));
  it.each([
    { name: "root in busybox is also in wheel", sec: {}, user: "", want: { uid: 0, gid: 0, groups: [0, 10] } },
    { name: "runAsUser/runAsGroup/fsGroup", sec: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000] }, user: "", want: { uid: 1000, gid: 3000, groups: [2000, 3000] } },
    { name: "runAsUser alone keeps gid 0", sec: { runAsUser: 1000 }, user: "", want: { uid: 1000, gid: 0, groups: [0] } },
    { name: "a passwd user gets its gid", sec: { runAsUser: 33 }, user: "", want: { uid: 33, gid: 33, groups: [33] } },
    { name: "image USER uid:gid", sec: {}, user: "405:100", want: { uid: 405, gid: 100, groups: [100] } },
  ])("$name", ({ sec, user, want }) => {
    expect(processIdentity(sec as LinuxContainerSecurity, user, busybox.passwd, busybox.group)).toEqual(want);
  });
});

async function container(image: string, securityContext: LinuxContainerSecurity) {
  const lab = newLab();
  const sb = await lab.rt.runPodSandbox(sandboxConfig("p"));
  const p = lab.rt.pullImage(image);
  await lab.time.advance(60_000);
  await p;
  const config: ContainerConfigWithSecurity = { ...containerConfig("c", image, { command: ["sleep", "3600"] }), securityContext };
  const id = await lab.rt.createContainer(sb, config);
  await lab.rt.startContainer(id);
  return async (...cmd: string[]) => {
    const r = await lab.rt.execSync(id, cmd, 5);
    return { out: r.stdout.toString(), err: r.stderr.toString(), code: r.exitCode };
  };
}

describe("id and whoami in a container", () => {
  it.each([
    { name: "busybox as root", image: "busybox:1.36", sec: {}, cmd: ["id"], want: { out: "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n", err: "", code: 0 } },
    { name: "busybox with runAsUser 1000, runAsGroup 3000, fsGroup 2000", image: "busybox:1.36", sec: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000] }, cmd: ["id"], want: { out: "uid=1000 gid=3000 groups=2000,3000\n", err: "", code: 0 } },
    { name: "id -u", image: "busybox:1.36", sec: { runAsUser: 1000 }, cmd: ["id", "-u"], want: { out: "1000\n", err: "", code: 0 } },
    { name: "busybox whoami of an unknown uid", image: "busybox:1.36", sec: { runAsUser: 1000 }, cmd: ["whoami"], want: { out: "", err: "whoami: unknown uid 1000\n", code: 1 } },
    { name: "whoami as root", image: "busybox:1.36", sec: {}, cmd: ["whoami"], want: { out: "root\n", err: "", code: 0 } },
    { name: "GNU id in nginx lists the effective gid first", image: "nginx:1.27", sec: { runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000] }, cmd: ["id"], want: { out: "uid=1000 gid=3000 groups=3000,2000\n", err: "", code: 0 } },
  ])("$name", async ({ image, sec, cmd, want }) => {
    const run = await container(image, sec);
    expect(await run(...cmd)).toEqual(want);
  });
});

describe("readOnlyRootFilesystem", () => {
  it("refuses writes to the image's files but not to the kubelet's bind-mounted ones", async () => {
    const run = await container("nginx:1.27", { readonlyRootfs: true });
    expect(await run("touch", "/test.txt")).toEqual({ out: "", err: "touch: cannot touch '/test.txt': Read-only file system\n", code: 1 });
    expect(await run("mkdir", "/cache")).toEqual({ out: "", err: "mkdir: cannot create directory '/cache': Read-only file system\n", code: 1 });
    expect(await run("sh", "-c", "echo ok >> /dev/termination-log && echo written")).toEqual({ out: "written\n", err: "", code: 0 });
  });
});

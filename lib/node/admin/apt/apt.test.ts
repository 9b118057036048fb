import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../systemd/testing";
import { kubernetesAptSource } from "../../kubeadm/os";
import { aptCommands, installedVersion, KUBECTL_ALTERNATIVE } from "./index";
import { compareDebVersions } from "./debversion";
import { sizeToStr } from "./format";

function node() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-apt-"));
  const nodePath = (p: string) => path.join(root, p);
  fs.mkdirSync(nodePath("/etc/apt/sources.list.d"), { recursive: true });
  fs.writeFileSync(nodePath("/etc/apt/sources.list.d/kubernetes.list"), kubernetesAptSource("v1.32.3"));
  const cmds = aptCommands({ kubernetesVersion: "v1.32.3" });
  const apt = (name: string, ...args: string[]) => run(cmds.get(name)!, [name, ...args], { nodePath });
  const switchTo = (minor: string) =>
    fs.writeFileSync(
      nodePath("/etc/apt/sources.list.d/kubernetes.list"),
      `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/${minor}/deb/ /\n`,
    );
  return { root, nodePath, apt, switchTo };
}

const HEADER = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";

describe("apt-cache madison", () => {
  // The row format of the pkgs.k8s.io listings in the kubeadm-upgrade docs' transcripts.
  it("lists the configured channel's versions, newest first", async () => {
    const { apt } = node();
    expect(await apt("apt-cache", "madison", "kubeadm")).toEqual({
      code: 0,
      out: [
        "   kubeadm | 1.32.3-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "   kubeadm | 1.32.2-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "   kubeadm | 1.32.1-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "   kubeadm | 1.32.0-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "",
      ].join("\n"),
      err: "",
    });
  });

  it("offers v1.33 only after the source is switched and apt-get update ran", async () => {
    const { apt, switchTo, nodePath } = node();
    await apt("apt-cache", "madison", "kubeadm");
    switchTo("v1.33");
    expect((await apt("apt-cache", "madison", "kubeadm")).out).toBe("");
    const up = await apt("apt-get", "update");
    const packagesSize = fs.statSync(nodePath("/var/lib/apt/lists/pkgs.k8s.io_core:_stable:_v1.33_deb_Packages")).size;
    expect(up).toEqual({
      code: 0,
      out: [
        "Hit:1 http://archive.ubuntu.com/ubuntu noble InRelease",
        "Hit:2 http://archive.ubuntu.com/ubuntu noble-updates InRelease",
        "Hit:3 http://archive.ubuntu.com/ubuntu noble-backports InRelease",
        "Hit:4 http://security.ubuntu.com/ubuntu noble-security InRelease",
        "Get:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  InRelease [1227 B]",
        `Get:6 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  Packages [${packagesSize} B]`,
        `Fetched ${sizeToStr(1227 + packagesSize)} in 1s (${sizeToStr(1227 + packagesSize)}/s)`,
        "Reading package lists...",
        "",
      ].join("\n"),
      err: "",
    });
    expect((await apt("apt-cache", "madison", "kubeadm")).out).toBe("   kubeadm | 1.33.0-1.1 | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages\n");
    expect((await apt("apt-get", "update")).out.split("\n")[4]).toBe("Hit:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  InRelease");
  });

  it("policy shows installed, candidate and the version table", async () => {
    const { apt } = node();
    const r = await apt("apt-cache", "policy", "kubelet");
    expect(r.out).toBe(
      [
        "kubelet:",
        "  Installed: 1.32.3-1.1",
        "  Candidate: 1.32.3-1.1",
        "  Version table:",
        " *** 1.32.3-1.1 500",
        "        500 https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "        100 /var/lib/dpkg/status",
        "     1.32.2-1.1 500",
        "        500 https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "     1.32.1-1.1 500",
        "        500 https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "     1.32.0-1.1 500",
        "        500 https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages",
        "",
      ].join("\n"),
    );
  });
});

describe("apt-mark", () => {
  it.each([
    ["showhold lists the fresh lab's holds", [["showhold"]], "kubeadm\nkubectl\nkubelet\n"],
    ["unhold then unhold again", [["unhold", "kubeadm"], ["unhold", "kubeadm"]], "Canceled hold on kubeadm.\nkubeadm was already not on hold.\n"],
    ["hold an already held package", [["hold", "kubelet"]], "kubelet was already set on hold.\n"],
    ["unhold and hold back", [["unhold", "kubectl"], ["hold", "kubectl"], ["showhold"]], "Canceled hold on kubectl.\nkubectl set on hold.\nkubeadm\nkubectl\nkubelet\n"],
  ])("%s", async (_n, calls, want) => {
    const { apt } = node();
    let out = "";
    for (const c of calls) out += (await apt("apt-mark", ...c)).out;
    expect(out).toBe(want);
  });

  it("persists holds in dpkg's status file", async () => {
    const { apt, nodePath } = node();
    await apt("apt-mark", "unhold", "kubeadm");
    const status = fs.readFileSync(nodePath("/var/lib/dpkg/status"), "utf8");
    expect(status).toContain("Package: kubeadm\nStatus: install ok installed\n");
    expect(status).toContain("Package: kubelet\nStatus: hold ok installed\n");
  });
});

describe("apt-get install", () => {
  it("refuses a held package with -y (apt's message, exit 100)", async () => {
    const { apt, switchTo } = node();
    switchTo("v1.33");
    await apt("apt-get", "update");
    expect(await apt("apt-get", "install", "-y", "kubeadm=1.33.0-1.1")).toEqual({
      code: 100,
      out:
        HEADER +
        "The following held packages will be changed:\n  kubeadm\nThe following packages will be upgraded:\n  kubeadm\n1 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.\n",
      err: "E: Held packages were changed and -y was used without --allow-change-held-packages.\n",
    });
  });

  it("upgrades after unhold, with the deb lines, and the version follows", async () => {
    const { apt, switchTo, nodePath } = node();
    switchTo("v1.33");
    await apt("apt-get", "update");
    await apt("apt-mark", "unhold", "kubeadm", "kubelet", "kubectl");
    const r = await apt("apt-get", "install", "-y", "kubeadm=1.33.0-*");
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      HEADER +
        "Selected version '1.33.0-1.1' (isv:kubernetes:core:stable:v1.33:pkgs.k8s.io [amd64]) for 'kubeadm'\n" +
        "The following packages will be upgraded:\n  kubeadm\n" +
        "1 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.\n" +
        "Need to get 12.7 MB of archives.\n" +
        "After this operation, 0 B of additional disk space will be used.\n" +
        "Get:1 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  kubeadm 1.33.0-1.1 [12.7 MB]\n" +
        "Fetched 12.7 MB in 0s (38.1 MB/s)\n" +
        "(Reading database ... 78213 files and directories currently installed.)\n" +
        "Preparing to unpack .../kubeadm_1.33.0-1.1_amd64.deb ...\n" +
        "Unpacking kubeadm (1.33.0-1.1) over (1.32.3-1.1) ...\n" +
        "Setting up kubeadm (1.33.0-1.1) ...\n",
    );
    expect(installedVersion(nodePath, "kubeadm", "v1.32.3")).toBe("v1.33.0");
    expect(installedVersion(nodePath, "kubelet", "v1.32.3")).toBe("v1.32.3");
    await apt("apt-get", "install", "-y", "kubelet=1.33.0-1.1", "kubectl=1.33.0-1.1");
    expect(installedVersion(nodePath, "kubelet", "v1.32.3")).toBe("v1.33.0");
    expect(fs.readlinkSync(nodePath(KUBECTL_ALTERNATIVE))).toBe("/opt/drydock/tools/v1.33/kubectl");
  });

  it.each([
    ["unknown version", ["kubeadm=1.40.0-1.1"], "E: Version '1.40.0-1.1' for 'kubeadm' was not found\n"],
    ["unknown package", ["kubeadmm"], "E: Unable to locate package kubeadmm\n"],
  ])("%s", async (_n, args, err) => {
    const { apt } = node();
    expect(await apt("apt-get", "install", "-y", ...args)).toEqual({ code: 100, out: HEADER, err });
  });

  it("says a package is already the newest version", async () => {
    const { apt } = node();
    expect((await apt("apt-get", "install", "-y", "kubeadm=1.32.3-1.1")).out).toBe(
      HEADER + "kubeadm is already the newest version (1.32.3-1.1).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n",
    );
  });

  it("upgrade keeps held packages back", async () => {
    const { apt, switchTo } = node();
    switchTo("v1.33");
    await apt("apt-get", "update");
    expect((await apt("apt-get", "upgrade", "-y")).out).toBe(
      HEADER + "Calculating upgrade...\nThe following packages have been kept back:\n  kubeadm kubectl kubelet\n" +
        "The following packages will be upgraded:\n  cri-tools\n1 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.\n" +
        "Need to get 16.9 MB of archives.\nAfter this operation, 0 B of additional disk space will be used.\n" +
        "Get:1 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.33/deb  cri-tools 1.33.0-1.1 [16.9 MB]\n" +
        "Fetched 16.9 MB in 0s (50.7 MB/s)\n(Reading database ... 78213 files and directories currently installed.)\n" +
        "Preparing to unpack .../cri-tools_1.33.0-1.1_amd64.deb ...\nUnpacking cri-tools (1.33.0-1.1) over (1.32.0-1.1) ...\nSetting up cri-tools (1.33.0-1.1) ...\n",
    );
  });
});

describe("formats", () => {
  it.each([
    [12_200_000, "12.2 MB"],
    [1227, "1227 B"],
    [26_400_000, "26.4 MB"],
    [3_609_000, "3609 kB"],
    [0, "0 B"],
  ])("SizeToStr(%d)", (n, s) => expect(sizeToStr(n)).toBe(s));
  it.each([
    ["1.32.10-1.1", "1.32.9-1.1", 1],
    ["1.33.0-1.1", "1.32.3-1.1", 1],
    ["1.0~rc1", "1.0", -1],
    ["1:0.1", "2.0", 1],
  ])("compare %s %s", (a, b, sign) => expect(Math.sign(compareDebVersions(a, b))).toBe(sign));
});

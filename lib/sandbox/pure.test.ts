// Unit tests of the pure modules: the bwrap mount plan, the broker's framing, the login banner.
import { describe, expect, it } from "vitest";
import { bwrapArgs, type FsProbe } from "./bwrap-args";
import { Frame, FrameDecoder, MAX_FRAME, encodeData, encodeFrame } from "./broker-protocol";
import { ctime, motd } from "./motd";

const probe = (present: string[], dirs: string[]): FsProbe => ({
  kind: (p) => (present.includes(p) ? "present" : "missing"),
  subdirs: () => dirs,
});

describe("bwrapArgs", () => {
  it("binds the node tree as the root, host /usr, fallbacks only where the tree lacks them", () => {
    const args = bwrapArgs(
      { labId: "l", nodeName: "node01", nodeIp: "172.30.2.2", rootDir: "/labs/l/node01", runDir: "/labs/l/run", extraRoBinds: [{ src: "/tools", dest: "/usr/local/bin" }] },
      probe(["/etc/ld.so.cache", "/etc/ssl", "/labs/l/node01/etc/ssl"], ["root", "etc", "usr", "proc", "var"]),
    );
    expect(args).toEqual([
      "--unshare-all", "--uid", "0", "--gid", "0", "--cap-add", "ALL", "--hostname", "node01", "--die-with-parent", "--as-pid-1",
      "--bind", "/labs/l/node01", "/",
      "--ro-bind", "/usr", "/usr",
      "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
      "--proc", "/proc", "--dev", "/dev",
      "--tmpfs", "/tmp",
      "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
      "--tmpfs", "/run", "--bind", "/labs/l/run", "/run/drydock",
      "--ro-bind", "/tools", "/usr/local/bin",
      "--chdir", "/",
    ]);
  });
});

describe("bwrapArgs /etc/ssl fallbacks", () => {
  it("binds openssl.cnf and the CA certs when the kubelet created an empty /etc/ssl/certs in the tree", () => {
    const kinds: Record<string, "present" | "empty"> = { "/etc/ssl": "present", "/etc/ssl/openssl.cnf": "present", "/etc/ssl/certs": "present", "/labs/l/node01/etc/ssl": "present", "/labs/l/node01/etc/ssl/certs": "empty" };
    const args = bwrapArgs({ labId: "l", nodeName: "node01", nodeIp: "172.30.2.2", rootDir: "/labs/l/node01", runDir: "/labs/l/run" }, { kind: (p) => kinds[p] ?? "missing", subdirs: () => ["etc"] });
    expect(args.join(" ")).toContain("--ro-bind /etc/ssl/openssl.cnf /etc/ssl/openssl.cnf --ro-bind /etc/ssl/certs /etc/ssl/certs --tmpfs /run");
  });
});

describe("broker framing", () => {
  const cases = [
    { name: "empty control frame", frames: [encodeFrame(Frame.StdinEof)], want: [{ type: 3, payload: "" }] },
    { name: "JSON payload", frames: [encodeFrame(Frame.Exit, { code: 3, signal: null })], want: [{ type: 19, payload: '{"code":3,"signal":null}' }] },
    { name: "two frames split mid-header", frames: [encodeFrame(Frame.Stdout, Buffer.from("ab")), encodeFrame(Frame.Stderr, Buffer.from("c"))], split: 3, want: [{ type: 17, payload: "ab" }, { type: 18, payload: "c" }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const all = Buffer.concat(c.frames);
      const dec = new FrameDecoder();
      const at = c.split ?? all.length;
      const got = [...dec.push(all.subarray(0, at)), ...dec.push(all.subarray(at))].map((f) => ({ type: f.type, payload: f.payload.toString() }));
      expect(got).toEqual(c.want);
    });
  }
  it("splits large data and rejects oversized frames", () => {
    expect(encodeData(Frame.Stdin, Buffer.alloc(MAX_FRAME + 1)).map((b) => b.length)).toEqual([MAX_FRAME + 5, 6]);
    const head = Buffer.from([17, 0xff, 0xff, 0xff, 0xff]);
    expect(() => new FrameDecoder().push(head)).toThrow(RangeError);
  });
});

describe("motd", () => {
  it("Ubuntu's header and help text, then sshd's last login line", () => {
    expect(motd({ osDescription: "Ubuntu 24.04.1 LTS", kernelRelease: "6.8.0-45-generic", machine: "x86_64", lastLogin: { at: new Date("2025-11-04T09:05:01Z"), from: "172.30.1.2" } })).toBe(
      "Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-45-generic x86_64)\n\n * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n * Support:        https://ubuntu.com/pro\n\nLast login: Tue Nov  4 09:05:01 2025 from 172.30.1.2\n",
    );
    expect(ctime(new Date("2025-11-24T23:41:05Z"))).toBe("Mon Nov 24 23:41:05 2025");
  });
});

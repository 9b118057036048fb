// ssh and scp between two real sandboxes through a real broker. Expected messages are
// OpenSSH 9.6p1's (ssh.c, scp.c, sftp-client.c, clientloop.c).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBroker, type Broker } from "./broker";
import { BROKER_SOCKET_NAME } from "./node-clients";
import { HAVE_BWRAP, NODES, SKIP_REASON, run, startTestLab, type TestLab } from "./testing";

if (!HAVE_BWRAP) console.warn(SKIP_REASON);

describe.skipIf(!HAVE_BWRAP)("ssh and scp through the broker (real bwrap)", () => {
  let lab: TestLab;
  let broker: Broker;
  beforeAll(async () => {
    lab = await startTestLab("ssh-test");
    broker = await startBroker({
      socketPath: path.join(lab.runDir, BROKER_SOCKET_NAME),
      nodes: NODES.map((n, i) => ({ ...n, sandbox: lab.sandboxes[i] })),
      now: () => new Date("2025-11-24T10:15:02Z"),
    });
  });
  afterAll(async () => {
    await broker?.close();
    await lab?.stop();
  });
  const cp = () => lab.sandboxes[0];
  const onDisk = (node: string, p: string) => path.join(lab.dir, node, p);

  const cases: { name: string; script: string; stdin?: string; want: { code: number; stdout: string; stderr: string } }[] = [
    { name: "ssh NODE 'hostname'", script: "ssh node01 'hostname'", want: { code: 0, stdout: "node01\n", stderr: "" } },
    { name: "user@host, command with arguments", script: "ssh root@node01 echo a b", want: { code: 0, stdout: "a b\n", stderr: "" } },
    { name: "-o option and an IP", script: "ssh -o StrictHostKeyChecking=no 172.30.2.2 hostname", want: { code: 0, stdout: "node01\n", stderr: "" } },
    { name: "remote exit code", script: "ssh node01 'exit 3'", want: { code: 3, stdout: "", stderr: "" } },
    { name: "remote stderr kept apart", script: "ssh node01 'echo out; echo err >&2'", want: { code: 0, stdout: "out\n", stderr: "err\n" } },
    { name: "stdin forwarded", script: "echo x | ssh node01 'cat > /tmp/f; cat /tmp/f'", want: { code: 0, stdout: "x\n", stderr: "" } },
    // No pty, so sshd sets no TERM and bash defaults it to "dumb" (bash variables.c).
    { name: "sshd's environment", script: "ssh node01 'echo $HOME $USER $SSH_CONNECTION $TERM'", want: { code: 0, stdout: "/root root 172.30.1.2 PORT 172.30.2.2 22 dumb\n", stderr: "" } },
    { name: "unknown host", script: "ssh foo hostname", want: { code: 255, stdout: "", stderr: "ssh: Could not resolve hostname foo: Name or service not known\r\n" } },
    { name: "no sshd at a cluster address", script: "ssh 10.96.0.1 true", want: { code: 255, stdout: "", stderr: "ssh: connect to host 10.96.0.1 port 22: Connection refused\r\n" } },
    { name: "other user", script: "ssh ubuntu@node01 true", want: { code: 255, stdout: "", stderr: "ubuntu@node01: Permission denied (publickey).\r\n" } },
    { name: "bad -o", script: "ssh -o Bogus=1 node01 true", want: { code: 255, stdout: "", stderr: "command-line: line 0: Bad configuration option: bogus\r\n" } },
    { name: "-t without a terminal", script: "ssh -t node01 hostname </dev/null", want: { code: 0, stdout: "node01\n", stderr: "Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n" } },
    {
      name: "usage",
      script: "ssh",
      want: {
        code: 255,
        stdout: "",
        stderr:
          "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n       ssh [-Q query_option]\n",
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const t0 = performance.now();
      const r = await run(cp(), c.script, c.stdin);
      if (c.name.startsWith("ssh NODE")) console.log(`[timing] ssh round-trip ${(performance.now() - t0).toFixed(1)} ms`);
      expect({ ...r, stdout: r.stdout.replace(/ \d+ 172\.30\.2\.2/, " PORT 172.30.2.2") }).toEqual(c.want);
    });
  }

  it("stdin reaches a file on the other node's disk", async () => {
    expect(await run(cp(), "printf 'a\\nb\\n' | ssh node01 'cat > /root/piped'")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(fs.readFileSync(onDisk("node01", "root/piped"), "utf8")).toBe("a\nb\n");
  });

  it("scp: to a node, back, recursive, node to node", async () => {
    const script = [
      "echo one > /root/one.txt && mkdir -p /root/d/sub && echo two > /root/d/sub/two.txt",
      "scp /root/one.txt node01:/tmp/",
      "scp node01:/tmp/one.txt /root/back.txt",
      "scp -r /root/d node01:/root/",
      "scp node01:/root/d/sub/two.txt controlplane:/root/n2n.txt",
      "cat /root/back.txt /root/n2n.txt",
    ].join(" && ");
    expect(await run(cp(), script)).toEqual({ code: 0, stdout: "one\ntwo\n", stderr: "" });
    expect(fs.readFileSync(onDisk("node01", "tmp/one.txt"), "utf8")).toBe("one\n");
    expect(fs.readFileSync(onDisk("node01", "root/d/sub/two.txt"), "utf8")).toBe("two\n");
  });

  const scpErrors = [
    { name: "missing local source", script: "scp /nope node01:/tmp/", want: { code: 255, stdout: "", stderr: 'scp: stat local "/nope": No such file or directory\r\n' } },
    { name: "missing remote source", script: "scp node01:/nope /tmp/", want: { code: 1, stdout: "", stderr: "scp: /nope: No such file or directory\r\n" } },
    { name: "directory without -r", script: "mkdir -p /root/dd && scp /root/dd node01:/tmp/", want: { code: 1, stdout: "", stderr: 'scp: local "/root/dd" is not a regular file\r\nscp: failed to upload file /root/dd to /tmp/\r\n' } },
    { name: "remote directory without -r", script: "scp node01:/etc /tmp/", want: { code: 1, stdout: "", stderr: "scp: download /etc: not a regular file\r\n" } },
    { name: "remote target dir missing", script: "echo z > /root/z && scp /root/z node01:/no/such/z", want: { code: 1, stdout: "", stderr: 'scp: dest open "/no/such/z": No such file or directory\r\nscp: failed to upload file /root/z to /no/such/z\r\n' } },
    { name: "unknown host", script: "scp /etc/hosts foo:/tmp/", want: { code: 255, stdout: "", stderr: "ssh: Could not resolve hostname foo: Name or service not known\r\nscp: Connection closed\r\n" } },
  ];
  for (const c of scpErrors) {
    it(`scp error: ${c.name}`, async () => {
      expect(await run(cp(), c.script)).toEqual(c.want);
    });
  }

  it("interactive ssh: MOTD, a login shell on the node, 'Connection to ... closed.'", async () => {
    const p = cp().spawnPty(["/usr/local/bin/ssh", "node01"], { cols: 100, rows: 30 });
    let out = "";
    p.onData((d) => (out += d));
    const exited = new Promise<number>((r) => p.onExit((e) => r(e.exitCode)));
    await new Promise((r) => setTimeout(r, 800));
    p.write("echo \"$(hostname) $0 $TERM\"; exit 4\r");
    expect(await exited).toBe(4);
    expect(out).toContain("Welcome to Ubuntu 24.04.1 LTS (GNU/Linux ");
    expect(out).toContain(" * Documentation:  https://help.ubuntu.com\r\n");
    expect(out).toContain("node01 -bash xterm-256color\r\n");
    // clientloop.c prints the quit message after leave_raw_mode, so the pty's ONLCR applies.
    expect(out.endsWith("logout\r\nConnection to node01 closed.\r\r\n")).toBe(true);
  });
});

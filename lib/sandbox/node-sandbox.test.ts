import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAVE_BWRAP, SKIP_REASON, run, startTestLab, type TestLab } from "./testing";
import { studentEnv } from "./student-env";

if (!HAVE_BWRAP) console.warn(SKIP_REASON);

describe.skipIf(!HAVE_BWRAP)("node sandbox (real bwrap)", () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab("sbx-test");
  });
  afterAll(async () => {
    await lab?.stop();
  });
  const cp = () => lab.sandboxes[0];
  const n1 = () => lab.sandboxes[1];

  it("runs in the student's environment with the node's hostname", async () => {
    const t0 = performance.now();
    const r = await run(n1(), "hostname; id -un; pwd; env | sort");
    console.log(`[timing] exec round-trip ${(performance.now() - t0).toFixed(1)} ms`);
    const env = Object.entries({ ...studentEnv("node01"), PWD: "/root", SHLVL: "1", _: "/usr/bin/env" })
      .map(([k, v]) => `${k}=${v}`)
      .sort();
    expect(r).toEqual({ code: 0, stderr: "", stdout: ["node01", "root", "/root", ...env].join("\n") + "\n" });
  });

  it("writes the node tree on disk", async () => {
    expect(await run(cp(), "echo hi > /root/f.txt && mkdir -p /etc/kubernetes/manifests && echo m > /etc/kubernetes/manifests/x.yaml")).toMatchObject({ code: 0 });
    expect(fs.readFileSync(path.join(lab.dir, "controlplane/root/f.txt"), "utf8")).toBe("hi\n");
    expect(fs.readFileSync(path.join(lab.dir, "controlplane/etc/kubernetes/manifests/x.yaml"), "utf8")).toBe("m\n");
    expect(fs.existsSync(path.join(lab.dir, "node01/root/f.txt"))).toBe(false);
  });

  it("hides the host's /etc/passwd and /root", async () => {
    const r = await run(n1(), "cat /etc/passwd; ls -A /root");
    expect(r).toEqual({ code: 0, stderr: "", stdout: "root:x:0:0:root:/root:/bin/bash\n" });
  });

  it("isolates processes between nodes", async () => {
    const sleeper = cp().exec(["/bin/bash", "-c", "exec -a drydock-marker-sleep sleep 30"]);
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect((await run(cp(), "ps -eo args")).stdout).toContain("drydock-marker-sleep");
      expect((await run(n1(), "ps -eo args")).stdout).toBe("COMMAND\n/sbin/init\nps -eo args\n");
    } finally {
      sleeper.kill();
    }
  });

  it("forwards a node address to a host unix socket (curl and nc inside)", async () => {
    const sock = path.join(lab.runDir, "echo-http.sock");
    const server = http.createServer((req, res) => res.end(`hello ${req.url}`));
    await new Promise<void>((r) => server.listen(sock, r));
    const raw = net.createServer((s) => s.pipe(s));
    const rawSock = path.join(lab.runDir, "echo-raw.sock");
    await new Promise<void>((r) => raw.listen(rawSock, r));
    try {
      await n1().addForward("172.30.2.2", 30080, sock);
      await n1().addForward("10.96.0.20", 80, "/run/drydock/echo-raw.sock");
      const r = await run(n1(), "curl -s http://172.30.2.2:30080/x; echo; printf ping | nc -N 10.96.0.20 80");
      expect(r).toEqual({ code: 0, stderr: "", stdout: "hello /x\nping" });
      await expect(n1().addForward("172.30.2.2", 30080, sock)).rejects.toMatchObject({ code: "EADDRINUSE" });
      await n1().removeForward("172.30.2.2", 30080);
      expect((await run(n1(), "curl -s -o /dev/null -w '%{http_code}' http://172.30.2.2:30080/; echo \" $?\"")).stdout).toBe("000 7\n");
    } finally {
      server.close();
      raw.close();
    }
  });

  it("reports a port already taken inside the node", async () => {
    const nc = n1().exec(["nc", "-l", "172.30.2.2", "31000"]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      await expect(n1().addForward("172.30.2.2", 31000, path.join(lab.runDir, "x.sock"))).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      nc.kill();
    }
  });

  it("cannot reach a TCP port on the host's 127.0.0.1", async () => {
    const server = net.createServer((s) => s.end("leak"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = await run(n1(), `curl -s -m 3 http://127.0.0.1:${port}/; echo "rc=$?"`);
      expect(r.stdout).toBe("rc=7\n");
    } finally {
      server.close();
    }
  });

  it("stop() leaves no process behind", async () => {
    const lab2 = await startTestLab("sbx-stop");
    const [a] = lab2.sandboxes;
    a.exec(["/bin/bash", "-c", "exec -a drydock-stop-marker sleep 60"]);
    await a.addForward("172.30.1.2", 6443, path.join(lab2.runDir, "api.sock"));
    await new Promise((r) => setTimeout(r, 200));
    const pid = a.pid;
    const ps = () => execFileSync("ps", ["-eo", "pid,stat,args"], { encoding: "utf8" });
    expect(ps()).toContain("drydock-stop-marker");
    const t0 = performance.now();
    await lab2.stop();
    console.log(`[timing] two sandboxes stopped in ${(performance.now() - t0).toFixed(1)} ms`);
    const after = ps();
    expect(after).not.toContain("drydock-stop-marker");
    expect(after).not.toContain(lab2.dir);
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { NodeCommand } from "../types";
import { startAgent } from "./server";
import { writeAgentClients } from "./clients";

// The real client script, run by node, against a server on a temporary socket. The client looks
// for /run/drydock-agent/agent.sock; tests rewrite the path list to the temporary socket.
function clientFor(dir: string, sock: string, name: string): string {
  writeAgentClients(dir, [name]);
  const p = path.join(dir, name);
  fs.writeFileSync(p, fs.readFileSync(p, "utf8").replace('["/run/drydock-agent/agent.sock", "/run/drydock/agent.sock"]', JSON.stringify([sock])));
  return p;
}

function exec(bin: string, args: string[], input?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code, out, err }));
    p.stdin.end(input ?? "");
  });
}

describe("agent", () => {
  it("runs the command the client is named after, with argv, stdin, cwd and the exit code", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drydock-agent-"));
    const sock = path.join(dir, "agent.sock");
    const seen: string[] = [];
    const echo: NodeCommand = async (io) => {
      let input = "";
      for await (const c of io.stdin) input += c;
      seen.push(io.nodeName, io.nodePath("/etc"));
      io.stdout.write(`${io.argv.join(" ")}|${input}|${io.cwd}\n`);
      io.stderr.write("warn\n");
      return 3;
    };
    const agent = await startAgent({
      socketPath: sock,
      nodeName: "node01",
      commands: () => new Map([["systemctl", echo]]),
      nodePath: (n, p) => `/labs/${n}${p}`,
    });
    try {
      const r = await exec(clientFor(dir, sock, "systemctl"), ["status", "kubelet"], "hello");
      expect(r).toEqual({ code: 3, out: `systemctl status kubelet|hello|${process.cwd()}\n`, err: "warn\n" });
      expect(seen).toEqual(["node01", "/labs/node01/etc"]);
      const missing = await exec(clientFor(dir, sock, "crictl"), ["ps"]);
      expect(missing).toEqual({ code: 127, out: "", err: "crictl: command not found\n" });
    } finally {
      await agent.close();
    }
  });
});

// redis-cli in redis images: one command (PING by default) to -h HOST -p PORT over the pod's
// network, the reply printed as redis-cli prints it to a non-terminal (PONG, OK, "value" as value,
// (nil) as empty, errors as "(error) ERR ...").
import { defineCommand, type Command, type IFileSystem } from "just-bash";
import type { ContainerNetwork } from "../net.js";
import { IPV4_RE, lookup } from "../net.js";

function encode(args: string[]): string {
  return `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("");
}

/** The first complete RESP reply in buf, rendered as redis-cli does without a TTY. */
export function renderReply(buf: string): string | undefined {
  const nl = buf.indexOf("\r\n");
  if (nl < 0) return undefined;
  const head = buf.slice(1, nl);
  switch (buf[0]) {
    case "+":
      return head;
    case "-":
      return `(error) ${head}`;
    case ":":
      return head;
    case "$": {
      const n = Number(head);
      if (n < 0) return "";
      if (buf.length < nl + 2 + n + 2) return undefined;
      return buf.slice(nl + 2, nl + 2 + n);
    }
    case "*":
      return head === "0" ? "" : buf.slice(nl + 2).split("\r\n").filter((l, i) => i % 2 === 1).join("\n");
    default:
      return head;
  }
}

export function redisCliCommand(net: ContainerNetwork, fs: IFileSystem): Command {
  return defineCommand("redis-cli", async (args) => {
    let host = "127.0.0.1";
    let port = 6379;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "-h") host = args[++i] ?? host;
      else if (args[i] === "-p") port = Number(args[++i] ?? port);
      else rest.push(args[i]);
    }
    const cmd = rest.length ? rest : ["PING"];
    let ip = host;
    if (!IPV4_RE.test(host)) {
      const r = await lookup(fs, net, host);
      if (!r.ok) return { stdout: "", stderr: `Could not connect to Redis at ${host}:${port}: Name or service not known\n`, exitCode: 1 };
      ip = r.ip;
    }
    const conn = await net.dial(ip, port);
    if (conn === "refused" || conn === "timeout") {
      return { stdout: "", stderr: `Could not connect to Redis at ${host}:${port}: ${conn === "refused" ? "Connection refused" : "Connection timed out"}\n`, exitCode: 1 };
    }
    const reply = await new Promise<string>((resolve) => {
      let buf = "";
      conn.on("data", (d: Buffer) => {
        buf += d.toString();
        const r = renderReply(buf);
        if (r !== undefined) resolve(r);
      });
      conn.on("error", () => resolve("(error) connection reset"));
      conn.on("close", () => resolve(renderReply(buf) ?? ""));
      conn.write(encode(cmd));
    });
    conn.destroy();
    return { stdout: `${reply}\n`, stderr: "", exitCode: 0 };
  });
}

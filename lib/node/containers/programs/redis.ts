// redis-server: the startup banner lines and a RESP server on 6379 with the commands CKA
// tasks use to check connectivity and persistence (PING, SET, GET, DEL, EXISTS, INCR, KEYS).
import type { ContainerProgramEntry } from "./types.js";

function redisTime(d: Date): string {
  const M = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCDate())} ${M[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`;
}

/** Splits a buffer of RESP arrays or inline commands into argv lists; the rest is incomplete. */
export function parseResp(buf: string): { commands: string[][]; rest: string } {
  const commands: string[][] = [];
  let i = 0;
  while (i < buf.length) {
    if (buf[i] === "*") {
      const nl = buf.indexOf("\r\n", i);
      if (nl < 0) break;
      const n = Number(buf.slice(i + 1, nl));
      let j = nl + 2;
      const args: string[] = [];
      let complete = true;
      for (let k = 0; k < n; k++) {
        const nl2 = buf.indexOf("\r\n", j);
        if (nl2 < 0 || buf[j] !== "$") {
          complete = false;
          break;
        }
        const len = Number(buf.slice(j + 1, nl2));
        if (buf.length < nl2 + 2 + len + 2) {
          complete = false;
          break;
        }
        args.push(buf.slice(nl2 + 2, nl2 + 2 + len));
        j = nl2 + 2 + len + 2;
      }
      if (!complete) break;
      commands.push(args);
      i = j;
    } else {
      const nl = buf.indexOf("\n", i);
      if (nl < 0) break;
      const line = buf.slice(i, nl).replace(/\r$/, "").trim();
      if (line) commands.push(line.split(/\s+/));
      i = nl + 1;
    }
  }
  return { commands, rest: buf.slice(i) };
}

const bulk = (s: string | undefined) => (s === undefined ? "$-1\r\n" : `$${Buffer.byteLength(s)}\r\n${s}\r\n`);

export const redisProgram: ContainerProgramEntry = {
  name: "redis",
  match: (_image, argv) => argv.some((a) => a === "redis-server" || a.endsWith("/redis-server")),
  start(ctx) {
    const t = () => redisTime(ctx.time.now());
    ctx.stdout(
      `1:C ${t()} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.\n` +
        `1:C ${t()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n` +
        `1:C ${t()} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started\n` +
        `1:C ${t()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf\n` +
        `1:M ${t()} * monotonic clock: POSIX clock_gettime\n` +
        `1:M ${t()} * Running mode=standalone, port=6379.\n` +
        `1:M ${t()} * Server initialized\n` +
        `1:M ${t()} * Ready to accept connections tcp\n`,
    );
    const data = new Map<string, string>();
    ctx.listen(6379, (sock) => {
      let buf = "";
      sock.on("data", (chunk: Buffer) => {
        const { commands, rest } = parseResp(buf + chunk.toString("latin1"));
        buf = rest;
        for (const [name, ...args] of commands) {
          const cmd = (name ?? "").toUpperCase();
          let reply: string;
          if (cmd === "PING") reply = args[0] !== undefined ? bulk(args[0]) : "+PONG\r\n";
          else if (cmd === "SET" && args.length >= 2) {
            data.set(args[0], args[1]);
            reply = "+OK\r\n";
          } else if (cmd === "GET" && args.length === 1) reply = bulk(data.get(args[0]));
          else if (cmd === "DEL") reply = `:${args.filter((k) => data.delete(k)).length}\r\n`;
          else if (cmd === "EXISTS") reply = `:${args.filter((k) => data.has(k)).length}\r\n`;
          else if (cmd === "INCR" && args.length === 1) {
            const n = Number(data.get(args[0]) ?? "0") + 1;
            data.set(args[0], String(n));
            reply = `:${n}\r\n`;
          } else if (cmd === "KEYS") {
            const keys = [...data.keys()];
            reply = `*${keys.length}\r\n${keys.map(bulk).join("")}`;
          } else if (cmd === "QUIT") {
            sock.end("+OK\r\n");
            return;
          } else if (["SET", "GET", "INCR"].includes(cmd)) reply = `-ERR wrong number of arguments for '${name.toLowerCase()}' command\r\n`;
          else reply = `-ERR unknown command '${name}', with args beginning with: ${args.map((a) => `'${a}' `).join("")}\r\n`;
          sock.write(reply);
        }
      });
      sock.on("error", () => {});
    });
    return {
      stop(signal) {
        if (signal === "SIGKILL") return;
        ctx.stdout(
          `1:signal-handler (${Math.floor(ctx.time.now().getTime() / 1000)}) Received SIGTERM scheduling shutdown...\n` +
            `1:M ${t()} * User requested shutdown...\n1:M ${t()} * Saving the final RDB snapshot before exiting.\n1:M ${t()} * DB saved on disk\n1:M ${t()} # Redis is now ready to exit, bye bye...\n`,
        );
        ctx.exit(0);
      },
    };
  },
};

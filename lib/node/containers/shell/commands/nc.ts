// busybox nc (networking/nc.c, nc_bloaty.c): `nc -z -v -w SEC HOST PORT` port checks and
// `echo DATA | nc HOST PORT` request/response.
import { defineCommand, latin1FromBytes, type Command } from "just-bash";
import type { Time } from "../../../../cluster/runtime/timers.js";
import { lookup, withTimeout, type ContainerNetwork } from "../net.js";

/** Without -w, how long nc waits for the server's answer after sending stdin (real nc waits forever). */
const IDLE_AFTER_STDIN_MS = 1000;

export function ncCommand(net: ContainerNetwork, time: Time): Command {
  return defineCommand("nc", async (args, ctx) => {
    let zero = false;
    let verbose = false;
    let waitS: number | undefined;
    const pos: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (/^-[zvnu]+$/.test(a)) {
        if (a.includes("z")) zero = true;
        if (a.includes("v")) verbose = true;
      } else if (a === "-w" || a === "-W") waitS = Number(args[++i]);
      else if (/^-[zvn]*w\d+$/.test(a)) {
        if (a.includes("z")) zero = true;
        if (a.includes("v")) verbose = true;
        waitS = Number(a.replace(/^-[zvn]*w/, ""));
      } else pos.push(a);
    }
    if (pos.length < 2) {
      return { stdout: "", stderr: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n", exitCode: 1 };
    }
    const [host, portArg] = pos;
    const port = Number(portArg);
    const found = await lookup(ctx.fs, net, host);
    if (!found.ok) return { stdout: "", stderr: `nc: bad address '${host}'\n`, exitCode: 1 };
    const label = `${host} (${found.ip}:${port})`;
    const dial = net.dial(found.ip, port);
    const sock = waitS !== undefined ? await withTimeout(dial, waitS * 1000, (ms, fn) => time.after(ms, fn)) : await dial;
    if (sock === "timeout") return { stdout: "", stderr: `nc: ${label}: Connection timed out\n`, exitCode: 1 };
    if (sock === "refused") return { stdout: "", stderr: `nc: ${label}: Connection refused\n`, exitCode: 1 };
    const stderr = verbose ? `${label} open\n` : "";
    if (zero) {
      sock.destroy();
      return { stdout: "", stderr, exitCode: 0 };
    }
    const chunks: Buffer[] = [];
    const done = new Promise<void>((resolve) => {
      let idle: (() => void) | undefined;
      const arm = () => {
        idle?.();
        idle = time.after(waitS !== undefined ? waitS * 1000 : IDLE_AFTER_STDIN_MS, () => resolve());
      };
      sock.on("data", (c: Buffer) => {
        chunks.push(c);
        arm();
      });
      sock.on("end", () => resolve());
      sock.on("close", () => resolve());
      sock.on("error", () => resolve());
      arm();
    });
    const input = latin1FromBytes(ctx.stdin);
    if (input) sock.write(Buffer.from(input, "latin1"));
    await done;
    sock.destroy();
    return { stdout: Buffer.concat(chunks).toString("latin1"), stderr, exitCode: 0, stdoutKind: "bytes" };
  });
}

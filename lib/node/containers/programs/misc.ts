// Small programs: the pause container, agnhost (netexec, serve-hostname, pause) and stress's
// memory load model.
import * as http from "node:http";
import type { ContainerProgramEntry } from "./types.js";

/** An annotation giving any container a steady memory use, to exercise OOMKilled without stress. */
export const MEMORY_USAGE_ANNOTATION = "drydock.dev/memory-usage";
/** How long a process takes to reach its memory use (and be OOM-killed when over the limit). */
export const OOM_DELAY_MS = 1000;

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, ki: 1024, mi: 1024 ** 2, gi: 1024 ** 3 };

export function parseBytes(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(s.trim());
  if (!m) return undefined;
  const unit = SIZE_UNITS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

export const pauseProgram: ContainerProgramEntry = {
  name: "pause",
  match: (_image, argv) => argv[0] === "/pause" || (argv[0] === "/agnhost" && argv[1] === "pause"),
  start(ctx) {
    return {
      stop(signal) {
        if (signal === "SIGKILL") return;
        ctx.stderr("Shutting down, got signal: Terminated\n");
        ctx.exit(0);
      },
    };
  },
};

// polinux/stress: `stress --vm 1 --vm-bytes 250M --vm-hang 1`. Over the limit the kernel's OOM
// killer ends the worker and the container (exit 137, reason OOMKilled).
export const stressProgram: ContainerProgramEntry = {
  name: "stress",
  match: (_image, argv) => argv[0] === "stress" || argv[0]?.endsWith("/stress"),
  start(ctx) {
    const vmBytesArg = ctx.argv[ctx.argv.indexOf("--vm-bytes") + 1];
    const vm = Number(ctx.argv[ctx.argv.indexOf("--vm") + 1] ?? "0") || 0;
    const cpu = Number(ctx.argv[ctx.argv.indexOf("--cpu") + 1] ?? "0") || 0;
    const bytes = (ctx.argv.includes("--vm-bytes") ? parseBytes(vmBytesArg ?? "") : 256 * 1024 * 1024) ?? 0;
    ctx.stdout(`stress: info: [1] dispatching hogs: ${ctx.argv.includes("--cpu") ? cpu : 0} cpu, 0 io, ${vm} vm, 0 hdd\n`);
    if (ctx.memoryLimitBytes > 0 && vm > 0 && bytes * vm > ctx.memoryLimitBytes) {
      ctx.time.after(OOM_DELAY_MS, () => ctx.exit(137, "OOMKilled"));
    }
    return { stop: () => {} };
  },
};

// agnhost netexec (test/images/agnhost/netexec): HTTP on --http-port (8080) answering /hostname,
// /echo?msg=, /clientip, /healthz, /shutdown.
export const agnhostProgram: ContainerProgramEntry = {
  name: "agnhost",
  match: (_image, argv) => (argv[0] === "/agnhost" || argv[0] === "agnhost") && ["netexec", "serve-hostname"].includes(argv[1] ?? ""),
  start(ctx) {
    const sub = ctx.argv[1];
    const portFlag = ctx.argv.find((a) => a.startsWith("--http-port=") || a.startsWith("--port="));
    const port = portFlag ? Number(portFlag.split("=")[1]) : sub === "netexec" ? 8080 : 9376;
    const server = http.createServer((req, res) => {
      const u = new URL(req.url ?? "/", "http://x");
      let body = "";
      if (sub === "serve-hostname") body = ctx.hostname;
      else if (u.pathname === "/hostname") body = ctx.hostname;
      else if (u.pathname === "/echo") body = u.searchParams.get("msg") ?? "";
      else if (u.pathname === "/clientip") body = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
      else if (u.pathname === "/healthz" || u.pathname === "/") body = "";
      else {
        res.writeHead(404);
        res.end("404 page not found\n");
        return;
      }
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(body);
    });
    ctx.stderr(`${sub === "netexec" ? `Started HTTP server on port ${port}` : `Serving on port ${port}.`}\n`);
    ctx.listen(port, (s) => server.emit("connection", s));
    return { stop: (signal) => signal !== "SIGKILL" && ctx.exit(0) };
  },
};

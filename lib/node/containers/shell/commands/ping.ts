// busybox ping (networking/ping.c). The lab network carries TCP and DNS only, so reachability
// is asked of it with a connection attempt: "refused" means a host answered, "timeout" none.
import { defineCommand, type Command } from "just-bash";
import type { Time } from "../../../../cluster/runtime/timers.js";
import { lookup, type ContainerNetwork } from "../net.js";

export function pingCommand(net: ContainerNetwork, time: Time): Command {
  return defineCommand("ping", async (args, ctx) => {
    let count = 4; // real ping runs until ^C; a count keeps a non-interactive exec finite
    let waitS: number | undefined;
    const pos: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "-c") count = Number(args[++i]);
      else if (args[i] === "-W" || args[i] === "-w") waitS = Number(args[++i]);
      else if (!args[i].startsWith("-")) pos.push(args[i]);
    }
    if (!pos[0]) return { stdout: "", stderr: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n", exitCode: 1 };
    const found = await lookup(ctx.fs, net, pos[0]);
    if (!found.ok) return { stdout: "", stderr: `ping: bad address '${pos[0]}'\n`, exitCode: 1 };
    let out = `PING ${pos[0]} (${found.ip}): 56 data bytes\n`;
    const probe = await net.dial(found.ip, 7);
    const alive = probe !== "timeout";
    if (typeof probe === "object") probe.destroy();
    const times: number[] = [];
    for (let seq = 0; seq < count; seq++) {
      if (seq > 0 || !alive) await new Promise<void>((r) => time.after(1000, r));
      if (waitS !== undefined && seq >= waitS) break;
      if (alive) {
        const t = 0.05 + ((seq * 37) % 50) / 1000;
        times.push(t);
        out += `64 bytes from ${found.ip}: seq=${seq} ttl=${found.ip === net.podIP ? 64 : 63} time=${t.toFixed(3)} ms\n`;
      }
    }
    const sent = count;
    const recv = times.length;
    out += `\n--- ${pos[0]} ping statistics ---\n${sent} packets transmitted, ${recv} packets received, ${Math.round(((sent - recv) / sent) * 100)}% packet loss\n`;
    if (recv) {
      const avg = times.reduce((a, b) => a + b, 0) / recv;
      out += `round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`;
    }
    return { stdout: out, stderr: "", exitCode: recv ? 0 : 1 };
  });
}

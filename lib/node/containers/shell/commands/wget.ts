// busybox wget (networking/wget.c, 1.36): the subset CKA tasks use: -q, -O FILE|-, -S,
// --spider, -T SEC, -U AGENT, --header. Messages are busybox's.
import { defineCommand, type Command } from "just-bash";
import type { Time } from "../../../../cluster/runtime/timers.js";
import { httpRequest, parseUrl } from "../http-client.js";
import { lookup, withTimeout, type ContainerNetwork } from "../net.js";

/** busybox's default network timeout (-T) is 900 s. */
const DEFAULT_TIMEOUT_S = 900;

function progressLine(name: string, size: number): string {
  // "index.html           100% |********************************|   615  0:00:00 ETA"
  const shown = name.length > 20 ? name.slice(0, 20) : name.padEnd(20);
  return `${shown} 100% |${"*".repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

export function wgetCommand(net: ContainerNetwork, time: Time): Command {
  return defineCommand("wget", async (args, ctx) => {
    let quiet = false;
    let output: string | undefined;
    let spider = false;
    let serverResponse = false;
    let timeoutS = DEFAULT_TIMEOUT_S;
    let agent = "Wget";
    const extraHeaders: [string, string][] = [];
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-q" || a === "--quiet") quiet = true;
      else if (a === "-O" || a === "--output-document") output = args[++i];
      else if (a.startsWith("-O") && a.length > 2) output = a.slice(2);
      else if (a === "-qO-" || a === "-qO") {
        quiet = true;
        output = a === "-qO-" ? "-" : args[++i];
      } else if (a === "-S" || a === "--server-response") serverResponse = true;
      else if (a === "--spider") spider = true;
      else if (a === "-T" || a === "--timeout") timeoutS = Number(args[++i]);
      else if (a.startsWith("--timeout=")) timeoutS = Number(a.slice(10));
      else if (a.startsWith("-T") && a.length > 2) timeoutS = Number(a.slice(2));
      else if (a === "-U" || a === "--user-agent") agent = args[++i];
      else if (a === "--header") {
        const h = args[++i] ?? "";
        const c = h.indexOf(":");
        if (c > 0) extraHeaders.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]);
      } else if (a === "-c" || a === "--continue" || a === "-s" || a === "--no-check-certificate") continue;
      else if (a.startsWith("-") && a !== "-") {
        return { stdout: "", stderr: `wget: unrecognized option '${a}'\nBusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, exitCode: 1 };
      } else urls.push(a);
    }
    if (urls.length === 0) {
      return { stdout: "", stderr: "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n", exitCode: 1 };
    }
    let stdout = "";
    let stderr = "";
    for (const url of urls) {
      const u = parseUrl(url);
      if (!u) return { stdout, stderr: stderr + `wget: bad address '${url}'\n`, exitCode: 1 };
      if (u.scheme !== "http") return { stdout, stderr: stderr + `wget: not an http or ftp url: ${url}\n`, exitCode: 1 };
      const found = await lookup(ctx.fs, net, u.host);
      if (!found.ok) return { stdout, stderr: stderr + `wget: bad address '${u.host}'\n`, exitCode: 1 };
      if (!quiet) stderr += `Connecting to ${u.hostHeader} (${found.ip}:${u.port})\n`;
      const sock = await withTimeout(net.dial(found.ip, u.port), timeoutS * 1000, (ms, fn) => time.after(ms, fn));
      if (sock === "timeout") return { stdout, stderr: stderr + "wget: download timed out\n", exitCode: 1 };
      if (sock === "refused") return { stdout, stderr: stderr + `wget: can't connect to remote host (${found.ip}): Connection refused\n`, exitCode: 1 };
      const headers: Record<string, string> = Object.create(null);
      headers["Host"] = u.hostHeader;
      headers["User-Agent"] = agent;
      for (const [k, v] of extraHeaders) headers[k] = v;
      headers["Connection"] = "close";
      const res = await withTimeout(
        httpRequest(sock, { method: spider ? "HEAD" : "GET", host: u.host, path: u.path, headers }),
        timeoutS * 1000,
        (ms, fn) => time.after(ms, fn),
      );
      if (res === "timeout") {
        sock.destroy();
        return { stdout, stderr: stderr + "wget: download timed out\n", exitCode: 1 };
      }
      const statusLine = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`;
      if (serverResponse) {
        stderr += `  ${statusLine}\n`;
        for (let i = 0; i < res.rawHeaders.length; i += 2) stderr += `  ${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\n`;
      }
      if (res.statusCode >= 400) return { stdout, stderr: stderr + `wget: server returned error: ${statusLine}\n`, exitCode: 1 };
      if (spider) {
        if (!quiet) stderr += "remote file exists\n";
        continue;
      }
      const target = output ?? (u.path.split("?")[0].split("/").pop() || "index.html");
      if (target === "-") {
        if (!quiet) stderr += "writing to stdout\n";
        stdout += res.body.toString("latin1");
        if (!quiet) stderr += `-                    100% |${"*".repeat(32)}| ${String(res.body.length).padStart(5)}  0:00:00 ETA\nwritten to stdout\n`;
      } else {
        const p = ctx.fs.resolvePath(ctx.cwd, target);
        if (output === undefined && (await ctx.fs.exists(p))) {
          return { stdout, stderr: stderr + `wget: can't open '${target}': File exists\n`, exitCode: 1 };
        }
        if (!quiet) stderr += `saving to '${target}'\n`;
        await ctx.fs.writeFile(p, res.body);
        if (!quiet) stderr += progressLine(target, res.body.length) + `'${target}' saved\n`;
      }
    }
    return { stdout, stderr, exitCode: 0, stdoutKind: "bytes" };
  });
}

// busybox `tail -f` / `tail -F` (coreutils/tail.c): the follow modes that log-shipping sidecars
// run (`tail -n+1 -F /var/log/app.log`). just-bash's own tail has no follow mode, so this command
// shadows it and hands every non-follow call back to it (origCommand).
//
// A just-bash command returns its output when it ends, which a follower never does. A
// container's main script runs after `exec >/proc/1/fd/1` (shell-program.ts), so while fd 1 is
// redirected to a file the follower appends what it reads straight to that file: that is how
// the lines reach the container log as they are written. Without such a redirection (an
// interactive `kubectl exec`), the output is returned when the command is stopped.
import { defineCommand, type Command } from "just-bash";
import type { Time } from "../../../../cluster/runtime/timers.js";
import { sleepFor } from "./sleep.js";

export interface TailFollowArgs {
  follow: "name" | "descriptor" | null;
  /** Lines to print first: the last `count` lines, or from line `count` when fromStart. */
  count: number;
  fromStart: boolean;
  /** Seconds between checks (busybox -s, default 1). */
  intervalSec: number;
  quiet: boolean;
  files: string[];
  /** -c and other byte modes are left to the bundled tail. */
  unsupported: boolean;
}

/** Parses busybox tail's options: -f, -F, -n N, -n +N, -nN, -N, -s SEC, -q, -v, combined flags. */
export function parseTailArgs(args: string[]): TailFollowArgs | string {
  const out: TailFollowArgs = { follow: null, count: 10, fromStart: false, intervalSec: 1, quiet: false, files: [], unsupported: false };
  const setCount = (v: string): string | null => {
    const m = /^([+-]?)(\d+)$/.exec(v);
    if (!m) return `tail: invalid number '${v}'`;
    out.fromStart = m[1] === "+";
    out.count = Number(m[2]);
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      out.files.push(...args.slice(i + 1));
      break;
    }
    if (a === "--follow" || a === "--follow=descriptor") out.follow = "descriptor";
    else if (a === "--follow=name" || a === "--retry") out.follow = out.follow ?? "name";
    else if (a.startsWith("--lines=")) {
      const err = setCount(a.slice("--lines=".length));
      if (err) return err;
    } else if (/^-\d+$/.test(a)) out.count = Number(a.slice(1));
    else if (/^\+\d+$/.test(a) && out.files.length === 0) {
      out.fromStart = true;
      out.count = Number(a.slice(1));
    } else if (a.startsWith("-") && a.length > 1 && !a.startsWith("--")) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === "f") out.follow = out.follow === "name" ? "name" : "descriptor";
        else if (f === "F") out.follow = "name";
        else if (f === "q") out.quiet = true;
        else if (f === "v") out.quiet = false;
        else if (f === "n" || f === "s" || f === "c") {
          const v = a.slice(j + 1) || args[++i];
          if (v === undefined) return `tail: option requires an argument -- '${f}'`;
          if (f === "n") {
            const err = setCount(v);
            if (err) return err;
          } else if (f === "s") {
            if (!/^\d+(\.\d+)?$/.test(v)) return `tail: invalid number '${v}'`;
            out.intervalSec = Number(v);
          } else out.unsupported = true;
          break;
        } else return `tail: invalid option -- '${f}'`;
      }
    } else out.files.push(a);
  }
  return out;
}

/** The first part tail prints of `text`: its last `count` lines, or from line `count` on. */
export function initialPart(text: string, count: number, fromStart: boolean): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (fromStart) return lines.slice(Math.max(count, 1) - 1).join("");
  return count === 0 ? "" : lines.slice(-count).join("");
}

/** The file fd 1 was redirected to by `exec >FILE` (just-bash's descriptor table encoding). */
function stdoutFile(fds: Map<number, string> | undefined): string | null {
  const raw = fds?.get(1);
  const m = raw && /^__file(?:_append)?__:(.*)$/s.exec(raw);
  return m ? m[1] : null;
}

export function tailCommand(time: Time): Command {
  return defineCommand("tail", async (args, ctx) => {
    const parsed = parseTailArgs(args);
    const bundled = () => (ctx.origCommand ? ctx.origCommand(args) : Promise.resolve({ stdout: "", stderr: "tail: not available\n", exitCode: 1 }));
    if (typeof parsed === "string") {
      return { stdout: "", stderr: `${parsed}\n`, exitCode: 1 };
    }
    if (!parsed.follow || parsed.unsupported) return bundled();
    // Following stdin (`tail -f` with no file) is the pipe's end: busybox prints it and ends.
    if (parsed.files.length === 0) return bundled();

    const sink = stdoutFile(ctx.fileDescriptors);
    let buffered = "";
    let stderr = "";
    const emit = async (s: string) => {
      if (!s) return;
      if (sink) await ctx.fs.appendFile(sink, s);
      else buffered += s;
    };
    const resolve = (f: string) => ctx.fs.resolvePath(ctx.cwd, f);
    const headers = parsed.files.length > 1 && !parsed.quiet;
    let lastHeader: string | null = null;
    const header = async (f: string, first: boolean) => {
      if (!headers || lastHeader === f) return;
      await emit(`${first ? "" : "\n"}==> ${f} <==\n`);
      lastHeader = f;
    };

    // Offsets of what was printed per file; undefined while the file is missing.
    const offsets = new Map<string, number | undefined>();
    let opened = 0;
    for (const [i, f] of parsed.files.entries()) {
      const p = resolve(f);
      if (!(await ctx.fs.exists(p))) {
        stderr += `tail: can't open '${f}': No such file or directory\n`;
        offsets.set(f, undefined);
        continue;
      }
      const text = await ctx.fs.readFile(p);
      await header(f, i === 0);
      await emit(initialPart(text, parsed.count, parsed.fromStart));
      offsets.set(f, text.length);
      opened++;
    }
    if (sink && stderr) {
      const errSink = /^__file(?:_append)?__:(.*)$/s.exec(ctx.fileDescriptors?.get(2) ?? "")?.[1];
      if (errSink) {
        await ctx.fs.appendFile(errSink, stderr);
        stderr = "";
      }
    }
    // busybox -f gives up when no file could be opened; -F keeps retrying by name.
    if (opened === 0 && parsed.follow === "descriptor") return { stdout: buffered, stderr, exitCode: 1 };

    while (!ctx.signal?.aborted) {
      await sleepFor(parsed.intervalSec * 1000, time, ctx.signal);
      if (ctx.signal?.aborted) break;
      for (const f of parsed.files) {
        const p = resolve(f);
        if (!(await ctx.fs.exists(p))) {
          if (parsed.follow === "name") offsets.set(f, undefined);
          continue;
        }
        const text = await ctx.fs.readFile(p);
        const seen = offsets.get(f);
        // A file that appeared (-F) is read from its start; a truncated one from its new start.
        const from = seen === undefined || text.length < seen ? 0 : seen;
        if (text.length > from) {
          await header(f, false);
          await emit(text.slice(from));
        }
        offsets.set(f, text.length);
      }
    }
    return { stdout: buffered, stderr, exitCode: 0 };
  });
}

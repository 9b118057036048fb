// Commands run inside a running container (CRI ExecSync and Exec): exec probes, `kubectl exec`
// and `crictl exec`. They share the container's filesystem, environment and network.
import type { ExecResult, ExecStreams } from "../cri/types.js";
import type { Time } from "../../cluster/runtime/timers.js";
import type { CatalogueEntry } from "./images/catalogue.js";
import { execErrorMessage } from "./runtime-messages.js";
import type { ContainerNetwork } from "./shell/net.js";
import { executableExists, newBash, scriptFor, type ShellContext } from "./shell/shell.js";
import type { IFileSystem } from "just-bash";
import type { ProcessIdentity } from "./identity.js";

export interface ExecTarget {
  running: boolean;
  entry: CatalogueEntry | undefined;
  imageRef: string;
  fs: IFileSystem;
  env: Record<string, string>;
  cwd: string;
  identity?: ProcessIdentity;
  hostname: string;
  net: ContainerNetwork;
  time: Time;
}

/** Exit code of an exec whose binary is missing (runc reports 127, "command not found"). */
export const EXEC_NOT_FOUND_CODE = 127;

function shellCtx(t: ExecTarget): ShellContext {
  return { entry: t.entry, fs: t.fs, identity: t.identity, env: t.env, cwd: t.cwd, hostname: t.hostname, net: t.net, time: t.time };
}

export async function runExec(t: ExecTarget, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
  if (!t.running) {
    return { stdout: Buffer.alloc(0), stderr: Buffer.from("container is not in running state\n"), exitCode: 126 };
  }
  if (!cmd.length || !executableExists(t.entry, cmd[0])) {
    return { stdout: Buffer.alloc(0), stderr: Buffer.from(`${execErrorMessage(cmd[0] ?? "")}\n`), exitCode: EXEC_NOT_FOUND_CODE };
  }
  if (isImageTool(t.entry, cmd[0])) return { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), exitCode: 0 };
  const bash = newBash(shellCtx(t), t.imageRef);
  const abort = new AbortController();
  const cancel = timeoutSeconds > 0 ? t.time.after(timeoutSeconds * 1000, () => abort.abort()) : () => {};
  try {
    const r = await bash.exec(scriptFor(cmd), { signal: abort.signal, rawScript: true });
    const stdout = r.stdoutKind === "bytes" ? Buffer.from(r.stdout, "latin1") : Buffer.from(r.stdout);
    return { stdout, stderr: Buffer.from(r.stderr), exitCode: r.exitCode };
  } finally {
    cancel();
  }
}

/**
 * An image's own tool that Drydock does not model (calico-node -felix-ready, check-status):
 * it succeeds silently, as it does on a healthy node, so the add-ons' exec probes pass.
 */
function isImageTool(entry: ExecTarget["entry"], argv0: string): boolean {
  const base = argv0.split("/").pop() ?? argv0;
  // Shells and the tools Drydock implements run for real.
  if (["sh", "ash", "bash", "dash", "zsh", "redis-cli", "wget", "nc", "nslookup", "ping", "sleep"].includes(base)) return false;
  return (entry?.binaries ?? []).some((b) => b === argv0 || b === base || b.split("/").pop() === base);
}

const PROMPT = "/ # ";

/**
 * `kubectl exec -it POD -- sh`: a line-at-a-time shell on the streams. With a TTY the shell's
 * terminal echoes what is typed and handles backspace, ^C and ^D, as the container's pty would.
 */
export async function runInteractive(t: ExecTarget, cmd: string[], streams: ExecStreams): Promise<number> {
  const base = (cmd[0] ?? "").split("/").pop() ?? "";
  const isShell = ["sh", "ash", "bash"].includes(base) && !cmd.includes("-c");
  if (!isShell) {
    const r = await runExec(t, cmd, 0);
    streams.stdout.write(r.stdout);
    (streams.stderr ?? streams.stdout).write(r.stderr);
    return r.exitCode;
  }
  if (!executableExists(t.entry, cmd[0])) {
    (streams.stderr ?? streams.stdout).write(`${execErrorMessage(cmd[0])}\r\n`);
    return EXEC_NOT_FOUND_CODE;
  }
  const ctx = shellCtx(t);
  let env = { ...t.env };
  let cwd = t.cwd;
  const nl = streams.tty ? "\r\n" : "\n";
  const write = (s: string) => streams.stdout.write(streams.tty ? s.replace(/\r?\n/g, "\r\n") : s);
  const prompt = () => streams.tty && write(cwd === "/" ? PROMPT : `${cwd} # `);
  prompt();
  let line = "";
  let lastCode = 0;
  const stdin = streams.stdin;
  if (!stdin) return 0;
  return new Promise<number>((resolve) => {
    let busy = Promise.resolve();
    let closed = false;
    const finish = (code: number) => {
      if (closed) return;
      closed = true;
      stdin.removeListener("data", onData);
      resolve(code);
    };
    const runLine = async (text: string) => {
      const bash = newBash({ ...ctx, env, cwd }, t.imageRef);
      const r = await bash.exec(text, { rawScript: true });
      write(r.stdout);
      if (r.stderr) (streams.stderr && !streams.tty ? streams.stderr.write(r.stderr) : write(r.stderr));
      lastCode = r.exitCode;
      env = { ...r.env };
      cwd = r.env.PWD ?? cwd;
      if (/^\s*exit(\s+\d+)?\s*$/.test(text)) return finish(Number(text.trim().split(/\s+/)[1] ?? lastCode));
      prompt();
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === "\u0004" && line === "") {
          if (streams.tty) write(nl);
          busy = busy.then(() => finish(lastCode));
          return;
        }
        if (ch === "\u0003") {
          line = "";
          if (streams.tty) write("^C" + nl);
          prompt();
          continue;
        }
        if (ch === "\u007f" || ch === "\b") {
          if (line && streams.tty) write("\b \b");
          line = line.slice(0, -1);
          continue;
        }
        if (ch === "\r" || ch === "\n") {
          if (streams.tty) write(nl);
          const text = line;
          line = "";
          busy = busy.then(() => (text.trim() ? runLine(text) : void prompt()));
          continue;
        }
        line += ch;
        if (streams.tty) write(ch);
      }
    };
    stdin.on("data", onData);
    stdin.on("end", () => void busy.then(() => finish(lastCode)));
  });
}

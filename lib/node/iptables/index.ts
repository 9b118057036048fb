// `iptables`, `iptables-save` and `iptables-restore` on a node. The node's real netfilter tables
// hold Drydock's interception plumbing (lib/node/network/netns-rules.ts DRYDOCK-* chains), not
// what a kubeadm node has; a student must see, and must not be able to break, the rules
// kube-proxy (iptables mode) programs for the current Services instead.
//
// So each invocation runs the REAL iptables (xtables-nft-multi) in a throwaway user and network
// namespace (`unshare -rn`) whose tables were just loaded with the rendered kube-proxy rules
// (lib/cluster/network/iptables-save.ts): listings, -S, -C, iptables-save and every error
// message are the real tool's. Changes a student makes are checked by the real tool, recorded,
// and replayed on top of the rendered rules for later listings; they never reach the node's
// packet path (KNOWN_GAPS.md).
import { spawn } from "node:child_process";
import type { CommandIO, NodeCommand } from "../types.js";

/** How long one scratch iptables run may take (named limit). */
const RUN_TIMEOUT_MS = 10_000;
/** Recorded student changes kept per node (named limit). */
const MAX_RECORDED = 200;
/** What Ubuntu 24.04's iptables reports; the host's binary may be another patch release. */
const UBUNTU_IPTABLES_VERSION = "v1.8.10";

export interface IptablesDeps {
  /** iptables-restore input for the node's current kube-proxy rules. */
  rules(): Promise<string>;
  /** Binary and unshare locations (tests and other hosts). */
  xtables?: string;
  unshare?: string;
}

type Change = { kind: "argv"; argv: string[] } | { kind: "restore"; argv: string[]; input: Buffer };

/** iptables commands that change tables (the rest only read). */
const MUTATING = new Set(["-A", "--append", "-I", "--insert", "-D", "--delete", "-R", "--replace", "-F", "--flush", "-Z", "--zero", "-N", "--new-chain", "-X", "--delete-chain", "-P", "--policy", "-E", "--rename-chain"]);

/**
 * Debian 12's iptables 1.8.9 lists the prot column as a number ("0", "6"); Ubuntu 24.04's 1.8.10
 * prints the name again ("all", "tcp"), keeping the column's width.
 */
const PROTOCOLS: Record<string, string> = { "0": "all", "1": "icmp", "6": "tcp", "17": "udp", "132": "sctp" };
export function protocolNames(listing: string): string {
  return listing.replace(/^(.*?\S\s+)(0|1|6|17|132)( +)(--|-f|!f)(?= )/gm, (_m, head: string, num: string, pad: string, opt: string) => {
    const name = PROTOCOLS[num];
    return `${head}${name}${" ".repeat(Math.max(1, num.length + pad.length - name.length))}${opt}`;
  });
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    stream.on("data", (d: Buffer | string) => parts.push(Buffer.from(d)));
    stream.on("end", () => resolve(Buffer.concat(parts)));
    stream.on("error", () => resolve(Buffer.concat(parts)));
  });
}

export function iptablesCommands(deps: IptablesDeps): Map<string, NodeCommand> {
  const xt = deps.xtables ?? "/usr/sbin/xtables-nft-multi";
  const changes: Change[] = [];

  /** The shell script that loads the rendered rules (fd 3), replays recorded changes, then runs the command. */
  function script(tool: string, argv: string[]): string {
    const lines = [`${xt} iptables-restore <&3 || exit 111`];
    for (const c of changes) {
      if (c.kind === "argv") lines.push(`${xt} iptables ${c.argv.map(quote).join(" ")} >/dev/null 2>&1`);
      else lines.push(`printf %s ${quote(c.input.toString("base64"))} | base64 -d | ${xt} iptables-restore ${c.argv.map(quote).join(" ")} >/dev/null 2>&1`);
    }
    lines.push(`exec 3<&-; exec ${xt} ${quote(tool)} ${argv.map(quote).join(" ")}`);
    return lines.join("\n");
  }

  async function run(io: CommandIO, tool: string, argv: string[], stdin: Buffer | undefined): Promise<number> {
    let rules: string;
    try {
      rules = await deps.rules();
    } catch {
      rules = "";
    }
    return new Promise<number>((resolve) => {
      const child = spawn(deps.unshare ?? "unshare", ["-rn", "--", "sh", "-c", script(tool, argv)], { stdio: ["pipe", "pipe", "pipe", "pipe"], env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LANG: "C.UTF-8" } });
      const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
      const fix = (d: Buffer) => protocolNames(d.toString().replace(/v1\.8\.\d+ \((nf_tables|legacy)\)/g, `${UBUNTU_IPTABLES_VERSION} ($1)`));
      child.stdout!.on("data", (d: Buffer) => io.stdout.write(fix(d)));
      child.stderr!.on("data", (d: Buffer) => io.stderr.write(fix(d)));
      const fd3 = child.stdio[3] as NodeJS.WritableStream;
      fd3.on("error", () => undefined);
      fd3.end(rules);
      child.stdin!.on("error", () => undefined);
      child.stdin!.end(stdin ?? Buffer.alloc(0));
      child.on("error", (e) => {
        clearTimeout(timer);
        io.stderr.write(`${tool}: ${e.message}\n`);
        resolve(1);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        // 111: the rendered rules did not load; report as the tool would for a broken ruleset.
        resolve(signal ? 1 : (code ?? 1));
      });
    });
  }

  const record = (c: Change) => {
    changes.push(c);
    if (changes.length > MAX_RECORDED) changes.shift();
  };

  const iptables: NodeCommand = async (io) => {
    const argv = io.argv.slice(1);
    const code = await run(io, "iptables", argv, undefined);
    if (code === 0 && argv.some((a) => MUTATING.has(a) || /^-[A-Za-z]*[AIDRFZNXPE]/.test(a) && !a.startsWith("--"))) record({ kind: "argv", argv });
    return code;
  };
  const save: NodeCommand = (io) => run(io, "iptables-save", io.argv.slice(1), undefined);
  const restore: NodeCommand = async (io) => {
    const argv = io.argv.slice(1);
    const input = await readAll(io.stdin);
    const code = await run(io, "iptables-restore", argv, input);
    // --test only checks the input.
    if (code === 0 && !argv.includes("-t") && !argv.includes("--test")) record({ kind: "restore", argv, input });
    return code;
  };
  return new Map<string, NodeCommand>([
    ["iptables", iptables],
    ["iptables-nft", iptables],
    ["iptables-save", save],
    ["iptables-nft-save", save],
    ["iptables-restore", restore],
    ["iptables-nft-restore", restore],
  ]);
}

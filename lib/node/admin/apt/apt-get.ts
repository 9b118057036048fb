// apt-get (apt 2.7, Ubuntu 24.04) for the kube packages: update, install, upgrade. Messages
// follow apt-private/private-install.cc, private-upgrade.cc and cmdline/apt-get.cc; a held
// package changes only with --allow-change-held-packages, a downgrade only with
// --allow-downgrades, and every error ends with exit status 100 as apt's do.
import fs from "node:fs";
import path from "node:path";
import type { CommandIO } from "../../types";
import { debToKubeVersion } from "./catalogue";
import { AptCache, matchVersion, type AvailableVersion } from "./cache";
import { compareDebVersions } from "./debversion";
import { fromDeb, PackageDb, type InstalledPackage } from "./dpkg";
import { progress, showList, sizeToStr } from "./format";
import { cdnUri, ensureLists, listFileName, LISTS_DIR, readKubeSources, releaseLabel, writeIndex } from "./sources";

export interface AptDeps {
  /** The lab's Kubernetes version, for a node tree that has no package state yet. */
  kubernetesVersion: string;
  /** Called after a package was unpacked (e.g. kubectl: switch the node's binary). */
  onInstalled?(io: CommandIO, name: string, kubeVersion: string): void;
}

interface Flags {
  yes: boolean;
  allowHeld: boolean;
  allowDowngrades: boolean;
  quiet: number;
  args: string[];
}

const APT_ERROR = 100;

function parseFlags(argv: string[]): Flags | string {
  const f: Flags = { yes: false, allowHeld: false, allowDowngrades: false, quiet: 0, args: [] };
  for (const a of argv) {
    if (a === "-y" || a === "--yes" || a === "--assume-yes") f.yes = true;
    else if (a === "--allow-change-held-packages") f.allowHeld = true;
    else if (a === "--allow-downgrades") f.allowDowngrades = true;
    else if (a === "-q" || a === "--quiet") f.quiet++;
    else if (a === "-qq") f.quiet += 2;
    else if (/^-y+q*$|^-q+y*$/.test(a)) {
      f.yes ||= a.includes("y");
      f.quiet += (a.match(/q/g) ?? []).length;
    } else if (a === "--no-install-recommends" || a === "--install-recommends" || a === "-f" || a === "--fix-broken" || a.startsWith("-o") || a === "--force-yes") continue;
    else if (a.startsWith("-")) return `Command line option '${a.replace(/^-+/, "")}' [from ${a}] is not understood in combination with the other options.`;
    else f.args.push(a);
  }
  return f;
}

export async function aptGet(io: CommandIO, deps: AptDeps, argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (typeof flags === "string") {
    io.stderr.write(`E: ${flags}\n`);
    return APT_ERROR;
  }
  const [cmd, ...names] = flags.args;
  switch (cmd) {
    case "update":
      return update(io, deps);
    case "install":
      return install(io, deps, flags, names);
    case "upgrade":
    case "dist-upgrade":
    case "full-upgrade":
      return upgrade(io, deps, flags);
    case undefined:
      io.stderr.write("E: No operation specified\n");
      return APT_ERROR;
    default:
      io.stderr.write(`E: Invalid operation ${cmd}\n`);
      return APT_ERROR;
  }
}

/** The Ubuntu archive lines of ubuntu.sources: always up to date in a lab. */
const UBUNTU_RELEASES = [
  "http://archive.ubuntu.com/ubuntu noble InRelease",
  "http://archive.ubuntu.com/ubuntu noble-updates InRelease",
  "http://archive.ubuntu.com/ubuntu noble-backports InRelease",
  "http://security.ubuntu.com/ubuntu noble-security InRelease",
];

export function update(io: CommandIO, deps: AptDeps): number {
  new PackageDb(io.nodePath, deps.kubernetesVersion).read(); // seeds a fresh node's package state
  ensureLists(io.nodePath);
  let n = 0;
  let fetched = 0;
  const out: string[] = [];
  const errors: string[] = [];
  for (const u of UBUNTU_RELEASES) out.push(`Hit:${++n} ${u}`);
  for (const src of readKubeSources(io.nodePath)) {
    const before = fs.existsSync(path.join(io.nodePath(LISTS_DIR), listFileName(src.uri, "Packages")));
    const written = writeIndex(io.nodePath, src);
    const where = `${cdnUri(src.uri)}  InRelease`;
    if (!written) {
      // pkgs.k8s.io answers an unknown channel with 403 from its CDN.
      out.push(`Err:${++n} ${where}`, "  403  Forbidden [IP: 18.172.31.50 443]");
      errors.push(`E: Failed to fetch ${src.uri}InRelease  403  Forbidden [IP: 18.172.31.50 443]`, `E: The repository '${src.uri.replace(/\/$/, "")}  InRelease' is not signed.`);
      continue;
    }
    if (before) out.push(`Hit:${++n} ${where}`);
    else {
      out.push(`Get:${++n} ${where} [${sizeToStr(written.inRelease)}]`);
      out.push(`Get:${++n} ${cdnUri(src.uri)}  Packages [${sizeToStr(written.packages)}]`);
      fetched += written.inRelease + written.packages;
    }
  }
  io.stdout.write(out.join("\n") + "\n");
  if (fetched) io.stdout.write(`Fetched ${sizeToStr(fetched)} in 1s (${sizeToStr(fetched)}/s)\n`);
  progress(io, "Reading package lists");
  if (errors.length) {
    io.stderr.write(
      errors.join("\n") +
        "\nN: Updating from such a repository can't be done securely, and is therefore disabled by default.\nN: See apt-secure(8) manpage for repository creation and user configuration details.\n",
    );
    return APT_ERROR;
  }
  return 0;
}

interface Change {
  name: string;
  from?: InstalledPackage;
  to: AvailableVersion;
}

function header(io: CommandIO): void {
  progress(io, "Reading package lists");
  progress(io, "Building dependency tree");
  progress(io, "Reading state information");
}

async function install(io: CommandIO, deps: AptDeps, flags: Flags, names: string[]): Promise<number> {
  const cache = new AptCache(io.nodePath, deps.kubernetesVersion);
  header(io);
  if (names.length === 0) {
    io.stdout.write("0 upgraded, 0 newly installed, 0 to remove and " + cache.upgradable().length + " not upgraded.\n");
    return 0;
  }
  const changes: Change[] = [];
  const notes: string[] = [];
  for (const arg of names) {
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = eq > 0 ? arg.slice(eq + 1) : undefined;
    const view = cache.view(name);
    if (!view) {
      io.stderr.write(`E: Unable to locate package ${name}\n`);
      return APT_ERROR;
    }
    let target: AvailableVersion | undefined;
    if (spec !== undefined) {
      target = matchVersion(view.versions, spec);
      if (!target) {
        if (view.installed && (view.installed.version === spec || matchVersion([{ pkg: { ...view.installed, size: 0 }, source: { uri: "" } }], spec))) {
          notes.push(`${name} is already the newest version (${view.installed.version}).`);
          continue;
        }
        io.stderr.write(`E: Version '${spec}' for '${name}' was not found\n`);
        return APT_ERROR;
      }
      if (/[*?[]/.test(spec)) io.stdout.write(`Selected version '${target.pkg.version}' (${releaseLabel(target.source.minor ?? "")} [amd64]) for '${name}'\n`);
    } else {
      target = view.versions.find((v) => v.pkg.version === view.candidate);
    }
    if (!target || (view.installed && view.installed.version === target.pkg.version)) {
      notes.push(`${name} is already the newest version (${view.installed?.version ?? view.candidate}).`);
      continue;
    }
    changes.push({ name, from: view.installed, to: target });
  }
  if (notes.length) io.stdout.write(notes.join("\n") + "\n");
  return apply(io, deps, cache, flags, changes);
}

async function upgrade(io: CommandIO, deps: AptDeps, flags: Flags): Promise<number> {
  const cache = new AptCache(io.nodePath, deps.kubernetesVersion);
  header(io);
  progress(io, "Calculating upgrade");
  const kept: string[] = [];
  const changes: Change[] = [];
  for (const name of cache.upgradable()) {
    const view = cache.view(name)!;
    if (view.installed?.want === "hold") kept.push(name);
    else changes.push({ name, from: view.installed, to: view.versions.find((v) => v.pkg.version === view.candidate)! });
  }
  io.stdout.write(showList("The following packages have been kept back:", kept));
  return apply(io, deps, cache, { ...flags, allowHeld: false }, changes, kept.length);
}

async function confirm(io: CommandIO): Promise<boolean> {
  io.stdout.write("Do you want to continue? [Y/n] ");
  const line = await new Promise<string | undefined>((resolve) => {
    let buf = "";
    const onData = (d: Buffer | string) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        cleanup();
        resolve(buf.slice(0, nl));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(buf || undefined);
    };
    const cleanup = () => {
      io.stdin.off("data", onData);
      io.stdin.off("end", onEnd);
    };
    io.stdin.on("data", onData);
    io.stdin.on("end", onEnd);
  });
  if (line === undefined || !/^\s*(y|yes)?\s*$/i.test(line)) {
    io.stdout.write(line === undefined ? "\n" : "");
    io.stdout.write("Abort.\n");
    return false;
  }
  return true;
}

async function apply(io: CommandIO, deps: AptDeps, cache: AptCache, flags: Flags, changes: Change[], alreadyKept = 0): Promise<number> {
  const upgraded = changes.filter((c) => c.from && compareDebVersions(c.to.pkg.version, c.from.version) > 0);
  const downgraded = changes.filter((c) => c.from && compareDebVersions(c.to.pkg.version, c.from.version) < 0);
  const fresh = changes.filter((c) => !c.from);
  const held = changes.filter((c) => c.from?.want === "hold");
  const changing = new Set(changes.map((c) => c.name));
  const notUpgraded = alreadyKept || cache.upgradable().filter((n) => !changing.has(n)).length;
  const names = (cs: Change[]) => cs.map((c) => c.name).sort();

  io.stdout.write(showList("The following NEW packages will be installed:", names(fresh)));
  io.stdout.write(showList("The following held packages will be changed:", names(held)));
  io.stdout.write(showList("The following packages will be upgraded:", names(upgraded)));
  io.stdout.write(showList("The following packages will be DOWNGRADED:", names(downgraded)));
  io.stdout.write(
    `${upgraded.length} upgraded, ${fresh.length} newly installed, ${downgraded.length ? `${downgraded.length} downgraded, ` : ""}0 to remove and ${notUpgraded} not upgraded.\n`,
  );
  if (changes.length === 0) return 0;
  if (held.length && !flags.allowHeld) {
    if (flags.yes) {
      io.stderr.write("E: Held packages were changed and -y was used without --allow-change-held-packages.\n");
      return APT_ERROR;
    }
    if (!(await confirm(io))) return 1;
  } else if (downgraded.length && !flags.allowDowngrades) {
    if (flags.yes) {
      io.stderr.write("E: Packages were downgraded and -y was used without --allow-downgrades.\n");
      return APT_ERROR;
    }
    if (!(await confirm(io))) return 1;
  }

  const total = changes.reduce((s, c) => s + c.to.pkg.size, 0);
  const delta = changes.reduce((s, c) => s + (c.to.pkg.installedSize - (c.from?.installedSize ?? 0)) * 1024, 0);
  io.stdout.write(`Need to get ${sizeToStr(total)} of archives.\n`);
  io.stdout.write(delta >= 0 ? `After this operation, ${sizeToStr(delta)} of additional disk space will be used.\n` : `After this operation, ${sizeToStr(-delta)} disk space will be freed.\n`);
  const sorted = [...changes].sort((a, b) => (a.name < b.name ? -1 : 1));
  sorted.forEach((c, i) => io.stdout.write(`Get:${i + 1} ${cdnUri(c.to.source.uri)}  ${c.name} ${c.to.pkg.version} [${sizeToStr(c.to.pkg.size)}]\n`));
  io.stdout.write(`Fetched ${sizeToStr(total)} in 0s (${sizeToStr(total * 3)}/s)\n`);
  if (fresh.length) for (const c of fresh) io.stdout.write(`Selecting previously unselected package ${c.name}.\n`);
  io.stdout.write("(Reading database ... 78213 files and directories currently installed.)\n");
  for (const c of sorted) {
    io.stdout.write(`Preparing to unpack .../${c.name}_${c.to.pkg.version}_amd64.deb ...\n`);
    io.stdout.write(c.from ? `Unpacking ${c.name} (${c.to.pkg.version}) over (${c.from.version}) ...\n` : `Unpacking ${c.name} (${c.to.pkg.version}) ...\n`);
  }
  const installed = cache.db.read().filter((p) => !changing.has(p.name));
  for (const c of sorted) {
    installed.push({ ...fromDeb(c.to.pkg), want: c.from?.want ?? "install" });
    io.stdout.write(`Setting up ${c.name} (${c.to.pkg.version}) ...\n`);
  }
  cache.db.write(installed);
  for (const c of sorted) deps.onInstalled?.(io, c.name, debToKubeVersion(c.to.pkg.version));
  return 0;
}

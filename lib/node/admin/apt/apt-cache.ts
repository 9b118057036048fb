// apt-cache madison|policy for the kube packages (cmdline/apt-cache.cc Madison, apt-private
// private-cacheset/policy): madison right-aligns name and version in ten columns; policy prints
// the installed version, the candidate and the version table with priorities.
import type { CommandIO } from "../../types";
import type { AptDeps } from "./apt-get";
import { AptCache } from "./cache";
import { compareDebVersions } from "./debversion";
import { DPKG_STATUS } from "./dpkg";
import { describeIndex } from "./sources";

export function aptCache(io: CommandIO, deps: AptDeps, argv: string[]): number {
  const [cmd, ...names] = argv.filter((a) => !/^-(q+)$/.test(a));
  const cache = new AptCache(io.nodePath, deps.kubernetesVersion);
  switch (cmd) {
    case "madison": {
      if (names.length === 0) {
        io.stderr.write("E: No packages found\n");
        return 100;
      }
      let found = false;
      for (const name of names) {
        const view = cache.view(name);
        if (!view) {
          io.stderr.write(`N: Unable to locate package ${name}\n`);
          continue;
        }
        found = true;
        for (const v of view.versions) io.stdout.write(`${name.padStart(10)} | ${v.pkg.version.padStart(10)} | ${describeIndex(v.source.uri)}\n`);
      }
      if (!found) {
        io.stderr.write("E: No packages found\n");
        return 100;
      }
      return 0;
    }
    case "policy": {
      if (names.length === 0) {
        // The global table lists the package files; Drydock lists the kube repositories only.
        io.stdout.write(`Package files:\n 100 ${DPKG_STATUS}\n     release a=now\n`);
        const seen = new Set<string>();
        for (const name of ["kubeadm"]) for (const v of cache.view(name)?.versions ?? []) seen.add(v.source.uri);
        for (const uri of seen) io.stdout.write(` 500 ${describeIndex(uri)}\n     origin pkgs.k8s.io\n`);
        io.stdout.write("Pinned packages:\n");
        return 0;
      }
      for (const name of names) {
        const view = cache.view(name);
        if (!view) {
          io.stderr.write(`N: Unable to locate package ${name}\n`);
          continue;
        }
        const lines = [`${name}:`, `  Installed: ${view.installed?.version ?? "(none)"}`, `  Candidate: ${view.candidate ?? "(none)"}`, "  Version table:"];
        const versions = view.versions.map((v) => v.pkg.version);
        const inst = view.installed?.version;
        const all = [...new Set([...versions, ...(inst ? [inst] : [])])];
        // The version table is ordered newest first.
        all.sort((a, b) => compareDebVersions(b, a));
        for (const ver of all) {
          const srcs = view.versions.filter((v) => v.pkg.version === ver);
          const prio = srcs.length ? 500 : 100;
          lines.push(`${ver === inst ? " *** " : "     "}${ver} ${prio}`);
          for (const s of srcs) lines.push(`        500 ${describeIndex(s.source.uri)}`);
          if (ver === inst) lines.push(`        100 ${DPKG_STATUS}`);
        }
        io.stdout.write(lines.join("\n") + "\n");
      }
      return 0;
    }
    case undefined:
      io.stderr.write("E: No operation specified\n");
      return 100;
    default:
      io.stderr.write(`E: Invalid operation ${cmd}\n`);
      return 100;
  }
}

// apt-mark hold|unhold|showhold (cmdline/apt-mark.cc): holds are dpkg selections, so they live
// in /var/lib/dpkg/status and the real `dpkg -l` shows them as "hi".
import type { CommandIO } from "../../types";
import type { AptDeps } from "./apt-get";
import { AptCache } from "./cache";

export function aptMark(io: CommandIO, deps: AptDeps, argv: string[]): number {
  const args = argv.filter((a) => !/^-(q+|y)$/.test(a));
  const [cmd, ...names] = args;
  const cache = new AptCache(io.nodePath, deps.kubernetesVersion);
  switch (cmd) {
    case "showhold":
    case "showholds": {
      const held = cache.db
        .read()
        .filter((p) => p.want === "hold" && (names.length === 0 || names.includes(p.name)))
        .map((p) => p.name)
        .sort();
      io.stdout.write(held.map((n) => n + "\n").join(""));
      return 0;
    }
    case "hold":
    case "unhold": {
      if (names.length === 0) {
        io.stderr.write("E: No packages found\n");
        return 100;
      }
      const pkgs = cache.db.read();
      let missing = false;
      for (const name of names) {
        if (!cache.view(name)) {
          io.stderr.write(`E: Unable to locate package ${name}\n`);
          missing = true;
        }
      }
      if (missing) {
        io.stderr.write("E: No packages found\n");
        return 100;
      }
      for (const name of names) {
        const p = pkgs.find((x) => x.name === name);
        if (cmd === "hold") {
          if (p?.want === "hold") io.stdout.write(`${name} was already set on hold.\n`);
          else {
            if (p) p.want = "hold";
            io.stdout.write(`${name} set on hold.\n`);
          }
        } else if (p?.want === "hold") {
          p.want = "install";
          io.stdout.write(`Canceled hold on ${name}.\n`);
        } else io.stdout.write(`${name} was already not on hold.\n`);
      }
      cache.db.write(pkgs);
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

// Which program a container runs: the lead's registered programs first (control-plane images),
// then the image daemons Drydock simulates, then the shell for everything else.
import { agnhostProgram, pauseProgram, stressProgram } from "./misc.js";
import { httpdProgram } from "./httpd.js";
import { nginxProgram } from "./nginx.js";
import { redisProgram } from "./redis.js";
import { startShellProgram } from "./shell-program.js";
import type { ContainerProgramEntry } from "./types.js";

export const BUILTIN_PROGRAMS: ContainerProgramEntry[] = [nginxProgram, httpdProgram, redisProgram, pauseProgram, stressProgram, agnhostProgram];

export const shellProgram: ContainerProgramEntry = { name: "shell", match: () => true, start: startShellProgram };

export function selectProgram(registered: ContainerProgramEntry[], image: string, argv: string[]): ContainerProgramEntry {
  for (const p of registered) if (p.match(image, argv)) return p;
  for (const p of BUILTIN_PROGRAMS) if (p.match(image, argv)) return p;
  return shellProgram;
}

/** Docker's rules (and the kubelet's): command replaces ENTRYPOINT and drops CMD; args replace CMD. */
export function effectiveArgv(image: { entrypoint: string[]; cmd: string[] }, command: string[], args: string[]): string[] {
  if (command.length) return [...command, ...args];
  return [...image.entrypoint, ...(args.length ? args : image.cmd)];
}

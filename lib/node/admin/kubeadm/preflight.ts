// kubeadm's preflight checks as `kubeadm join` runs them on a worker (cmd/kubeadm/app/preflight/
// checks.go RunJoinNodeChecks + RunChecks): each check's name, its warnings and errors, errors
// of checks named in --ignore-preflight-errors turned into warnings, and the fatal error text.
// Only the checks a lab node can fail are modelled: the files and directory kubeadm writes, the
// kubelet's port (its service running) and the kubelet service being enabled.
import fs from "node:fs";
import type { CommandIO } from "../../types";

export interface CheckResult {
  name: string;
  warnings: string[];
  errors: string[];
}

/** What the checks need to know of the node besides its files. */
export interface NodeState {
  kubeletActive: boolean;
  kubeletEnabled: boolean;
}

/** FileAvailableCheck: the name replaces every "/" of the path by "-". */
function fileAvailable(io: CommandIO, path: string): CheckResult {
  const exists = fs.existsSync(io.nodePath(path));
  return { name: `FileAvailable-${path.replaceAll("/", "-")}`, warnings: [], errors: exists ? [`${path} already exists`] : [] };
}

/** DirAvailableCheck: a missing directory is fine, a non-empty one is not. */
function dirAvailable(io: CommandIO, path: string): CheckResult {
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(io.nodePath(path));
  } catch {
    // Missing: available.
  }
  return { name: `DirAvailable-${path.replaceAll("/", "-")}`, warnings: [], errors: entries.length ? [`${path} is not empty`] : [] };
}

/** RunJoinNodeChecks for a worker, in upstream order (addCommonChecks between the files and the CA). */
export function joinNodeChecks(io: CommandIO, state: NodeState): CheckResult[] {
  return [
    dirAvailable(io, "/etc/kubernetes/manifests"),
    fileAvailable(io, "/etc/kubernetes/kubelet.conf"),
    fileAvailable(io, "/etc/kubernetes/bootstrap-kubelet.conf"),
    // ServiceCheck{Service: "kubelet", CheckIfActive: false}: only "enabled" is checked.
    {
      name: "Service-Kubelet",
      warnings: state.kubeletEnabled ? [] : ["kubelet service is not enabled, please run 'systemctl enable kubelet.service'"],
      errors: [],
    },
    // PortOpenCheck{port: 10250}: the running kubelet listens there.
    { name: "Port-10250", warnings: [], errors: state.kubeletActive ? ["Port 10250 is in use"] : [] },
    fileAvailable(io, "/etc/kubernetes/pki/ca.crt"),
  ];
}

export class PreflightError extends Error {}

/**
 * RunChecks(checks, os.Stderr, ...): warnings go to stderr as they come; errors of ignored
 * checks too (as warnings).
 * Returns the fatal error (preflight.Error's text), if any check failed.
 */
export function runChecks(io: CommandIO, checks: CheckResult[], ignore: ReadonlySet<string>): PreflightError | undefined {
  let fatal = "";
  for (const c of checks) {
    for (const w of c.warnings) io.stderr.write(`\t[WARNING ${c.name}]: ${w}\n`);
    for (const e of c.errors) {
      if (ignore.has("all") || ignore.has(c.name.toLowerCase())) io.stderr.write(`\t[WARNING ${c.name}]: ${e}\n`);
      else fatal += `\t[ERROR ${c.name}]: ${e}\n`;
    }
  }
  if (!fatal) return undefined;
  return new PreflightError(`[preflight] Some fatal errors occurred:\n${fatal}[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``);
}

/**
 * validation.ValidateIgnorePreflightErrors: lower-cased names; "all" must stand alone. Returns
 * the set, or the validation error's text.
 */
export function ignoreSet(values: string[]): Set<string> | string {
  const set = new Set<string>();
  for (const v of values) for (const item of v.split(",")) if (item.trim()) set.add(item.trim().toLowerCase());
  if (set.has("all") && set.size > 1) {
    return `ignorePreflightErrors: Invalid value: "${[...set].sort().join(",")}": don't specify individual checks if 'all' is used`;
  }
  return set;
}

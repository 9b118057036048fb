// The kubeadm releases a lab can install (the pkgs.k8s.io debs of ../apt/catalogue.ts): each
// binary's version.Info and the component versions it pins (cmd/kubeadm/app/constants:
// SupportedEtcdVersion, CoreDNSVersion, PauseVersion). Build facts are those the release
// binaries print; keep this table in step with lib/node/kubeadm/versions.ts.

export interface KubeadmRelease {
  version: string;
  gitCommit: string;
  buildDate: string;
  goVersion: string;
  etcd: string;
  coredns: string;
  pause: string;
}

const V132 = { etcd: "3.5.16-0", coredns: "v1.11.3", pause: "3.10" };

export const KUBEADM_RELEASES: ReadonlyMap<string, KubeadmRelease> = new Map(
  [
    { version: "v1.32.0", gitCommit: "70d3cc986aa8221cd1dfb1121852688902d3bf53", buildDate: "2024-12-11T18:04:20Z", goVersion: "go1.23.3", ...V132 },
    { version: "v1.32.1", gitCommit: "e9c9be4007d1664e68796af02b8978640d2c1b26", buildDate: "2025-01-15T14:39:14Z", goVersion: "go1.23.4", ...V132 },
    { version: "v1.32.2", gitCommit: "67a30c0adcf52bd3f56ff0893ce19966be12991f", buildDate: "2025-02-12T21:24:52Z", goVersion: "go1.23.6", ...V132 },
    { version: "v1.32.3", gitCommit: "32cc146f75aad04beaaa245a7157eb35063a9f99", buildDate: "2025-03-11T19:52:21Z", goVersion: "go1.23.6", ...V132 },
    { version: "v1.33.0", gitCommit: "60a317eadfcb839692a68eab88b2096f4d708f4f", buildDate: "2025-04-23T13:05:48Z", goVersion: "go1.24.2", etcd: "3.5.21-0", coredns: "v1.12.0", pause: "3.10" },
  ].map((r) => [r.version, r]),
);

/** The newest release the lab's world knows: what dl.k8s.io/release/stable.txt answers. */
export const LATEST_STABLE = "v1.33.0";

export function release(version: string): KubeadmRelease {
  const r = KUBEADM_RELEASES.get(version);
  if (!r) throw new Error(`no kubeadm release data for ${version}`);
  return r;
}

/** The newest release of a minor ("stable-1.32"). */
export function latestOfMinor(minor: number): string | undefined {
  let best: string | undefined;
  for (const v of KUBEADM_RELEASES.keys()) if (parse(v).minor === minor && (!best || compareVersions(v, best) > 0)) best = v;
  return best;
}

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export function parse(v: string): SemVer {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) throw new Error(`could not parse "${v}" as version`);
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

/** `kubeadm version` default output: v1.33 added the emulation fields to version.Info. */
export function versionLine(version: string): string {
  const r = release(version);
  const { minor } = parse(version);
  const emulation = minor >= 33 ? 'EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", ' : "";
  return `kubeadm version: &version.Info{Major:"1", Minor:"${minor}", ${emulation}GitVersion:"${r.version}", GitCommit:"${r.gitCommit}", GitTreeState:"clean", BuildDate:"${r.buildDate}", GoVersion:"${r.goVersion}", Compiler:"gc", Platform:"linux/amd64"}`;
}

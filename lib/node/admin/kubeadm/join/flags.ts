// `kubeadm join` flags (cmd/kubeadm/app/cmd/join.go, options/constant.go) and the validation of
// the JoinConfiguration they make (apis/kubeadm/validation ValidateDiscoveryBootstrapToken,
// ValidateToken, ValidateDiscoveryTokenAPIServer): an aggregate of field errors, exit status 3.

const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;

export interface JoinFlags {
  endpoint?: string;
  token?: string;
  discoveryToken?: string;
  tlsBootstrapToken?: string;
  caCertHashes: string[];
  unsafeSkipCAVerification: boolean;
  nodeName?: string;
  ignorePreflightErrors: string[];
  controlPlane: boolean;
  /** Flags Drydock accepts but does not model (--config, --dry-run, --discovery-file...). */
  unsupported: string[];
}

const VALUE_FLAGS = new Set([
  "--token",
  "--discovery-token",
  "--tls-bootstrap-token",
  "--discovery-token-ca-cert-hash",
  "--node-name",
  "--ignore-preflight-errors",
  "--cri-socket",
  "--certificate-key",
  "--apiserver-advertise-address",
  "--apiserver-bind-port",
  "--config",
  "--discovery-file",
  "--patches",
  "--skip-phases",
]);
const BOOL_FLAGS = new Set(["--discovery-token-unsafe-skip-ca-verification", "--control-plane", "--dry-run"]);
const NOT_MODELLED = new Set(["--config", "--discovery-file", "--patches", "--dry-run", "--certificate-key", "--apiserver-advertise-address", "--apiserver-bind-port"]);

/** Parses the flags (pflag style: --name value, --name=value); returns the error text for an unknown flag. */
export function parseJoinFlags(args: string[]): JoinFlags | string {
  const f: JoinFlags = { caCertHashes: [], unsafeSkipCAVerification: false, ignorePreflightErrors: [], controlPlane: false, unsupported: [] };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (BOOL_FLAGS.has(name)) {
      const on = eq > 0 ? a.slice(eq + 1) !== "false" : true;
      if (name === "--control-plane") f.controlPlane = on;
      else if (name === "--discovery-token-unsafe-skip-ca-verification") f.unsafeSkipCAVerification = on;
      if (NOT_MODELLED.has(name) && on) f.unsupported.push(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) return `unknown flag: ${name}`;
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined) return `flag needs an argument: ${name}`;
    if (NOT_MODELLED.has(name)) f.unsupported.push(name);
    switch (name) {
      case "--token":
        f.token = v;
        break;
      case "--discovery-token":
        f.discoveryToken = v;
        break;
      case "--tls-bootstrap-token":
        f.tlsBootstrapToken = v;
        break;
      case "--discovery-token-ca-cert-hash":
        f.caCertHashes.push(...v.split(",").filter(Boolean));
        break;
      case "--node-name":
        f.nodeName = v;
        break;
      case "--ignore-preflight-errors":
        f.ignorePreflightErrors.push(v);
        break;
    }
  }
  // cobra.MaximumNArgs(1).
  if (positional.length > 1) return `accepts at most 1 arg(s), received ${positional.length}`;
  f.endpoint = positional[0];
  return f;
}

/** The discovery and TLS bootstrap tokens: --token fills both unless they are given (join.go). */
export function tokens(f: JoinFlags): { discovery: string; tlsBootstrap: string } {
  return { discovery: f.discoveryToken ?? f.token ?? "", tlsBootstrap: f.tlsBootstrapToken ?? f.token ?? "" };
}

/** net.SplitHostPort's error for an endpoint, or undefined when it has a host and a port. */
function splitHostPortError(addr: string): string | undefined {
  if (addr.startsWith("[")) {
    const end = addr.indexOf("]");
    if (end < 0) return `address ${addr}: missing ']' in address`;
    if (addr[end + 1] !== ":") return `address ${addr}: missing port in address`;
    return undefined;
  }
  const colons = addr.split(":").length - 1;
  if (colons === 0) return `address ${addr}: missing port in address`;
  if (colons > 1) return `address ${addr}: too many colons in address`;
  return undefined;
}

/** ValidateJoinConfiguration's discovery part; "" when valid. */
export function validateJoin(f: JoinFlags): string {
  const errs: string[] = [];
  const { discovery, tlsBootstrap } = tokens(f);
  const path = "discovery.bootstrapToken";
  const endpoint = f.endpoint ?? "";
  if (!endpoint) errs.push(`${path}: Required value: APIServerEndpoint is not set`);
  if (f.caCertHashes.length === 0 && !f.unsafeSkipCAVerification) {
    errs.push(
      `${path}: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue`,
    );
  }
  if (!TOKEN_RE.test(discovery)) errs.push(`${path}.token: Invalid value: "${discovery}": the bootstrap token is invalid`);
  if (endpoint) {
    const e = splitHostPortError(endpoint);
    if (e) errs.push(`${path}.apiServerEndpoint: Invalid value: "${endpoint}": ${e}`);
  }
  if (!TOKEN_RE.test(tlsBootstrap)) errs.push(`discovery.tlsBootstrapToken: Invalid value: "${tlsBootstrap}": the bootstrap token is invalid`);
  if (errs.length === 0) return "";
  return errs.length === 1 ? errs[0] : `[${errs.join(", ")}]`;
}

export function splitToken(t: string): { id: string; secret: string } {
  const m = TOKEN_RE.exec(t)!;
  return { id: m[1], secret: m[2] };
}

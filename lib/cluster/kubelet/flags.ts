// The kubelet's command line (cmd/kubelet/app/options): pflag parsing with cobra's own parsing
// disabled, so an unknown flag fails as "failed to parse kubelet flag: unknown flag: --x". Flags
// that kubeadm passes and upstream deprecated print pflag's deprecation line.

export interface KubeletFlags {
  values: Map<string, string>;
  deprecations: string[];
}

type FlagKind = "string" | "bool" | "int" | "list";

/** The flags a kubeadm node uses or a student may add, and their kinds. */
const KNOWN: Record<string, FlagKind> = {
  "bootstrap-kubeconfig": "string", kubeconfig: "string", config: "string", "container-runtime-endpoint": "string",
  "pod-infra-container-image": "string", "node-ip": "string", "hostname-override": "string", "max-pods": "int", v: "int",
  "cgroup-driver": "string", "cluster-dns": "list", "cluster-domain": "string", "pod-manifest-path": "string", "client-ca-file": "string",
  "node-labels": "list", "register-with-taints": "list", "fail-swap-on": "bool", "cert-dir": "string", "root-dir": "string",
  "rotate-certificates": "bool", "feature-gates": "list", "runtime-request-timeout": "string", "resolv-conf": "string",
  "eviction-hard": "list", "kube-reserved": "list", "system-reserved": "list", "image-service-endpoint": "string",
  "provider-id": "string", "register-node": "bool", help: "bool", version: "string",
};

/** Deprecation texts of flags that moved to the config file (options.go MarkDeprecated). */
const CONFIG_FILE_DEPRECATION = "This parameter should be set via the config file specified by the Kubelet's --config flag. See https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information.";
const DEPRECATED: Record<string, string> = {
  "container-runtime-endpoint": CONFIG_FILE_DEPRECATION,
  "pod-infra-container-image": "will be removed in 1.35. Image garbage collector will get sandbox image information from CRI.",
  "max-pods": CONFIG_FILE_DEPRECATION,
  "cgroup-driver": CONFIG_FILE_DEPRECATION,
  "cluster-dns": CONFIG_FILE_DEPRECATION,
  "cluster-domain": CONFIG_FILE_DEPRECATION,
  "pod-manifest-path": CONFIG_FILE_DEPRECATION,
  "client-ca-file": CONFIG_FILE_DEPRECATION,
  "register-with-taints": CONFIG_FILE_DEPRECATION,
  "fail-swap-on": CONFIG_FILE_DEPRECATION,
  "rotate-certificates": CONFIG_FILE_DEPRECATION,
  "feature-gates": CONFIG_FILE_DEPRECATION,
  "runtime-request-timeout": CONFIG_FILE_DEPRECATION,
  "resolv-conf": CONFIG_FILE_DEPRECATION,
  "eviction-hard": CONFIG_FILE_DEPRECATION,
  "kube-reserved": CONFIG_FILE_DEPRECATION,
  "system-reserved": CONFIG_FILE_DEPRECATION,
  "image-service-endpoint": CONFIG_FILE_DEPRECATION,
  "provider-id": CONFIG_FILE_DEPRECATION,
  "register-node": CONFIG_FILE_DEPRECATION,
};

export class FlagError extends Error {}

/** Parses argv (without argv[0]). Throws FlagError with pflag's text. */
export function parseKubeletFlags(args: string[]): KubeletFlags {
  const values = new Map<string, string>();
  const deprecations: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") break;
    if (!a.startsWith("-") || a === "-") continue;
    const long = a.startsWith("--");
    const body = a.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    if (!long && name.length !== 1 && name !== "v") throw new FlagError(`unknown shorthand flag: '${name[0]}' in ${a}`);
    const kind = KNOWN[name] ?? (name === "h" ? "bool" : undefined);
    if (!kind) throw new FlagError(long ? `unknown flag: --${name}` : `unknown shorthand flag: '${name}' in ${a}`);
    let val: string;
    if (eq >= 0) val = body.slice(eq + 1);
    else if (kind === "bool") val = "true";
    else if (i + 1 < args.length) val = args[++i];
    else throw new FlagError(`flag needs an argument: --${name}`);
    if (kind === "int" && !/^-?\d+$/.test(val)) throw new FlagError(`invalid argument ${JSON.stringify(val)} for "--${name}" flag: strconv.ParseInt: parsing ${JSON.stringify(val)}: invalid syntax`);
    if (kind === "bool" && !/^(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)$/.test(val)) throw new FlagError(`invalid argument ${JSON.stringify(val)} for "--${name}" flag: strconv.ParseBool: parsing ${JSON.stringify(val)}: invalid syntax`);
    values.set(name, val);
    if (DEPRECATED[name]) deprecations.push(`Flag --${name} has been deprecated, ${DEPRECATED[name]}`);
  }
  return { values, deprecations };
}

// rancher/local-path-provisioner v0.0.30 provisioner.go: the config.json of ConfigMap
// local-path-config (loadConfigFile, canonicalizeConfig) and the path a volume gets on its node
// (getPathOnNode, isSharedFilesystem, pathFromPattern), with the provisioner's error texts.

export const NODE_DEFAULT_NON_LISTED_NODES = "DEFAULT_PATH_FOR_NON_LISTED_NODES";
export const DEFAULT_CMD_TIMEOUT_SECONDS = 120;

export interface StorageClassConfig {
  /** node -> its paths, in the order the config lists them. */
  nodePathMap: Map<string, string[]>;
  sharedFileSystemPath: string;
}

export interface Config extends StorageClassConfig {
  cmdTimeoutSeconds: number;
  setupCommand: string;
  teardownCommand: string;
  /** Per-class configs; when present, classes not listed are refused. */
  storageClassConfigs?: Map<string, StorageClassConfig>;
}

type NodePathData = { node?: string; paths?: string[] };
type ClassData = { nodePathMap?: NodePathData[]; sharedFileSystemPath?: string };

function canonicalizeClass(data: ClassData): StorageClassConfig {
  const nodePathMap = new Map<string, string[]>();
  for (const n of data.nodePathMap ?? []) {
    const node = n.node ?? "";
    if (nodePathMap.has(node)) throw new Error(`StorageClass config canonicalization failed: duplicate node ${node}`);
    const paths: string[] = [];
    for (const p of n.paths ?? []) {
      if (!p.startsWith("/")) throw new Error(`StorageClass config canonicalization failed: path must start with / for path ${p} on node ${node}`);
      const clean = cleanPath(p);
      if (clean === "/") throw new Error(`StorageClass config canonicalization failed: cannot use root ('/') as path on node ${node}`);
      if (paths.includes(clean)) throw new Error(`StorageClass config canonicalization failed: duplicate path ${p} on node ${node}`);
      paths.push(clean);
    }
    nodePathMap.set(node, paths);
  }
  return { nodePathMap, sharedFileSystemPath: data.sharedFileSystemPath ?? "" };
}

/** Parses config.json as the provisioner does; throws with its message when invalid. */
export function parseConfig(json: string, file = "/etc/config/config.json"): Config {
  let data: ClassData & { cmdTimeoutSeconds?: number; setupCommand?: string; teardownCommand?: string; storageClassConfigs?: Record<string, ClassData> };
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`fail to load config file ${file}: ${(e as Error).message}`);
  }
  const classes = Object.entries(data.storageClassConfigs ?? {});
  const base = classes.length ? { nodePathMap: new Map<string, string[]>(), sharedFileSystemPath: "" } : canonicalizeClass(data);
  const cfg: Config = {
    ...base,
    cmdTimeoutSeconds: data.cmdTimeoutSeconds && data.cmdTimeoutSeconds > 0 ? data.cmdTimeoutSeconds : DEFAULT_CMD_TIMEOUT_SECONDS,
    setupCommand: data.setupCommand ?? "",
    teardownCommand: data.teardownCommand ?? "",
  };
  if (classes.length) {
    cfg.storageClassConfigs = new Map();
    for (const [name, c] of classes) {
      try {
        cfg.storageClassConfigs.set(name, canonicalizeClass(c));
      } catch (e) {
        throw new Error(`config for class ${name} is invalid: ${(e as Error).message}`);
      }
    }
  }
  return cfg;
}

export function pickConfig(cfg: Config, storageClassName: string): StorageClassConfig {
  if (!cfg.storageClassConfigs) return cfg;
  const c = cfg.storageClassConfigs.get(storageClassName);
  if (!c) throw new Error(`BUG: Got request for unexpected storage class ${storageClassName}`);
  return c;
}

export function isSharedFilesystem(c: StorageClassConfig): boolean {
  if (c.sharedFileSystemPath && c.nodePathMap.size) throw new Error("both nodePathMap and sharedFileSystemPath are defined. Please make sure only one is in use");
  if (c.nodePathMap.size) return false;
  if (c.sharedFileSystemPath) return true;
  throw new Error("both nodePathMap and sharedFileSystemPath are unconfigured");
}

export function getPathOnNode(c: StorageClassConfig, node: string, requestedPath: string): string {
  if (isSharedFilesystem(c)) return c.sharedFileSystemPath;
  const paths = c.nodePathMap.get(node) ?? c.nodePathMap.get(NODE_DEFAULT_NON_LISTED_NODES);
  if (!paths) throw new Error(`config doesn't contain node ${node}, and no ${NODE_DEFAULT_NON_LISTED_NODES} available`);
  if (!paths.length) throw new Error(`no local path available on node ${node}`);
  if (requestedPath) {
    if (!paths.includes(requestedPath)) throw new Error(`config doesn't contain path ${requestedPath} on node ${node}`);
    return requestedPath;
  }
  // Upstream takes the first key of a Go map (random order); we take the first listed.
  return paths[0];
}

/** The pathPattern parameter: a Go template over {{ .PVName }} and {{ .PVC.<field> }}. */
export function pathFromPattern(pattern: string, pvName: string, pvc: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> }): string {
  return pattern.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const e = expr.trim();
    if (e === ".PVName") return pvName;
    if (e === ".PVC.Name") return pvc.name;
    if (e === ".PVC.Namespace") return pvc.namespace;
    const idx = /^index \.PVC\.(Labels|Annotations) "([^"]*)"$/.exec(e);
    if (idx) return (idx[1] === "Labels" ? pvc.labels : pvc.annotations)?.[idx[2]] ?? "";
    throw new Error(`failed to create path from pattern ${pattern}: template: pathPattern:1: unsupported expression "${e}"`);
  });
}

/** filepath.Clean for absolute paths. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

// Sets of field paths, as sigs.k8s.io/structured-merge-diff/v4/fieldpath (set.go, pathelement.go,
// serialize.go): a trie of path elements (`f:name`, `k:{"name":"nginx"}`, `v:"x"`), where a
// node may itself be a member (`.` in FieldsV1) as well as hold members below it.

/** One step of a path: a struct/map field, a keyed list item, or a set member. */
export type PathElement = { field: string } | { key: Record<string, unknown> } | { value: unknown } | { index: number };
export type Path = PathElement[];

/** JSON with object keys sorted, as fieldpath serialises keys and values. */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(",")}]`;
  if (v && typeof v === "object") {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The FieldsV1 spelling of an element. */
export function elementString(pe: PathElement): string {
  if ("field" in pe) return `f:${pe.field}`;
  if ("key" in pe) return `k:${canonicalJSON(pe.key)}`;
  if ("index" in pe) return `i:${pe.index}`;
  return `v:${canonicalJSON(pe.value)}`;
}

function parseElement(s: string): PathElement {
  const body = s.slice(2);
  if (s.startsWith("f:")) return { field: body };
  if (s.startsWith("k:")) return { key: JSON.parse(body) };
  if (s.startsWith("v:")) return { value: JSON.parse(body) };
  if (s.startsWith("i:")) return { index: Number(body) };
  throw new Error(`unknown path element ${s}`);
}

/** fieldpath.Path.String(): `.spec.containers[name="nginx"].image`, `.metadata.finalizers[="a"]`. */
export function pathString(path: Path): string {
  return path
    .map((pe) => {
      if ("field" in pe) return `.${pe.field}`;
      if ("key" in pe) return `[${Object.keys(pe.key).sort().map((k) => `${k}=${canonicalJSON(pe.key[k])}`).join(",")}]`;
      if ("index" in pe) return `[${pe.index}]`;
      return `[=${canonicalJSON(pe.value)}]`;
    })
    .join("");
}

export class FieldSet {
  /** Whether the path of this node is itself in the set. */
  member = false;
  readonly children = new Map<string, { pe: PathElement; set: FieldSet }>();

  static fromPaths(paths: Path[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: Path): void {
    let node: FieldSet = this;
    for (const pe of path) {
      const k = elementString(pe);
      let child = node.children.get(k);
      if (!child) node.children.set(k, (child = { pe, set: new FieldSet() }));
      node = child.set;
    }
    node.member = true;
  }

  has(path: Path): boolean {
    let node: FieldSet | undefined = this;
    for (const pe of path) {
      node = node.children.get(elementString(pe))?.set;
      if (!node) return false;
    }
    return node.member;
  }

  empty(): boolean {
    return !this.member && [...this.children.values()].every((c) => c.set.empty());
  }

  /** Every member path, children in FieldsV1 key order. */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = this.member ? [prefix] : [];
    for (const k of [...this.children.keys()].sort()) {
      const c = this.children.get(k)!;
      out.push(...c.set.paths([...prefix, c.pe]));
    }
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = FieldSet.fromPaths(this.paths());
    for (const p of other.paths()) out.insert(p);
    return out;
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.fromPaths(this.paths().filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.fromPaths(this.paths().filter((p) => other.has(p)));
  }

  /** serialize.go: `{"f:spec":{".":{},"f:replicas":{}}}`, "." for a member node with children. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const keys = [...this.children.keys()].sort();
    if (this.member && keys.length) out["."] = {};
    for (const k of keys) {
      const c = this.children.get(k)!;
      if (c.set.empty()) continue;
      out[k] = c.set.toFieldsV1();
    }
    return out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const s = new FieldSet();
    const walk = (node: unknown, prefix: Path) => {
      if (!node || typeof node !== "object") return;
      const entries = Object.entries(node as Record<string, unknown>);
      if (prefix.length && entries.length === 0) s.insert(prefix);
      for (const [k, child] of entries) {
        if (k === ".") s.insert(prefix);
        else {
          try {
            walk(child, [...prefix, parseElement(k)]);
          } catch {
            // An entry Drydock cannot read is dropped, as a decode error drops managedFields upstream.
          }
        }
      }
    };
    walk(v, []);
    return s;
  }
}

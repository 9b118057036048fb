// Hashes the controllers put into object names and labels.
// Upstream: pkg/controller/controller_utils.go (ComputeHash), pkg/controller/history
// (HashControllerRevision), k8s.io/apimachinery/pkg/util/rand (SafeEncodeString) and Go's
// hash/fnv.

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1 32-bit (Go's fnv.New32): multiply, then xor. */
export function fnv32(data: Uint8Array): number {
  let h = FNV32_OFFSET;
  for (const b of data) {
    h = Math.imul(h, FNV32_PRIME) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a 32-bit (Go's fnv.New32a): xor, then multiply. */
export function fnv32a(data: Uint8Array): number {
  let h = FNV32_OFFSET;
  for (const b of data) {
    h = (h ^ b) >>> 0;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

// rand.SafeEncodeString's alphabet: no vowels, no 0/1/3 so no words can be spelled.
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

/** rand.SafeEncodeString: each byte of s mapped onto the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) out += ALPHANUMS[b % ALPHANUMS.length];
  return out;
}

/**
 * Go's encoding/json output for a value decoded into map[string]interface{}: object keys sorted,
 * no spaces, and <, >, & escaped as \u003c, \u003e, \u0026 (json.Marshal's HTML escaping).
 */
export function goJSON(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(goJSON).join(",")}]`;
  if (typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${goString(k)}:${goJSON(obj[k])}`).join(",")}}`;
  }
  if (typeof value === "string") return goString(value);
  return JSON.stringify(value);
}

function goString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * controller.ComputeHash: the pod-template-hash of a ReplicaSet and the controller-revision-hash
 * of a DaemonSet. Upstream feeds FNV-32a with go-spew's `%#v` dump of the typed Go struct, which
 * cannot be reproduced from JSON without Go's type information; we feed it the canonical (sorted
 * key) JSON of the template instead. Same algorithm, same output alphabet and length range, but
 * not bit-identical to a real cluster's hash for the same template (KNOWN_GAPS).
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const enc = new TextEncoder();
  const body = enc.encode(goJSON(template));
  let bytes = body;
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte slice: 4 value bytes, 4 zero bytes.
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    bytes = new Uint8Array(body.length + 8);
    bytes.set(body);
    bytes.set(extra, body.length);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}

/** history.HashControllerRevision over a revision's raw data (StatefulSet revisions). */
export function hashControllerRevision(raw: string, probe?: number): string {
  let s = raw;
  if (probe !== undefined) s += String(probe);
  return safeEncodeString(String(fnv32(new TextEncoder().encode(s))));
}

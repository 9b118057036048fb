// Image references as containerd normalises them (github.com/distribution/reference
// ParseNormalizedNamed): "nginx" -> "docker.io/library/nginx:latest".

export interface ImageReference {
  /** docker.io, registry.k8s.io, ... */
  domain: string;
  /** library/nginx, coredns/coredns, ... (without the domain) */
  path: string;
  /** "latest" when neither tag nor digest was given */
  tag?: string;
  digest?: string;
}

export class InvalidReferenceError extends Error {}

const DOMAIN_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$/;
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

/** Parses like reference.ParseNormalizedNamed + TagNameOnly; messages follow distribution/reference. */
export function parseReference(input: string): ImageReference {
  if (input === "" || /\s/.test(input)) throw new InvalidReferenceError("invalid reference format");
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw new InvalidReferenceError("invalid reference format");
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw new InvalidReferenceError("invalid reference format");
  }
  let domain = "docker.io";
  let path = rest;
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    domain = first;
    path = rest.slice(slash + 1);
    if (!DOMAIN_RE.test(domain)) throw new InvalidReferenceError("invalid reference format");
  }
  if (domain === "index.docker.io") domain = "docker.io";
  if (domain === "docker.io" && !path.includes("/")) path = `library/${path}`;
  if (path.toLowerCase() !== path || path.split("/").some((c) => !PATH_COMPONENT_RE.test(c.toLowerCase()))) {
    if (path.toLowerCase() !== path && path.split("/").every((c) => PATH_COMPONENT_RE.test(c.toLowerCase()))) {
      throw new InvalidReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
    }
    throw new InvalidReferenceError("invalid reference format");
  }
  if (!tag && !digest) tag = "latest";
  return { domain, path, tag, digest };
}

export function repositoryOf(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The fully normalised string: docker.io/library/nginx:latest, or repo@sha256:... */
export function formatReference(ref: ImageReference): string {
  const repo = repositoryOf(ref);
  if (ref.digest) return ref.tag ? `${repo}:${ref.tag}@${ref.digest}` : `${repo}@${ref.digest}`;
  return `${repo}:${ref.tag}`;
}

export function normalizeReference(input: string): string {
  return formatReference(parseReference(input));
}

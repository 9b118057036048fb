// Reading a CertificateSigningRequest's spec.request (PEM "CERTIFICATE REQUEST", PKCS#10) as
// pkg/apis/certificates ParseCSR does, and the helpers of pkg/controller/certificates
// (IsCertificateRequestApproved, HasTrueCondition). A minimal DER walker: the controllers need
// the subject, the SANs of the extensionRequest attribute and the public key.

import type { KObject } from "../../api/types.js";

export interface ParsedCSR {
  commonName: string;
  organization: string[];
  dnsNames: string[];
  ipAddresses: string[];
  emailAddresses: string[];
  uris: string[];
  /** SubjectPublicKeyInfo, DER. */
  publicKeySpki: Uint8Array;
}

interface El {
  tag: number;
  content: Uint8Array;
  raw: Uint8Array;
}

function read(buf: Uint8Array, off = 0): El {
  const tag = buf[off];
  let len = buf[off + 1];
  let hdr = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error("asn1: unsupported length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[off + 2 + i];
    hdr = 2 + n;
  }
  if (off + hdr + len > buf.length) throw new Error("asn1: data truncated");
  return { tag, content: buf.subarray(off + hdr, off + hdr + len), raw: buf.subarray(off, off + hdr + len) };
}

function children(content: Uint8Array): El[] {
  const out: El[] = [];
  for (let off = 0; off < content.length; ) {
    const e = read(content, off);
    out.push(e);
    off += e.raw.length;
  }
  return out;
}

function oid(content: Uint8Array): string {
  const parts = [Math.floor(content[0] / 40), content[0] % 40];
  let v = 0;
  for (let i = 1; i < content.length; i++) {
    v = v * 128 + (content[i] & 0x7f);
    if (!(content[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function ip(b: Uint8Array): string {
  if (b.length === 4) return [...b].join(".");
  const groups: string[] = [];
  for (let i = 0; i < b.length; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return groups.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
}

/** The PEM block's DER, or an error with Go's message when the block is not a CSR. */
function pemToDer(pem: string): Uint8Array {
  const m = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!m || m[1] !== "CERTIFICATE REQUEST") throw new Error("PEM block type must be CERTIFICATE REQUEST");
  return Uint8Array.from(atob(m[2].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
}

/** ParseCSR: spec.request is base64 of the PEM in JSON; callers pass the decoded PEM text. */
export function parseCSR(pem: string): ParsedCSR {
  const der = pemToDer(pem);
  const [info] = children(read(der).content);
  const fields = children(info.content);
  const [, subject, spki, attrs] = fields;
  const out: ParsedCSR = { commonName: "", organization: [], dnsNames: [], ipAddresses: [], emailAddresses: [], uris: [], publicKeySpki: spki.raw };
  for (const rdn of children(subject.content)) {
    for (const atv of children(rdn.content)) {
      const [t, v] = children(atv.content);
      const id = oid(t.content);
      if (id === "2.5.4.3") out.commonName = text(v.content);
      else if (id === "2.5.4.10") out.organization.push(text(v.content));
    }
  }
  if (attrs && attrs.tag === 0xa0) {
    for (const attr of children(attrs.content)) {
      const [t, values] = children(attr.content);
      if (oid(t.content) !== "1.2.840.113549.1.9.14") continue;
      for (const exts of children(values.content)) {
        for (const ext of children(exts.content)) {
          const parts = children(ext.content);
          if (oid(parts[0].content) !== "2.5.29.17") continue;
          const names = children(read(parts[parts.length - 1].content).content);
          for (const n of names) {
            if (n.tag === 0x82) out.dnsNames.push(text(n.content));
            else if (n.tag === 0x87) out.ipAddresses.push(ip(n.content));
            else if (n.tag === 0x81) out.emailAddresses.push(text(n.content));
            else if (n.tag === 0x86) out.uris.push(text(n.content));
          }
        }
      }
    }
  }
  return out;
}

export interface CSRCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export const conditionsOf = (csr: KObject): CSRCondition[] => ((csr.status as { conditions?: CSRCondition[] })?.conditions ?? []);

/** GetCertApprovalCondition. */
export function approvalState(csr: KObject): { approved: boolean; denied: boolean } {
  let approved = false;
  let denied = false;
  for (const c of conditionsOf(csr)) {
    if (c.type === "Approved") approved = true;
    if (c.type === "Denied") denied = true;
  }
  return { approved, denied };
}

/** IsCertificateRequestApproved: approved and not denied. */
export const isApproved = (csr: KObject) => {
  const s = approvalState(csr);
  return s.approved && !s.denied;
};

export const hasTrueCondition = (csr: KObject, type: string) => conditionsOf(csr).some((c) => c.type === type && c.status === "True");

/** spec.request of the JSON object: base64 of the PEM. */
export function requestPem(csr: KObject): string {
  const b64 = (csr.spec as { request?: string })?.request ?? "";
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

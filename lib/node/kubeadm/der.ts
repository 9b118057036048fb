// Minimal ASN.1 DER encoder/reader for the X.509 structures kubeadm writes. Encoding choices copy
// Go's encoding/asn1 (PrintableString when the text allows it, else UTF8String; UTCTime for
// 1950-2049, GeneralizedTime outside) so certificates look byte-for-byte like Go-made ones.

export type Der = Buffer;

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Buffer): Der {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

export const sequence = (...items: Der[]): Der => tlv(0x30, Buffer.concat(items));
export const set = (...items: Der[]): Der => tlv(0x31, Buffer.concat(items));
export const octetString = (content: Buffer): Der => tlv(0x04, content);
export const nullValue = (): Der => Buffer.from([0x05, 0x00]);
export const boolean = (v: boolean): Der => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
/** Context-specific constructed (EXPLICIT) tag [n]. */
export const explicit = (n: number, content: Der): Der => tlv(0xa0 | n, content);
/** Context-specific primitive (IMPLICIT) tag [n]. */
export const implicit = (n: number, content: Buffer): Der => tlv(0x80 | n, content);

export function bitString(content: Buffer, unusedBits = 0): Der {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** A non-negative INTEGER from big-endian magnitude bytes (minimal, with a sign pad byte). */
export function integerFromBytes(magnitude: Buffer): Der {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  let body = magnitude.subarray(i);
  if (body.length === 0) body = Buffer.from([0]);
  if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return tlv(0x02, body);
}

/** A small non-negative INTEGER (0..255), e.g. the certificate version. */
export const smallInteger = (n: number): Der => integerFromBytes(Buffer.from([n]));

export function oid(dotted: string): Der {
  const parts = dotted.split(".").map(Number);
  const bytes: number[] = [parts[0] * 40 + parts[1]];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    let v = Math.floor(part / 128);
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** Go's asn1 isPrintable (marshal side): letters, digits and ' ( ) + , - . / : = ? space. */
function isPrintable(s: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
}

export function directoryString(s: string): Der {
  return tlv(isPrintable(s) ? 0x13 : 0x0c, Buffer.from(s, "utf8"));
}

export const ia5String = (s: string): Der => tlv(0x16, Buffer.from(s, "ascii"));

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

export function time(d: Date): Der {
  const y = d.getUTCFullYear();
  const rest = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${pad(y % 100)}${rest}`, "ascii"));
  return tlv(0x18, Buffer.from(`${pad(y, 4)}${rest}`, "ascii"));
}

/** One decoded TLV: its tag, where its content lies in the source, and the whole element. */
export interface Element {
  tag: number;
  content: Buffer;
  raw: Buffer;
}

export function readElement(buf: Buffer, offset = 0): Element {
  const tag = buf[offset];
  let len = buf[offset + 1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
    header += n;
  }
  const start = offset + header;
  if (start + len > buf.length) throw new Error("DER: element runs past the end of its container");
  return { tag, content: buf.subarray(start, start + len), raw: buf.subarray(offset, start + len) };
}

export function readChildren(content: Buffer): Element[] {
  const out: Element[] = [];
  let offset = 0;
  while (offset < content.length) {
    const el = readElement(content, offset);
    out.push(el);
    offset += el.raw.length;
  }
  return out;
}

export function decodeOid(content: Buffer): string {
  const parts = [Math.floor(content[0] / 40), content[0] % 40];
  let v = 0;
  for (const b of content.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

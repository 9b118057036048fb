// Reading the protobuf wire format the way gogo-protobuf's generated Unmarshal methods in
// k8s.io/api (generated.pb.go) do, with their error texts, so a bad body fails as it does upstream.

/** A decode failure; `message` is the Go error's text (e.g. "unexpected EOF"). */
export class WireError extends Error {}

export const ErrUnexpectedEOF = "unexpected EOF"; // io.ErrUnexpectedEOF
export const ErrIntOverflow = "proto: integer overflow"; // ErrIntOverflowGenerated
export const ErrInvalidLength = "proto: negative length found during unmarshaling"; // ErrInvalidLengthGenerated
export const ErrUnexpectedEndOfGroup = "proto: unexpected end of group"; // ErrUnexpectedEndOfGroupGenerated

export const WireType = { Varint: 0, Fixed64: 1, Bytes: 2, StartGroup: 3, EndGroup: 4, Fixed32: 5 } as const;

/** A varint as two unsigned 32-bit halves, so 64-bit values survive until their type is known. */
export interface Varint {
  lo: number;
  hi: number;
}

export class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Go's loop: at most 10 bytes (shift < 64), else "integer overflow"; running out is "unexpected EOF". */
  varint(): Varint {
    let lo = 0;
    let hi = 0;
    for (let shift = 0; ; shift += 7) {
      if (shift >= 64) throw new WireError(ErrIntOverflow);
      if (this.pos >= this.end) throw new WireError(ErrUnexpectedEOF);
      const b = this.buf[this.pos++];
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) break;
    }
    return { lo: lo >>> 0, hi: hi >>> 0 };
  }

  /** A varint that must fit a Go int (lengths, tags). */
  uint(): number {
    const v = this.varint();
    if (v.hi >= 0x80000000) return -1; // negative as a Go int
    return v.hi * 0x100000000 + v.lo;
  }

  /** The bounds of a length-delimited field, checked as the generated code checks them. */
  lengthDelimited(): [number, number] {
    const n = this.uint();
    if (n < 0) throw new WireError(ErrInvalidLength);
    const start = this.pos;
    const end = start + n;
    if (end > this.end) throw new WireError(ErrUnexpectedEOF);
    this.pos = end;
    return [start, end];
  }

  bytes(): Uint8Array {
    const [start, end] = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  fixed32(): number {
    if (this.pos + 4 > this.end) throw new WireError(ErrUnexpectedEOF);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getUint32(0, true);
    this.pos += 4;
    return v;
  }

  fixed64(): Varint {
    if (this.pos + 8 > this.end) throw new WireError(ErrUnexpectedEOF);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return { lo: view.getUint32(0, true), hi: view.getUint32(4, true) };
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new WireError(ErrUnexpectedEOF);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8).getFloat64(0, true);
    this.pos += 8;
    return v;
  }

  float(): number {
    if (this.pos + 4 > this.end) throw new WireError(ErrUnexpectedEOF);
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4).getFloat32(0, true);
    this.pos += 4;
    return v;
  }

  /** Skips an unknown field as skipGenerated does, groups included. */
  skip(wireType: number): void {
    let depth = 0;
    for (;;) {
      switch (wireType) {
        case WireType.Varint:
          this.varint();
          break;
        case WireType.Fixed64:
          if (this.pos + 8 > this.end) throw new WireError(ErrUnexpectedEOF);
          this.pos += 8;
          break;
        case WireType.Bytes:
          this.lengthDelimited();
          break;
        case WireType.StartGroup:
          depth++;
          break;
        case WireType.EndGroup:
          if (depth === 0) throw new WireError(ErrUnexpectedEndOfGroup);
          depth--;
          break;
        case WireType.Fixed32:
          if (this.pos + 4 > this.end) throw new WireError(ErrUnexpectedEOF);
          this.pos += 4;
          break;
        default:
          throw new WireError(`proto: illegal wireType ${wireType}`);
      }
      if (depth === 0) return;
      const tag = this.varint();
      wireType = tag.lo & 7;
    }
  }
}

/** Go's int64(v) as a JS number (exact up to 2^53). */
export function toInt64(v: Varint): number {
  const hi = v.hi | 0;
  return hi * 0x100000000 + v.lo;
}

/** Go's int32(v): the low 32 bits, signed. */
export function toInt32(v: Varint): number {
  return v.lo | 0;
}

export function toUint64(v: Varint): number {
  return v.hi * 0x100000000 + v.lo;
}

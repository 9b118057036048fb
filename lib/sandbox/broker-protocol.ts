// The wire protocol between the in-node ssh/scp clients and the lab's broker, over a unix
// socket. Each frame: type (1 byte), payload length (4 bytes, big endian), payload. Control
// payloads are JSON; data payloads are raw bytes. The clients in clients/*.mjs carry their own
// copy of this codec (they run as standalone scripts inside the node): keep the two in step.

export const Frame = {
  // client -> broker
  Open: 1, // JSON OpenRequest; must be the first frame
  Stdin: 2,
  StdinEof: 3,
  Resize: 4, // JSON {cols, rows}
  // broker -> client
  Opened: 16, // empty: the session runs
  Stdout: 17,
  Stderr: 18,
  Exit: 19, // JSON {code: number | null, signal: string | null}
  Error: 20, // JSON OpenError
} as const;
export type FrameType = (typeof Frame)[keyof typeof Frame];

/** A single frame may not exceed this (a named limit; larger writes are split). */
export const MAX_FRAME = 1 << 20;

export interface OpenRequest {
  v: 1;
  /** The node the client runs on (its hostname). */
  from: string;
  /** Host as typed and the IPv4 addresses it resolved to inside the node (/etc/hosts). */
  host: string;
  addrs: string[];
  user: string;
  port: number;
  /** Remote command (ssh joins its arguments with spaces); null for a login shell. */
  command: string | null;
  tty: { term: string; cols: number; rows: number } | null;
}

export type OpenError =
  /** No sshd at that address: the client reports what a real TCP connect there gives. */
  | { kind: "not-ssh" }
  | { kind: "denied" }
  | { kind: "internal"; message: string };

export function encodeFrame(type: number, payload: Buffer | string | object = Buffer.alloc(0)): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload));
  if (body.length > MAX_FRAME) throw new RangeError(`frame of ${body.length} bytes exceeds ${MAX_FRAME}`);
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** Encodes data as as many frames of `type` as needed. */
export function encodeData(type: number, data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += MAX_FRAME) out.push(encodeFrame(type, data.subarray(i, i + MAX_FRAME)));
  return out;
}

/** Incremental decoder: feed it socket chunks, get whole frames. Throws on an oversized frame
 *  (the peer is broken or hostile; the caller drops the connection). */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): { type: number; payload: Buffer }[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: { type: number; payload: Buffer }[] = [];
    while (this.buf.length >= 5) {
      const len = this.buf.readUInt32BE(1);
      if (len > MAX_FRAME) throw new RangeError(`frame of ${len} bytes exceeds ${MAX_FRAME}`);
      if (this.buf.length < 5 + len) break;
      frames.push({ type: this.buf[0], payload: this.buf.subarray(5, 5 + len) });
      this.buf = this.buf.subarray(5 + len);
    }
    return frames;
  }
}

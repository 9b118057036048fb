// An in-memory TCP connection: two Duplex ends, what one writes the other reads. The socket-ish
// methods (setTimeout, setNoDelay, remoteAddress) let node:http serve and request over it.
import { Duplex } from "node:stream";

export interface SocketEnd extends Duplex {
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
  setTimeout(ms: number, cb?: () => void): this;
  setNoDelay(): this;
  setKeepAlive(): this;
  ref(): this;
  unref(): this;
}

class End extends Duplex {
  peer!: End;
  remoteAddress = "";
  remotePort = 0;
  localAddress = "";
  localPort = 0;
  private pendingRead = false;
  constructor() {
    super({ allowHalfOpen: true });
  }
  override _read(): void {
    this.pendingRead = true;
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.peer.destroyed) return cb();
    this.peer.push(chunk);
    cb();
  }
  override _final(cb: (err?: Error | null) => void): void {
    if (!this.peer.destroyed) this.peer.push(null);
    cb();
  }
  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.peer.destroyed) {
      this.peer.push(null);
      // The other side sees the close as a reset only when it was still writing.
      setImmediate(() => this.peer.destroy());
    }
    cb(err);
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  get readPending(): boolean {
    return this.pendingRead;
  }
}

/** client: what the dialer holds; server: what the listener's onConnection receives. */
export function duplexPair(client: { ip: string; port: number }, server: { ip: string; port: number }): [SocketEnd, SocketEnd] {
  const a = new End();
  const b = new End();
  a.peer = b;
  b.peer = a;
  a.localAddress = client.ip;
  a.localPort = client.port;
  a.remoteAddress = server.ip;
  a.remotePort = server.port;
  b.localAddress = server.ip;
  b.localPort = server.port;
  b.remoteAddress = client.ip;
  b.remotePort = client.port;
  return [a as unknown as SocketEnd, b as unknown as SocketEnd];
}

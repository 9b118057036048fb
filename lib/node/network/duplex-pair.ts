// Two connected in-memory Duplex streams (Node 22's stream.duplexPair, which Node 20 lacks): what
// one side writes the other reads. Both get the no-op socket methods node:http and node:tls call
// on real sockets.
import { Duplex } from "node:stream";

export function duplexPair(): [Duplex, Duplex] {
  const pair: Duplex[] = [];
  const make = (i: number) => {
    const other = () => pair[1 - i];
    const s = new Duplex({
      read() {},
      write(chunk, _enc, cb) {
        other().push(chunk);
        cb();
      },
      final(cb) {
        other().push(null);
        cb();
      },
      destroy(err, cb) {
        if (!other().destroyed) other().destroy();
        cb(err);
      },
    });
    return Object.assign(s, { setTimeout: () => s, setNoDelay: () => s, setKeepAlive: () => s });
  };
  pair.push(make(0), make(1));
  return [pair[0], pair[1]];
}

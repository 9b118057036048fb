// The host side of one node's interceptor (lib/sandbox/netns-intercept.ts): a unix socket server
// that reads each flow's header, asks the lab network what happens to it, and answers the helper
// ("OK" and then the bytes, "REFUSED", "TIMEOUT"; one datagram back for UDP). It also keeps the
// helper's control connection to tell it which UDP addresses to bind.
import net from "node:net";
import fs from "node:fs";
import type { Duplex } from "node:stream";

/** Longest header line accepted from the helper (named limit). */
const MAX_HEADER = 256;
/** Largest datagram relayed. */
const MAX_DATAGRAM = 65535;

export interface FlowHandlers {
  tcp(srcIp: string, srcPort: number, dstIp: string, dstPort: number): Promise<Duplex | "refused" | "timeout">;
  udp(srcIp: string, srcPort: number, dstIp: string, dstPort: number, payload: Buffer): Promise<Buffer | undefined>;
}

export interface InterceptServer {
  readonly path: string;
  /** Replaces the set of UDP addresses ("ip:port") the helper binds; resolves when it acknowledged. */
  setUdp(addrs: string[]): Promise<void>;
  /** Resolves once the helper's control connection is up. */
  connected(): Promise<void>;
  close(): Promise<void>;
}

export async function startInterceptServer(socketPath: string, handlers: FlowHandlers): Promise<InterceptServer> {
  fs.rmSync(socketPath, { force: true });
  let ctl: net.Socket | undefined;
  let onCtl: (() => void) | undefined;
  const ctlReady = new Promise<void>((r) => (onCtl = r));
  let udpWanted: string[] = [];
  const acks: (() => void)[] = [];
  const sendUdp = () => ctl?.write(`UDP ${udpWanted.join(" ")}\n`);
  const sockets = new Set<net.Socket>();

  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.once("close", () => sockets.delete(sock));
    sock.on("error", () => sock.destroy());
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const nl = buf.indexOf(10);
      if (nl < 0) {
        if (buf.length > MAX_HEADER) sock.destroy();
        return;
      }
      sock.off("data", onData);
      const header = buf.subarray(0, nl).toString("latin1").split(" ");
      const rest = buf.subarray(nl + 1);
      dispatch(sock, header, rest);
    };
    sock.on("data", onData);
  });

  const dispatch = (sock: net.Socket, h: string[], rest: Buffer) => {
    if (h[0] === "CTL") {
      ctl = sock;
      let lines = "";
      sock.setEncoding("latin1");
      sock.on("data", (d: string) => {
        lines += d;
        let i;
        while ((i = lines.indexOf("\n")) >= 0) {
          if (lines.slice(0, i) === "ACK") acks.shift()?.();
          lines = lines.slice(i + 1);
        }
      });
      if (udpWanted.length) {
        acks.push(() => {});
        sendUdp();
      }
      onCtl?.();
      return;
    }
    if (h[0] === "TCP" && h.length === 5) {
      sock.pause();
      if (rest.length) sock.unshift(rest);
      handlers.tcp(h[1], Number(h[2]), h[3], Number(h[4])).then(
        (r) => {
          if (sock.destroyed) return typeof r === "object" ? r.destroy() : undefined;
          if (r === "refused" || r === "timeout") return sock.end(r === "refused" ? "REFUSED\n" : "TIMEOUT\n");
          sock.write("OK\n");
          r.on("error", () => sock.destroy());
          sock.on("close", () => r.destroy());
          r.on("close", () => sock.destroy());
          sock.pipe(r);
          r.pipe(sock);
          sock.resume();
        },
        () => sock.end("REFUSED\n"),
      );
      return;
    }
    if (h[0] === "UDP" && h.length === 6) {
      const len = Number(h[5]);
      if (!(len >= 0 && len <= MAX_DATAGRAM)) return sock.destroy();
      let payload = rest;
      const go = () => {
        handlers.udp(h[1], Number(h[2]), h[3], Number(h[4]), payload.subarray(0, len)).then(
          (reply) => (reply ? sock.end(Buffer.concat([Buffer.from(`${reply.length}\n`), reply])) : sock.end()),
          () => sock.end(),
        );
      };
      if (payload.length >= len) return go();
      const more = (d: Buffer) => {
        payload = Buffer.concat([payload, d]);
        if (payload.length >= len) {
          sock.off("data", more);
          go();
        }
      };
      sock.on("data", more);
      return;
    }
    sock.destroy();
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    path: socketPath,
    connected: () => ctlReady,
    async setUdp(addrs) {
      udpWanted = [...addrs].sort();
      if (!ctl) return;
      await new Promise<void>((r) => {
        acks.push(r);
        sendUdp();
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}

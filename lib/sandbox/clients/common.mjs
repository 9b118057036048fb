// Shared part of the in-node ssh and scp clients (prepended to ssh-main.mjs / scp-main.mjs by
// ../node-clients.ts). Standalone: node built-ins only. The frame codec mirrors
// ../broker-protocol.ts; keep the two in step.
import net from "node:net";
import dns from "node:dns";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";

const BROKER_SOCKET = "/run/drydock/ssh.sock";
const F = { Open: 1, Stdin: 2, StdinEof: 3, Resize: 4, Opened: 16, Stdout: 17, Stderr: 18, Exit: 19, Error: 20 };
const MAX_FRAME = 1 << 20;

function frame(type, payload) {
  const body = payload === undefined ? Buffer.alloc(0) : Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload));
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

function decoder(onFrame) {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= 5) {
      const len = buf.readUInt32BE(1);
      if (len > MAX_FRAME) throw new Error("protocol error");
      if (buf.length < 5 + len) break;
      const type = buf[0];
      const payload = buf.subarray(5, 5 + len);
      buf = buf.subarray(5 + len);
      onFrame(type, payload);
    }
  };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** getaddrinfo in this node (its /etc/hosts), as ssh does; resolves to {addrs} or {error}. */
function resolveHost(host) {
  if (IPV4.test(host)) return Promise.resolve({ addrs: [host] });
  return new Promise((resolve) => {
    dns.lookup(host, { family: 4, all: true }, (err, list) => {
      if (err) resolve({ error: err.code === "EAI_AGAIN" ? "Temporary failure in name resolution" : "Name or service not known" });
      else resolve({ addrs: list.map((a) => a.address) });
    });
  });
}

const CONNECT_ERRORS = {
  ECONNREFUSED: "Connection refused",
  ENETUNREACH: "Network is unreachable",
  EHOSTUNREACH: "No route to host",
  ETIMEDOUT: "Connection timed out",
};

/** Where the broker has no sshd: what a real TCP connect to addr:port gives in this node. */
function probeConnect(addr, port, timeoutSec) {
  return new Promise((resolve) => {
    const s = net.connect({ host: addr, port });
    const t = timeoutSec > 0 ? setTimeout(() => (s.destroy(), resolve({ error: "Connection timed out" })), timeoutSec * 1000) : undefined;
    s.once("connect", () => (clearTimeout(t), s.destroy(), resolve({ connected: true })));
    s.once("error", (e) => (clearTimeout(t), resolve({ error: CONNECT_ERRORS[e.code] ?? e.message })));
  });
}

/** Opens a session on the broker. handlers: {onOpened, onStdout, onStderr}; resolves with
 *  {exit: {code, signal}} or {error: OpenError} or {brokerDown: true}. */
function openSession(req, handlers) {
  return new Promise((resolve) => {
    const sock = net.connect(BROKER_SOCKET);
    let result;
    sock.once("error", () => resolve(result ?? { brokerDown: true }));
    sock.on("connect", () => {
      sock.write(frame(F.Open, req));
      handlers.onConnect?.(sock);
    });
    sock.on(
      "data",
      decoder((type, payload) => {
        if (type === F.Opened) handlers.onOpened?.();
        else if (type === F.Stdout) handlers.onStdout?.(payload, sock);
        else if (type === F.Stderr) handlers.onStderr?.(payload, sock);
        else if (type === F.Exit) result = { exit: JSON.parse(payload.toString("utf8")) };
        else if (type === F.Error) result = { error: JSON.parse(payload.toString("utf8")) };
      }),
    );
    sock.on("close", () => resolve(result ?? { exit: { code: null, signal: "lost" } }));
  });
}

function sendStdin(sock, data) {
  for (let i = 0; i < data.length; i += MAX_FRAME) sock.write(frame(F.Stdin, data.subarray(i, i + MAX_FRAME)));
}

/** Single-quotes s for the remote shell. */
function shq(s) {
  return "'" + String(s).replace(/'/g, "'\\''") + "'";
}

/** ssh/scp log lines end in \r\n (OpenSSH log.c writes them so they survive a raw tty). */
function logErr(msg) {
  process.stderr.write(msg + "\r\n");
}

function thisNode() {
  return os.hostname();
}

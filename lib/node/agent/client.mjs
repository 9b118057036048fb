#!/usr/bin/node
// The in-node agent client: one script installed under several names (systemctl, journalctl,
// kubeadm, crictl, etcdutl). It forwards argv, env, cwd, stdin, the terminal size and Ctrl-C to
// the lab's agent server over a unix socket and exits with the remote code. Standalone: node
// built-ins only. The codec mirrors ./protocol.ts; keep the two in step.
import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";

const SOCKETS = ["/run/drydock-agent/agent.sock", "/run/drydock/agent.sock"];
const F = { Run: 1, Stdin: 2, StdinEof: 3, Resize: 4, Signal: 5, Stdout: 17, Stderr: 18, Exit: 19 };
const MAX_FRAME = 1 << 20;
const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

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

const name = path.basename(process.argv[1]);
const socketPath = SOCKETS.find((p) => {
  try {
    return fs.statSync(p).isSocket();
  } catch {
    return false;
  }
});
if (!socketPath) {
  process.stderr.write(`${name}: cannot reach the node's system manager\n`);
  process.exit(1);
}

const tty = process.stdout.isTTY ? { cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 } : null;
const sock = net.connect(socketPath);
let exitCode = null;
let released = false;

function finish(code) {
  if (released) return;
  released = true;
  process.exitCode = code;
  // Flush stdout before leaving; stdin may be a terminal nobody will close.
  process.stdout.write("", () => process.exit(code));
}

sock.on("connect", () => {
  sock.write(frame(F.Run, { v: 1, node: os.hostname(), name, argv: [name, ...process.argv.slice(2)], env: { ...process.env }, cwd: process.cwd(), tty }));
  // A terminal's input is only read when the command asks for it would be better; reading it
  // always keeps prompts (kubeadm reset) working at the cost of type-ahead.
  process.stdin.on("data", (d) => {
    for (let i = 0; i < d.length; i += MAX_FRAME) sock.write(frame(F.Stdin, d.subarray(i, i + MAX_FRAME)));
  });
  process.stdin.on("end", () => sock.write(frame(F.StdinEof)));
  process.stdin.on("error", () => sock.write(frame(F.StdinEof)));
  if (tty) process.stdout.on("resize", () => sock.write(frame(F.Resize, { cols: process.stdout.columns, rows: process.stdout.rows })));
});
for (const sig of Object.keys(SIGNALS)) {
  process.on(sig, () => {
    if (sock.writable) sock.write(frame(F.Signal, { signal: sig }));
    else finish(128 + SIGNALS[sig]);
  });
}
sock.on(
  "data",
  decoder((type, payload) => {
    if (type === F.Stdout) process.stdout.write(payload);
    else if (type === F.Stderr) process.stderr.write(payload);
    else if (type === F.Exit) exitCode = JSON.parse(payload.toString("utf8")).code;
  }),
);
sock.on("error", () => {
  if (exitCode === null) process.stderr.write(`${name}: connection to the node's system manager lost\n`);
});
sock.on("close", () => finish(exitCode ?? 1));
process.stdout.on("error", () => finish(exitCode ?? 141));

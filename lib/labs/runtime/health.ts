// The health endpoints the components serve for their probes (etcd :2381/health, the
// controller-manager's :10257/healthz over TLS, CoreDNS :8080/health and :8181/ready, ...):
// a minimal HTTP/1.1 responder on a container's listener, over TLS with a self-signed
// certificate where the component serves HTTPS (the kubelet does not verify probe certificates).
import { generateKeyPairSync, createHash } from "node:crypto";
import { TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ContainerProgramContext } from "../../node/containers/programs/types.js";

export type HealthHandler = (path: string) => { status: number; body: string; type?: string };

let selfSigned: { key: string; cert: string } | undefined;

/** One self-signed certificate for every component's health port (made once with openssl). */
function serving(): { key: string; cert: string } {
  if (selfSigned) return selfSigned;
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const key = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const dir = mkdtempSync(path.join(os.tmpdir(), "drydock-health-"));
  try {
    writeFileSync(path.join(dir, "k.pem"), key);
    execFileSync("openssl", ["req", "-x509", "-new", "-key", path.join(dir, "k.pem"), "-subj", "/CN=localhost@1700000000", "-days", "365", "-out", path.join(dir, "c.pem")], { stdio: "ignore" });
    selfSigned = { key, cert: readFileSync(path.join(dir, "c.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return selfSigned;
}

function respond(sock: Duplex, handler: HealthHandler): void {
  let buf = "";
  sock.on("data", (d: Buffer) => {
    buf += d.toString("latin1");
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0) return;
    const path = buf.split(" ")[1] ?? "/";
    buf = "";
    const r = handler(path.split("?")[0]);
    const body = Buffer.from(r.body);
    sock.end(`HTTP/1.1 ${r.status} ${r.status === 200 ? "OK" : "Error"}\r\nContent-Type: ${r.type ?? "text/plain; charset=utf-8"}\r\nX-Content-Type-Options: nosniff\r\nDate: ${new Date().toUTCString()}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString("latin1")}`);
  });
  sock.on("error", () => undefined);
}

export function serveHealth(ctx: ContainerProgramContext, port: number, handler: HealthHandler, tls = false): void {
  ctx.listen(port, (socket) => {
    if (!tls) return respond(socket, handler);
    const { key, cert } = serving();
    const secure = new TLSSocket(socket, { isServer: true, key, cert });
    respond(secure, handler);
  });
}

export const ok = (body = "ok"): HealthHandler => () => ({ status: 200, body });

/** A stable id for log lines that need one. */
export const shortHash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);

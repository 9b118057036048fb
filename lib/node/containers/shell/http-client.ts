// One HTTP request over a lab-network connection, for wget and curl inside containers: node:http
// speaks the protocol over the Duplex the lab network hands us.
import * as http from "node:http";
import type { Duplex } from "node:stream";

export interface HttpResponse {
  statusCode: number;
  statusMessage: string;
  httpVersion: string;
  rawHeaders: string[];
  body: Buffer;
}

export function httpRequest(
  socket: Duplex,
  opts: { method: string; host: string; path: string; headers: Record<string, string>; body?: Buffer },
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      method: opts.method,
      host: opts.host,
      path: opts.path,
      headers: opts.headers,
      setHost: false,
      createConnection: () => socket as unknown as import("node:net").Socket,
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        socket.destroy();
        resolve({
          statusCode: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? "",
          httpVersion: res.httpVersion,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

export function parseUrl(url: string, defaultScheme = "http"): { scheme: string; host: string; port: number; path: string; hostHeader: string } | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `${defaultScheme}://${url}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    return undefined;
  }
  const scheme = u.protocol.replace(/:$/, "");
  const port = u.port ? Number(u.port) : scheme === "https" ? 443 : 80;
  return { scheme, host: u.hostname, port, path: (u.pathname || "/") + u.search, hostHeader: u.port ? `${u.hostname}:${u.port}` : u.hostname };
}

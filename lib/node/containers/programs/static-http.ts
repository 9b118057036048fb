// The static file server nginx and httpd both are for CKA purposes: a document root on the
// container's filesystem (so mounted ConfigMaps, emptyDirs and `kubectl exec ... > index.html`
// show), an index file, a 404 page, HEAD, and one access-log line per request.
import * as http from "node:http";
import type { IFileSystem } from "just-bash";
import type { SocketEnd } from "../duplex-pair.js";
import { httpDate } from "./types.js";

const TYPES: Record<string, string> = {
  html: "text/html", htm: "text/html", txt: "text/plain", css: "text/css", js: "application/javascript",
  json: "application/json", png: "image/png", jpg: "image/jpeg", gif: "image/gif", svg: "image/svg+xml", xml: "text/xml",
};

export interface StaticSite {
  server: string;
  root(): Promise<string>;
  index: string[];
  notFound(path: string): { body: string; type: string };
  /** Default type for unknown extensions (nginx: application/octet-stream). */
  defaultType: string;
  accessLog(line: { remote: string; method: string; url: string; version: string; status: number; bytes: number; referer: string; agent: string }): void;
  now(): Date;
}

export function serveStatic(fs: IFileSystem, site: StaticSite): (socket: SocketEnd) => void {
  const server = http.createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 0;
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    res.sendDate = false;
    const urlPath = decodeURIComponent((req.url ?? "/").split("?")[0]);
    const root = await site.root();
    let file = `${root}${urlPath}`;
    let status = 200;
    let body: Buffer;
    let type = site.defaultType;
    let mtime: Date | undefined;
    try {
      let st = await fs.stat(file);
      if (st.isDirectory) {
        let found = false;
        for (const idx of site.index) {
          const candidate = `${file.replace(/\/$/, "")}/${idx}`;
          if (await fs.exists(candidate)) {
            file = candidate;
            st = await fs.stat(candidate);
            found = true;
            break;
          }
        }
        if (!found) throw new Error("ENOENT");
      }
      body = Buffer.from(await fs.readFileBuffer(file));
      mtime = st.mtime;
      type = TYPES[file.split(".").pop() ?? ""] ?? site.defaultType;
    } catch {
      status = 404;
      const nf = site.notFound(urlPath);
      body = Buffer.from(nf.body);
      type = nf.type;
    }
    const headers: [string, string][] = [
      ["Server", site.server],
      ["Date", httpDate(site.now())],
      ["Content-Type", type],
      ["Content-Length", String(body.length)],
    ];
    if (mtime) {
      headers.push(["Last-Modified", httpDate(mtime)]);
    }
    headers.push(["Connection", req.headers.connection === "close" || req.httpVersion === "1.0" ? "close" : "keep-alive"]);
    if (mtime) {
      headers.push(["ETag", `"${Math.floor(mtime.getTime() / 1000).toString(16)}-${body.length.toString(16)}"`]);
      headers.push(["Accept-Ranges", "bytes"]);
    }
    res.writeHead(status, headers.flat() as unknown as http.OutgoingHttpHeaders);
    res.end(req.method === "HEAD" ? undefined : body);
    site.accessLog({
      remote: req.socket.remoteAddress ?? "-",
      method: req.method ?? "GET",
      url: req.url ?? "/",
      version: req.httpVersion,
      status,
      bytes: req.method === "HEAD" ? 0 : body.length,
      referer: String(req.headers.referer ?? "-"),
      agent: String(req.headers["user-agent"] ?? "-"),
    });
  }
  return (socket) => server.emit("connection", socket);
}

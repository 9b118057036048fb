// remoteLabAccess against a stand-in for the runner API's exec WebSocket (lib/labs/http-api.ts):
// first message {"script"}, frames tagged 1 stdout / 2 stderr / 3 exit, 255 = stdin EOF.
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { remoteLabAccess } from "./remote-lab.js";

let server: Server;
let baseUrl: string;
let dataDir: string;
const seen: { url: string; auth: string; script: string; eof: boolean }[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "drydock-remote-"));
  writeFileSync(path.join(dataDir, "runner-token"), "t0ken\n");
  const wss = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const rec = { url: req.url ?? "", auth: req.headers.authorization ?? "", script: "", eof: false };
      seen.push(rec);
      ws.once("message", (first: Buffer) => {
        rec.script = JSON.parse(first.toString()).script;
        ws.on("message", (m: Buffer) => (rec.eof ||= m[0] === 255));
        if (rec.script === "hang") return;
        ws.send(Buffer.concat([Buffer.from([1]), Buffer.from("out\n")]));
        ws.send(Buffer.concat([Buffer.from([2]), Buffer.from("err\n")]));
        ws.send(Buffer.concat([Buffer.from([3]), Buffer.from('{"code":3}')]), () => ws.close());
      });
    }),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("remoteLabAccess", () => {
  it("captures stdout, stderr and the exit code of a script run on a node", async () => {
    const lab = remoteLabAccess({ baseUrl, dataDir }, "lab-1");
    expect(await lab.exec("node01", "kubectl get ns")).toEqual({ stdout: "out\n", stderr: "err\n", code: 3 });
    expect(seen.at(-1)).toEqual({ url: "/api/v1/labs/lab-1/exec?node=node01", auth: "Bearer t0ken", script: "kubectl get ns", eof: true });
  });

  it("gives up after the timeout with timeout(1)'s exit code", async () => {
    const lab = remoteLabAccess({ baseUrl, dataDir }, "lab-1");
    expect(await lab.exec("controlplane", "hang", { timeoutMs: 200 })).toEqual({ stdout: "", stderr: "", code: 124 });
  });

  it("says where the token is missing", async () => {
    const lab = remoteLabAccess({ baseUrl, dataDir: path.join(dataDir, "nope") }, "lab-1");
    await expect(lab.exec("controlplane", "true")).rejects.toThrow(`no runner token in ${path.join(dataDir, "nope")}`);
  });
});

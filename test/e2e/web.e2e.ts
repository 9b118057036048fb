// The web app in Chromium: sign up, an exercise with a real terminal, checks, reload onto the
// same shell, CSRF refusals, and one student locked out of another's lab.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { startServer, type TestServer } from "./server";
import { newBrowser, signUp, startLab, typeLine, waitScreen, type Browser } from "./browser";

const SHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");
let server: TestServer;
let ada: Browser;

function wsStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("open", () => (ws.close(), resolve(101)));
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(-1));
  });
}

describe("web app", () => {
  let labName = "";
  let cookie = "";

  beforeAll(async () => {
    server = await startServer();
    ada = await newBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await ada?.close();
    await server?.stop();
  });

  it("signs up, opens an exercise, runs kubectl in the terminal, passes the checks, and finds the same shell after a reload", async () => {
    const page = ada.page;
    await signUp(page, server.url, "Ada", "ada@example.test");
    await page.screenshot({ path: path.join(SHOTS, "catalogue.png") });
    await page.click("text=E2e configmap");
    await page.waitForURL(/\/exercises\/e2e-configmap$/);
    labName = await startLab(page);
    expect(labName).toMatch(/^u-[a-z0-9]+$/);

    await typeLine(page, "kubectl get nodes");
    const out = await waitScreen(page, /node02\s+Ready/);
    expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    expect(out).toMatch(/^controlplane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.3$/m);

    await page.click("button:has-text('Check')");
    await page.waitForSelector("[data-testid=check-results] >> text=1 of 1 checks failed.");
    expect(await page.textContent("[data-testid=check-results] li.fail")).toContain("ConfigMap default/e2e-config with data mode=exam not found");

    await typeLine(page, "kubectl create configmap e2e-config --from-literal=mode=exam; SHELL_MARK=same-shell-$((6*7))");
    await waitScreen(page, /configmap\/e2e-config created/);
    await page.click("button:has-text('Check')");
    await page.waitForSelector("[data-testid=check-results] >> text=All checks passed.");
    await page.screenshot({ path: path.join(SHOTS, "exercise.png") });

    await page.reload();
    await page.waitForSelector(".term-box .xterm", { timeout: 30_000 });
    await waitScreen(page, /configmap\/e2e-config created/); // the scrollback came back
    await typeLine(page, "echo $SHELL_MARK");
    await waitScreen(page, /^same-shell-42$/m);
    cookie = await ada.cookie();
  });

  it("refuses cross-origin requests (route handler and terminal WebSocket)", async () => {
    const evil = await fetch(`${server.url}/api/locale`, { method: "POST", headers: { origin: "http://evil.example", "content-type": "application/json", cookie }, body: '{"locale":"ko"}' });
    expect({ status: evil.status, body: await evil.json() }).toEqual({ status: 403, body: { error: "cross-origin request from http://evil.example refused" } });
    const same = await fetch(`${server.url}/api/locale`, { method: "POST", headers: { origin: server.url, "content-type": "application/json", cookie }, body: '{"locale":"en"}' });
    expect(same.status).toBe(200);
    const ws = `${server.url.replace("http", "ws")}/terminal?lab=${labName}&tab=3`;
    expect(await wsStatus(ws, { origin: "http://evil.example", cookie })).toBe(403);
    expect(await wsStatus(ws, { origin: server.url, cookie })).toBe(101);
  });

  it("keeps a student out of another student's terminal", async () => {
    const other = await newBrowser();
    try {
      await signUp(other.page, server.url, "Bob", "bob@example.test");
      const bob = await other.cookie();
      const ws = `${server.url.replace("http", "ws")}/terminal?lab=${labName}&tab=1`;
      expect(await wsStatus(ws, { origin: server.url, cookie: bob })).toBe(403);
      expect(await wsStatus(ws, { origin: server.url })).toBe(401);
    } finally {
      await other.close();
    }
  });
});

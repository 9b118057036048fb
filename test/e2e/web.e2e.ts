// The web app in Chromium: sign up, an exercise with a real terminal, checks, reload onto the
// same shell, CSRF refusals, and one student locked out of another's lab.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import WebSocket from "ws";
import { startServer, E2E_DATABASE, type TestServer } from "./server";
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

  it("shows a lesson: Markdown tables, nested lists, copyable code, and progress through its exercises", async () => {
    const page = ada.page;
    await page.goto(`${server.url}/lessons`);
    expect(await page.textContent("li[data-lesson=e2e-configmaps]")).toBe("E2e lesson: ConfigMaps5 min1 of 2 exercises passed");
    await page.click("text=E2e lesson: ConfigMaps");
    await page.waitForURL(/\/lessons\/e2e-configmaps$/);
    expect(await page.textContent("main h1")).toBe("E2e lesson: ConfigMaps");
    const table = await page.locator(".md table").evaluate((t) => [...t.querySelectorAll("tr")].map((r) => [...r.children].map((c) => [c.tagName, c.textContent, (c as HTMLElement).style.textAlign])));
    expect(table).toEqual([
      [["TH", "source", ""], ["TH", "flag", "center"]],
      [["TD", "a literal", ""], ["TD", "--from-literal=KEY=VALUE", "center"]],
      [["TD", "a file", ""], ["TD", "--from-file=PATH", "center"]],
    ]);
    // 1. Create it: (code block)  2. Read it back: (a nested bullet list)
    const items = await page.locator(".md > ol > li").evaluateAll((lis) => lis.map((li) => ({ code: li.querySelector(".codeblock code")?.textContent ?? null, nested: [...li.querySelectorAll(":scope > ul > li")].map((x) => x.textContent) })));
    expect(items).toEqual([
      { code: "kubectl create configmap e2e-config --from-literal=mode=exam", nested: [] },
      { code: null, nested: ["kubectl get configmap e2e-config -o yaml", "kubectl describe configmap e2e-config"] },
    ]);
    await ada.ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.click(".md .codeblock button.copy");
    await page.waitForSelector(".md .codeblock button.copy:has-text('Copied')");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("kubectl create configmap e2e-config --from-literal=mode=exam");
    expect(await page.locator(".practise li").allTextContents()).toEqual(["E2e configmappassed", "E2e answer file"]);
    await page.screenshot({ path: path.join(SHOTS, "lesson.png") });
    await page.click(".md a:has-text('E2e configmap')");
    await page.waitForURL(/\/exercises\/e2e-configmap$/);
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

  it(`keeps accounts and sign-in limits in the configured database (${E2E_DATABASE})`, async () => {
    expect(await server.query(`SELECT "email", "role" FROM "User" ORDER BY "email"`)).toEqual([
      { email: "ada@example.test", role: "admin" },
      { email: "bob@example.test", role: "student" },
    ]);
    const mallory = await newBrowser();
    try {
      const page = mallory.page;
      await page.goto(`${server.url}/signin`);
      const attempt = async () => {
        await page.fill("input[name=email]", "ada@example.test");
        await page.fill("input[name=password]", "not her password");
        await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[type=submit]")]);
        return page.textContent(".auth-form .error");
      };
      // Five per minute and address: five wrong passwords are answered as such, then refused.
      // (Windows are aligned to the minute: one that ends mid-run allows up to five more.)
      for (let i = 0; i < 5; i++) expect(await attempt()).toBe("Wrong e-mail or password.");
      let refused = "";
      for (let i = 0; i < 6 && !refused; i++) {
        await attempt();
        // The answer renders just after its response: wait for it before trying again.
        refused = await page
          .waitForSelector(".auth-form .error:has-text('Too many')", { timeout: 3000 })
          .then((el) => el.textContent().then((t) => t ?? ""), () => "");
      }
      expect(refused).toMatch(/^Too many attempts\. Try again in \d+ s\.$/);
      const rows = await server.query(`SELECT "count" FROM "RateLimit" WHERE "key" LIKE 'signin:%:ada@example.test'`);
      expect(Math.max(...rows.map((r) => Number(r.count)))).toBe(6);
    } finally {
      await mallory.close();
    }
  });
});

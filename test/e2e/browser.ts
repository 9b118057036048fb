// What the browser suites share: a Chromium profile per user, the terminal's screen as text,
// typing into it, and signing up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

declare global {
  interface Window {
    __drydockTerms?: Record<number, { buffer: { active: { length: number; getLine(i: number): { translateToString(trim: boolean): string } | undefined } } }>;
  }
}

export interface Browser {
  ctx: BrowserContext;
  page: Page;
  /** The session cookie header of this user, for raw requests. */
  cookie(): Promise<string>;
  close(): Promise<void>;
}

/** One user: a persistent Chromium profile of its own (cookies are not shared between users). */
export async function newBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "drydock-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return {
    ctx,
    page,
    cookie: async () => (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; "),
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The visible text of terminal tab `tab` (xterm's buffer, trailing spaces trimmed). */
export function screen(page: Page, tab = 1): Promise<string> {
  return page.evaluate((t) => {
    const term = window.__drydockTerms?.[t];
    if (!term) return "";
    const b = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? "");
    return lines.join("\n");
  }, tab);
}

export async function waitScreen(page: Page, re: RegExp, timeoutMs = 20_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let s = "";
  while (Date.now() < end) {
    s = await screen(page);
    if (re.test(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Error(`terminal never showed ${re}; it shows:\n${s}`);
}

export async function typeLine(page: Page, line: string) {
  await page.locator(".term-box[data-tab='1']").click();
  await page.keyboard.type(line + "\n", { delay: 5 });
}

export async function signUp(page: Page, base: string, name: string, email: string) {
  await page.goto(`${base}/signup`);
  await page.fill("input[name=name]", name);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", "correct horse battery");
  await page.click("button[type=submit]");
  await page.waitForURL(/\/exercises$/);
}

/** Starts the lab of the page (exercise or exam) and waits for the shell prompt. */
export async function startLab(page: Page): Promise<string> {
  await page.click("button:has-text('Start lab')");
  await page.waitForSelector(".term-box .xterm", { timeout: 60_000 });
  await waitScreen(page, /root@controlplane:~# $/m);
  return (await page.getAttribute(".terminal", "data-lab")) ?? "";
}

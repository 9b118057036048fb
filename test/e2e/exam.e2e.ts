// Mock exam mode in Chromium: a short exam (DRYDOCK_EXAM_MINUTES=3) over the three fixture tasks
// of 4 points each; two are done in the lab, one is flagged and left, and the score report shows
// 8 of 12 points = 66.7%, a pass at the CKA's 66% mark, with the failed check's message.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { startServer, type TestServer } from "./server";
import { newBrowser, signUp, startLab, typeLine, waitScreen, type Browser } from "./browser";

const SHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");
let server: TestServer;
let eve: Browser;

beforeAll(async () => {
  server = await startServer({ DRYDOCK_EXAM_MINUTES: "3" });
  eve = await newBrowser();
});
afterAll(async () => {
  await eve?.close();
  await server?.stop();
});

describe("mock exam", () => {
  it("runs a timed exam: navigate, flag, submit, score report per task", async () => {
    const page = eve.page;
    await signUp(page, server.url, "Eve", "eve@example.test");
    await page.goto(`${server.url}/exams`);
    expect(await page.textContent("main p")).toBe("3 minutes, 3 tasks, pass mark 66%");
    await page.click("button:has-text('Start a mock exam')");
    await page.waitForURL(/\/exams\/[^/]+$/);
    expect(await page.textContent("[data-testid=exam-timer]")).toMatch(/^Time left: 0:0[23]:\d\d$/);

    // The questions: round-robin over the curriculum's domains, in catalogue order.
    const heading = () => page.textContent(".question h2");
    expect(await page.locator(".questions button").allTextContents()).toEqual(["Task 1", "Task 2", "Task 3"]);
    expect(await heading()).toBe("Task 1: E2e namespace");
    await page.click(".prevnext button:has-text('→')");
    expect(await heading()).toBe("Task 2: E2e answer file");
    await page.click(".question button:has-text('Flag')");
    await page.waitForSelector(".questions button:has-text('Task 2 ⚑')");
    expect(await page.textContent(".question > button")).toBe("Unflag");
    await page.click(".questions button:has-text('Task 3')");
    expect(await heading()).toBe("Task 3: E2e configmap");
    const context = () => page.locator("[data-testid=task-context]").evaluate((el) => [...el.querySelectorAll("p, code")].map((e) => e.textContent));
    expect(await context()).toEqual(["Context: node controlplane, namespace default", "This task is done on controlplane. Connect to it first, as in the exam, and type exit to come back when you are done:", "ssh controlplane"]);

    // The lab: tasks 1 and 3 done, task 2 not.
    await startLab(page);

    // Task 2 is done on node01: its context gives the ssh command, copied and pasted (Ctrl+Shift+V)
    // into the terminal as in the exam; exit comes back to controlplane.
    await page.click(".questions button:has-text('Task 2')");
    expect(await context()).toEqual(["Context: node node01", "This task is done on node01. Connect to it first, as in the exam, and type exit to come back when you are done:", "ssh node01"]);
    await eve.ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.click("[data-testid=task-context] button.copy");
    await page.waitForSelector("[data-testid=task-context] button.copy:has-text('Copied')");
    await page.locator(".term-box[data-tab='1']").click();
    await page.keyboard.press("Control+Shift+V");
    await page.keyboard.press("Enter");
    await waitScreen(page, /^root@node01:~# $/m);
    await typeLine(page, "exit");
    await typeLine(page, "echo back-on-$(hostname)");
    await waitScreen(page, /^back-on-controlplane$/m);
    await typeLine(page, "kubectl create namespace e2e-team && kubectl create configmap e2e-config --from-literal=mode=exam");
    await waitScreen(page, /configmap\/e2e-config created/);
    await page.screenshot({ path: path.join(SHOTS, "exam.png") });

    // The flag survives a reload (it is stored, not only page state).
    await page.reload();
    await page.waitForSelector(".questions button:has-text('Task 2 ⚑')");

    page.once("dialog", (d) => void d.accept());
    await page.click("button:has-text('Submit exam')");
    await page.waitForSelector("[data-testid=exam-score]", { timeout: 60_000 });
    expect(await page.textContent("[data-testid=exam-score]")).toBe("Score: 66.7% — Passed (66%)");
    const tasks = await page.locator(".report-task").evaluateAll((els) =>
      els.map((el) => ({ title: el.querySelector("h2")?.textContent, checks: [...el.querySelectorAll("li")].map((li) => li.textContent) })),
    );
    expect(tasks).toEqual([
      { title: "Task 1: E2e namespace — 4/4", checks: ["✔ namespace (Weight 1)"] },
      { title: "Task 2: E2e answer file — 0/4", checks: ["✘ answer-file (Weight 1)/root/e2e-answer.txt does not hold the right number"] },
      { title: "Task 3: E2e configmap — 4/4", checks: ["✔ configmap-mode (Weight 1)"] },
    ]);
    await page.screenshot({ path: path.join(SHOTS, "exam-report.png") });

    // The history lists the attempt; the exam's lab was ended at submission.
    await page.goto(`${server.url}/exams`);
    expect(await page.locator("table.grid td").allTextContents()).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), "66.7%", "Passed"]);
  });
});

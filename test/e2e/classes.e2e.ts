// Roles and classes in Chromium: the first account (admin) makes a second one instructor on the
// admin page; the instructor creates a class; a student joins with the invite code and passes an
// exercise; the dashboard shows student × exercises and the CSV export downloads.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { startServer, type TestServer } from "./server";
import { newBrowser, signUp, startLab, typeLine, waitScreen, type Browser } from "./browser";

let server: TestServer;
const b: Record<"root" | "tess" | "stu", Browser | undefined> = { root: undefined, tess: undefined, stu: undefined };

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const x of Object.values(b)) await x?.close();
  await server?.stop();
});

describe("instructor", () => {
  let classId = "";
  let code = "";

  it("an admin makes a user instructor on the admin page", async () => {
    b.root = await newBrowser();
    b.tess = await newBrowser();
    await signUp(b.root.page, server.url, "Root", "root@example.test");
    await signUp(b.tess.page, server.url, "Tess", "tess@example.test");
    const page = b.root.page;
    await page.click("nav >> text=Users");
    await page.waitForURL(/\/admin$/);
    expect(await page.locator("table.grid tbody tr").evaluateAll((rows) => rows.map((r) => [r.children[0].textContent, r.children[1].textContent, (r.querySelector("select") as HTMLSelectElement).value]))).toEqual([
      ["Root", "root@example.test", "admin"],
      ["Tess", "tess@example.test", "student"],
    ]);
    // The last admin cannot demote itself.
    const own = page.locator("tr[data-email='root@example.test']");
    await own.locator("select").selectOption("student");
    await own.locator("button").click();
    await own.locator(".error").waitFor();
    expect(await own.locator(".error").textContent()).toBe("The last admin cannot be demoted; make another user admin first.");

    const row = page.locator("tr[data-email='tess@example.test']");
    await row.locator("select").selectOption("instructor");
    await row.locator("button").click();
    await row.locator(".ok").waitFor();
    await b.tess.page.reload();
    expect(await b.tess.page.textContent("nav .who")).toBe("Tess (instructor)");
  });

  it("the instructor creates a class and a student joins it with the invite code", async () => {
    const tess = b.tess!.page;
    await tess.goto(`${server.url}/classes`);
    await tess.fill("form.inline-form input[name=name]", "CKA evening");
    await tess.click("button:has-text('Create class')");
    await tess.waitForURL(/\/classes\/[^/]+$/);
    classId = tess.url().split("/").pop()!;
    await tess.goto(`${server.url}/classes`);
    code = (await tess.textContent("main li code")) ?? "";
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);

    b.stu = await newBrowser();
    const stu = b.stu.page;
    await signUp(stu, server.url, "Stu", "stu@example.test");
    await stu.goto(`${server.url}/classes`);
    await stu.fill("input[name=code]", "WRONG123");
    await stu.click("button:has-text('Join a class')");
    expect(await stu.locator("form .error").textContent()).toBe("No class has this invite code.");
    await stu.fill("input[name=code]", code.toLowerCase());
    await stu.click("button:has-text('Join a class')");
    await stu.waitForSelector("main li:has-text('CKA evening')");
    expect(await stu.textContent("main li")).toBe("CKA evening (1)");
    // Students see neither the admin page nor the class dashboard.
    expect((await stu.goto(`${server.url}/admin`))?.status()).toBe(404);
    expect((await stu.goto(`${server.url}/classes/${classId}`))?.status()).toBe(404);
  });

  it("the dashboard shows the student's work, and the CSV export downloads", async () => {
    const stu = b.stu!.page;
    await stu.goto(`${server.url}/exercises/e2e-namespace`);
    await startLab(stu);
    await typeLine(stu, "kubectl create namespace e2e-team");
    await waitScreen(stu, /namespace\/e2e-team created/);
    await stu.click("button:has-text('Check')");
    await stu.waitForSelector("[data-testid=check-results] >> text=All checks passed.");

    const tess = b.tess!.page;
    await tess.goto(`${server.url}/classes/${classId}`);
    expect(await tess.textContent("main h1")).toBe("CKA evening");
    const table = await tess.locator("table.dashboard tr").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(table).toEqual([
      ["Student", "e2e-namespace", "e2e-answer", "e2e-configmap", "Score"],
      ["Stu stu@example.test", "✔", "", "", ""],
    ]);
    const [download] = await Promise.all([tess.waitForEvent("download"), tess.click("text=Export CSV")]);
    expect(download.suggestedFilename()).toBe(`class-${classId}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toBe(
      "student,email,e2e-namespace status,e2e-namespace checks,e2e-namespace minutes,e2e-answer status,e2e-answer checks,e2e-answer minutes,e2e-configmap status,e2e-configmap checks,e2e-configmap minutes,best exam %\r\n" +
        "Stu,stu@example.test,passed,1,0,none,0,0,none,0,0,\r\n",
    );
  });
});

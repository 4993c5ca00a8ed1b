// editors.test.mjs: the editors' desk in headless Chromium (issue 5).
// An editor signs in on a phone with password and TOTP, previews and
// posts an update in Markdown; a reader's page (a second, anonymous
// context) shows it without a reload. A contributor's draft stays
// invisible to readers until the editor publishes it. Screenshots of the
// desk on a phone-sized screen go to tests/artifacts.
import { join } from "node:path";
import { PASSWORD, addUser, artifacts, finish, setup, start, totp } from "./lib.mjs";

const t = await setup("browser-editors");
const check = t.check;
const editorSecret = addUser(t, "desk", "editor,verifier");
const contributorSecret = addUser(t, "stringer", "contributor");
await start(t);
const base = t.base;
const browser = t.browser;
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
                isMobile: true, hasTouch: true };

// Watches a page for script errors and CSP reports.
function watch(page, problems) {
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
}

// Signs in through the form; returns the page, on the desk.
async function signIn(login, secret, shot) {
  const ctx = await browser.newContext(phone);
  const page = await ctx.newPage();
  await page.goto(base + "/login");
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", PASSWORD);
  await page.fill("input[name=code]", totp(secret));
  if (shot) await page.screenshot({ path: join(artifacts, "desk-sign-in-phone.png"), fullPage: true });
  await page.click("form[method=post] button");
  await page.waitForURL(base + "/admin").catch(() => {});
  check(page.url() === base + "/admin", `${login} signed in (${page.url()})`);
  return page;
}

try {
  const problems = [];
  // The reader, anonymous, on the live page.
  const readerCtx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const reader = await readerCtx.newPage();
  watch(reader, problems);
  await reader.goto(base + "/t/iran-nov-2019");
  await reader.waitForTimeout(500);

  // A wrong code is refused, with the form again.
  const failCtx = await browser.newContext(phone);
  const fail = await failCtx.newPage();
  await fail.goto(base + "/login");
  await fail.fill("input[name=login]", "desk");
  await fail.fill("input[name=password]", PASSWORD);
  await fail.fill("input[name=code]", totp(editorSecret) === "123456" ? "654321" : "123456");
  await fail.click("form[method=post] button");
  check(fail.url() === base + "/login" &&
        (await fail.locator("[role=alert]").innerText()).includes("not right"),
        "a wrong code is refused with a message");
  await failCtx.close();

  const desk = await signIn("desk", editorSecret, true);
  watch(desk, problems);
  await desk.screenshot({ path: join(artifacts, "desk-index-phone.png"), fullPage: true });
  await desk.click("a[href='/admin/t/iran-nov-2019']");
  await desk.fill("input[name=title]", "Rally at the university");
  await desk.fill("textarea[name=body]",
                  "Students gathered at **Tehran University**.\n\n- chants\n- a sit-in");
  await desk.click("button[name=preview]");
  const preview = desk.locator(".preview strong");
  check((await preview.count()) === 1 && (await preview.innerText()) === "Tehran University",
        "the Markdown preview shows the rendered text");
  check(await desk.inputValue("input[name=title]") === "Rally at the university",
        "the form keeps what was typed");
  await desk.screenshot({ path: join(artifacts, "desk-post-preview-phone.png"), fullPage: true });
  await desk.click("button[name=save]");
  await desk.waitForURL(base + "/admin/t/iran-nov-2019").catch(() => {});
  const posted = reader.locator("article", { hasText: "Rally at the university" });
  await posted.waitFor({ timeout: 5000 }).catch(() => {});
  check(await posted.count() === 1, "the reader sees the editor's update without a reload");
  check(await posted.locator("strong", { hasText: "Tehran University" }).count() === 1,
        "... rendered from Markdown");

  // A contributor's draft waits for an editor.
  const stringer = await signIn("stringer", contributorSecret, false);
  watch(stringer, problems);
  await stringer.click("a[href='/admin/t/iran-nov-2019']");
  check((await stringer.locator("main").innerText()).includes("drafts until an editor"),
        "the contributor is told posts are drafts");
  await stringer.fill("textarea[name=body]", "Witnesses report a strike in **Ahvaz**.");
  await stringer.click("button[name=save]");
  await stringer.waitForURL(base + "/admin/t/iran-nov-2019").catch(() => {});
  await stringer.screenshot({ path: join(artifacts, "desk-contributor-phone.png"), fullPage: true });
  await reader.waitForTimeout(1000);
  check(await reader.locator("article", { hasText: "strike in Ahvaz" }).count() === 0,
        "the draft is not on the live page");
  await desk.reload();
  const href = await desk.locator("li", { hasText: "Witnesses report" }).locator("a").first().getAttribute("href");
  const number = href.split("/").pop();
  check((await fetch(`${base}/t/iran-nov-2019/u/${number}`)).status === 404,
        "the draft's page does not exist for readers");
  await desk.goto(base + href);
  await desk.screenshot({ path: join(artifacts, "desk-update-phone.png"), fullPage: true });
  await desk.click("button:text('Publish')");
  const published = reader.locator("article", { hasText: "strike in Ahvaz" });
  await published.waitFor({ timeout: 5000 }).catch(() => {});
  check(await published.count() === 1, "once approved, the draft appears on the live page");

  // The figures page: a proposal, and the verifier may not approve their own.
  await desk.goto(base + "/admin/t/iran-nov-2019/claims");
  await desk.selectOption("select[name=source]", "amnesty");
  await desk.fill("input[name=low]", "321");
  await desk.fill("input[name=as_of]", "2019-12-27");
  await desk.click("form button:text('Propose')");
  check((await desk.locator("li", { hasText: "proposed by desk" }).count()) === 1,
        "the proposal is listed");
  check((await desk.locator("button:text('Approve and publish')").count()) === 0,
        "the proposer is offered no approval of their own figure");
  await desk.screenshot({ path: join(artifacts, "desk-figures-phone.png"), fullPage: true });

  check(problems.length === 0, `no script errors or CSP reports: ${problems.join("; ")}`);
  // No page of the desk scrolls sideways on a phone.
  for (const path of ["/admin", "/admin/t/iran-nov-2019", "/admin/t/iran-nov-2019/claims",
                      "/admin/sources"]) {
    await desk.goto(base + path);
    const wide = await desk.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `${path} fits a phone (${wide}px)`);
  }
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

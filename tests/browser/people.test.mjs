// people.test.mjs: an admin invites someone in headless Chromium. The
// admin signs in, invites "nadia" as an editor of one tracker and copies
// the one-time link; nadia opens it on a phone, chooses a password,
// enrols the second factor with a code of its key, and lands on the desk
// signed in. She posts to her tracker (a reader sees it, with her byline)
// and is refused (403) on another tracker, at the desk and through the
// API. Screenshots go to tests/artifacts.
import { join } from "node:path";
import { PASSWORD, addUser, artifacts, base32, finish, setup, start, totp } from "./lib.mjs";

const t = await setup("browser-people");
const check = t.check;
const MINE = "city-a", OTHER = "iran-nov-2019";
t.vigil(["tracker", "create", MINE, "--title", "Protests in City A",
         "--started-on", "2019-12-20", "--timezone", "Europe/Paris", "--bylines", "on"]);
const adminSecret = addUser(t, "boss", "admin");
await start(t);
const base = t.base;
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
                isMobile: true, hasTouch: true };

// Script errors and CSP reports on a page (the refusals this test asks
// for are answers, not errors).
function watch(page, problems) {
  const asked = /Failed to load resource: .* status of (403|404|422)/;
  page.on("console", (m) => { if (m.type() === "error" && !asked.test(m.text())) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
}

try {
  const problems = [];
  // The admin signs in and invites nadia as an editor of City A only.
  const adminCtx = await t.browser.newContext({ viewport: { width: 1000, height: 900 } });
  const admin = await adminCtx.newPage();
  watch(admin, problems);
  await admin.goto(base + "/login");
  await admin.fill("input[name=login]", "boss");
  await admin.fill("input[name=password]", PASSWORD);
  await admin.fill("input[name=code]", totp(adminSecret));
  await admin.click("form[method=post] button");
  await admin.waitForURL(base + "/admin").catch(() => {});
  await admin.click("nav a[href='/admin/users']");
  await admin.fill("input[name=login]", "nadia");
  await admin.fill("input[name=display_name]", "Nadia R.");
  await admin.selectOption("select[name=tracker]", MINE);
  await admin.check("input[name='there.editor']");
  await admin.click("form button:text('Invite')");
  const link = admin.locator("a.invite-link");
  await link.waitFor({ timeout: 5000 }).catch(() => {});
  check(await link.count() === 1, "the admin is shown the one-time link");
  const url = await link.getAttribute("href");
  check(url && url.startsWith(base + "/invite?token="), `the link: ${url}`);
  await admin.screenshot({ path: join(artifacts, "people-invited.png"), fullPage: true });

  // nadia opens it on her phone.
  const ctx = await t.browser.newContext(phone);
  const page = await ctx.newPage();
  watch(page, problems);
  await page.goto(url);
  check((await page.locator("strong.login").innerText()) === "nadia", "the page names her login");
  check(await page.inputValue("input[name=display_name]") === "Nadia R.",
        "with the display name the admin gave");
  const key = base32(await page.locator("code.secret").innerText());
  check(key.length === 20, "the page offers a 160-bit TOTP key");
  await page.screenshot({ path: join(artifacts, "people-invitation-phone.png"), fullPage: true });

  // A wrong code first: the form again, the same key.
  await page.fill("input[name=password]", PASSWORD);
  await page.fill("input[name=password_again]", PASSWORD);
  await page.fill("input[name=code]", totp(key) === "123456" ? "654321" : "123456");
  await page.click("form[method=post] button");
  check((await page.locator("[role=alert]").innerText()).includes("code"),
        "a wrong code is refused with the reason");
  check(base32(await page.locator("code.secret").innerText()).equals(key),
        "the form keeps the key she enrolled");
  await page.fill("input[name=password]", PASSWORD);
  await page.fill("input[name=password_again]", PASSWORD);
  await page.fill("input[name=code]", totp(key));
  await page.click("form[method=post] button");
  await page.waitForURL(base + "/admin").catch(() => {});
  check(page.url() === base + "/admin", `she is signed in on the desk (${page.url()})`);
  check(await page.locator(`a[href='/admin/t/${MINE}']`).count() === 1 &&
        await page.locator(`a[href='/admin/t/${OTHER}']`).count() === 0,
        "her desk offers her tracker only");
  await page.screenshot({ path: join(artifacts, "people-desk-phone.png"), fullPage: true });

  // She posts to her tracker; a reader sees it, under her name.
  const reader = await (await t.browser.newContext()).newPage();
  watch(reader, problems);
  await reader.goto(`${base}/t/${MINE}`);
  await page.click(`a[href='/admin/t/${MINE}']`);
  await page.fill("input[name=title]", "Crowds at the town hall");
  await page.fill("textarea[name=body]", "Hundreds gathered at **noon**.");
  await page.click("button[name=save]");
  await page.waitForURL(`${base}/admin/t/${MINE}`).catch(() => {});
  const posted = reader.locator("article", { hasText: "Crowds at the town hall" });
  await posted.waitFor({ timeout: 5000 }).catch(() => {});
  check(await posted.count() === 1, "the reader sees her update without a reload");
  check(await posted.locator(".byline").count() === 1 &&
        (await posted.locator(".byline").innerText()) === "Nadia R.",
        "with her byline");

  // Another tracker is not hers: 403 at the desk and through the API.
  const desk = await page.goto(`${base}/admin/t/${OTHER}`);
  check(desk.status() === 403, `the other tracker's desk: ${desk.status()}`);
  await page.screenshot({ path: join(artifacts, "people-refused-phone.png"), fullPage: true });
  const api = await page.evaluate(async (other) => {
    const me = await (await fetch("/api/v1/me")).json();
    const post = (slug) => fetch(`/api/v1/trackers/${slug}/updates`, {
      method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrf },
      body: JSON.stringify({ body: "From the API" }) }).then((r) => r.status);
    return { roles: me.trackers, other: await post(other), mine: await post("city-a") };
  }, OTHER);
  check(api.other === 403, `posting to ${OTHER} through the API: ${api.other}`);
  check(api.mine === 201, `posting to ${MINE} through the API: ${api.mine}`);
  check(JSON.stringify(api.roles) === JSON.stringify({ [MINE]: "editor" }),
        `her roles: ${JSON.stringify(api.roles)}`);

  // The link is spent.
  const again = await (await (await t.browser.newContext()).newPage()).goto(url);
  check(again.status() === 404, `the link works once: ${again.status()}`);
  check(problems.length === 0, `no script errors or CSP reports: ${problems.join("; ")}`);
  for (const path of ["/admin/users", "/admin/users/nadia", "/admin/trackers"]) {
    await admin.goto(base + path);
    check((await admin.locator("h1").count()) === 1, `${path} opens for the admin`);
  }
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

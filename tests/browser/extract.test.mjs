// extract.test.mjs: the desk's extraction page in headless Chromium
// (issue 7), with the page's JavaScript turned off: it is plain forms.
// An editor signs in with password and TOTP, pastes the day-44 article,
// sees its proposals marked, and accepts "killed, more than 1,500": a
// pending proposal then carries the proposal's exact words as its quote.
// A verifier, signed in from another browser, approves it: the published
// claim's quote is the proposal's text, word for word.
// The result page goes to tests/artifacts/extract-proposals.png.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PASSWORD, addUser, artifacts, finish, root, setup, start, totp } from "./lib.mjs";

const t = await setup("browser-extract");
const check = t.check;
const secret = addUser(t, "desk", "editor");
const checker = addUser(t, "check", "verifier");
await start(t);
const base = t.base;
const SLUG = "iran-nov-2019";
const article = readFileSync(
  join(root, "data/samples/article-2019-12-28-day44.txt"), "utf8");
const QUOTE = "over 1500 protesters were killed";

// Signs `login` in on page with the password and the next TOTP code.
async function signIn(page, login, secret) {
  await page.goto(base + "/login");
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", PASSWORD);
  await page.fill("input[name=code]", totp(secret));
  await page.click("form[method=post] button");
  await page.waitForURL(base + "/admin").catch(() => {});
}

try {
  const problems = [];
  const ctx = await t.browser.newContext({ viewport: { width: 1400, height: 900 },
                                           javaScriptEnabled: false });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));

  await signIn(page, "desk", secret);
  check(page.url() === base + "/admin", `the editor signed in (${page.url()})`);

  // From the desk index to the page, by its link.
  await page.click(`a[href='/admin/t/${SLUG}/extract']`);
  check(page.url() === `${base}/admin/t/${SLUG}/extract`, `the link opens the page (${page.url()})`);
  check(await page.inputValue("input[name=published]") === "2019-12-28",
        "the publication date is today in Tehran");
  await page.fill("textarea[name=text]", article);
  await page.click("button:text('Find proposals')");
  await page.waitForSelector("mark.ex-tally", { timeout: 10000 }).catch(() => {});

  const marks = page.locator(".extracted mark");
  check(await marks.count() >= 12, `the proposals are marked (${await marks.count()})`);
  const killedMark = page.locator("mark.ex-tally", { hasText: QUOTE });
  check(await killedMark.count() === 1 && await killedMark.isVisible(),
        "the killed figure is marked in the text");
  check(await page.locator(".extracted").textContent() === article,
        "the marked text is the article, every character");
  check(await page.locator(".extract-found").isVisible() &&
        (await page.locator(".extract-found").boundingBox()).x >
          (await page.locator(".extract-text").boundingBox()).x,
        "the proposals are beside the text on a wide screen");
  await page.screenshot({ path: join(artifacts, "extract-proposals.png"), fullPage: true });

  // The proposal's Accept form, prefilled.
  const item = page.locator("li.proposal", { has: page.locator("q", { hasText: QUOTE }) });
  check(await item.count() === 1, "one proposal reads killed more than 1,500");
  const form = item.locator("form");
  check(await form.locator("select[name=metric]").inputValue() === "killed" &&
        await form.locator("select[name=qualifier]").inputValue() === "more_than" &&
        await form.locator("input[name=low]").inputValue() === "1500" &&
        await form.locator("select[name=source]").inputValue() === "pmoi" &&
        await form.locator("input[name=as_of]").inputValue() === "2019-12-28" &&
        await form.locator("textarea[name=quote]").inputValue() === QUOTE,
        "the Accept form is prefilled from the proposal");
  await form.locator("button:text('Accept')").click();
  await page.waitForURL(`${base}/admin/t/${SLUG}/claims`).catch(() => {});
  check(page.url() === `${base}/admin/t/${SLUG}/claims`,
        `Accept goes through the figures page (${page.url()})`);
  const row = page.locator("li", { has: page.locator("q", { hasText: QUOTE }) });
  check(await row.count() === 1 && (await row.innerText()).includes("proposed by desk"),
        "the figures page lists the proposal");

  // The API says the same: pending, the exact words, the PMOI's.
  const r = await ctx.request.get(`${base}/api/v1/trackers/${SLUG}/proposals`);
  const proposals = (await r.json()).proposals || [];
  const mine = proposals.filter((p) => p.quote === QUOTE);
  check(r.status() === 200 && mine.length === 1 && mine[0].state === "pending" &&
        mine[0].metric === "killed" && mine[0].qualifier === "more_than" &&
        mine[0].low === 1500 && mine[0].source === "pmoi",
        `a pending proposal with the exact quote: ${JSON.stringify(mine)}`);
  check(problems.length === 0, `no script errors or CSP reports: ${problems.join("; ")}`);

  // A verifier approves it on the figures page: the claim is published
  // with the proposal's words as its quote.
  const second = await t.browser.newContext({ javaScriptEnabled: false });
  const vpage = await second.newPage();
  await signIn(vpage, "check", checker);
  await vpage.goto(`${base}/admin/t/${SLUG}/claims`);
  const pending = vpage.locator("li", { has: vpage.locator("q", { hasText: QUOTE }) });
  await pending.locator("button:text('Approve and publish')").click();
  await vpage.waitForLoadState();
  const claims = await (await fetch(`${base}/api/v1/trackers/${SLUG}/claims`)).json();
  const list = claims.claims || claims;
  const made = (Array.isArray(list) ? list : []).filter((c) => c.quote === QUOTE);
  check(made.length === 1 && made[0].metric === "killed" && made[0].low === 1500 &&
        made[0].qualifier === "more_than",
        `the approved claim's quote is the proposal's text: ${JSON.stringify(made)}`);

  // On a phone the page does not scroll sideways.
  const phone = await t.browser.newContext({ viewport: { width: 390, height: 844 },
                                             isMobile: true, storageState: await ctx.storageState() });
  const small = await phone.newPage();
  await small.goto(`${base}/admin/t/${SLUG}/extract`);
  await small.fill("textarea[name=text]", article);
  await small.click("button:text('Find proposals')");
  await small.waitForSelector("mark.ex-tally", { timeout: 10000 }).catch(() => {});
  const wide = await small.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `the result fits a phone (${wide}px)`);
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

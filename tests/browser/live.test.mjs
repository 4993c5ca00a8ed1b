// live.test.mjs: the live page in headless Chromium. A reader's page
// shows a posted update without a reload; an edit replaces it in place; a
// retraction marks it; a reader scrolled down gets an "N new updates" bar
// instead of a moving page; after the connection is cut and restored the
// page shows what it missed. (Updates are posted with the CLI, which the
// server notices through the database, until the write API exists.)
import { join } from "node:path";
import { artifacts, finish, setup, start } from "./lib.mjs";

const t = await setup("browser-live");
const check = t.check;
const vigil = t.vigil;
const post = (title, body) =>
  +/posted update (\d+)/.exec(vigil(["post", "iran-nov-2019", "--title", title], body))[1];
await start(t);
const base = t.base;
const browser = t.browser;

try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(base + "/t/iran-nov-2019");
  await page.waitForTimeout(500); // the stream connects

  // A new update appears at the top of its day, without a reload.
  const n = post("Breaking: from the newsroom", "Appears **live**.");
  const art = page.locator(`#u${n}`);
  await art.waitFor({ timeout: 5000 }).catch(() => {});
  check(await art.count() === 1, "the new update appeared");
  check(loads === 1, `the page did not reload (${loads} loads)`);
  const firstInDay = await page.locator("#day-44 article").first().getAttribute("id");
  check(firstInDay === `u${n}`, `it is the newest of its day (${firstInDay})`);
  await page.screenshot({ path: join(artifacts, "live-new-update.png") });

  // An edit replaces it in place.
  const before = await page.locator("article").count();
  vigil(["update", "edit", "iran-nov-2019", String(n), "--title", "Breaking (corrected)"]);
  await page.locator(`#u${n} h3`, { hasText: "corrected" }).waitFor({ timeout: 5000 }).catch(() => {});
  check((await art.locator("h3").innerText()) === "Breaking (corrected)", "the edit shows");
  check(await page.locator("article").count() === before, "the edit replaced it in place");
  check((await art.innerText()).includes("edited"), "it says edited");

  // A retraction marks it, keeping the text.
  vigil(["update", "retract", "iran-nov-2019", String(n)]);
  await page.locator(`#u${n}.retracted`).waitFor({ timeout: 5000 }).catch(() => {});
  check(await page.locator(`#u${n}.retracted`).count() === 1, "the retraction marks it");
  check((await art.innerText()).includes("Appears live"), "the retracted text stays");

  // A new figure refreshes the highlights box.
  vigil(["claim", "add", "iran-nov-2019", "--metric", "killed", "--source", "amnesty",
         "--qualifier", "more_than", "--low", "400", "--as-of", "2019-12-27"]);
  await page.locator(".highlights", { hasText: "more than 400" }).waitFor({ timeout: 5000 }).catch(() => {});
  check((await page.locator(".highlights").innerText()).includes("more than 400"),
        "the highlights box refreshed");

  // Scrolled away: a bar offers the new updates instead of moving the page.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const y = await page.evaluate(() => window.scrollY);
  const n2 = post("While you were reading", "Queued.");
  const bar = page.locator("button.newbar");
  await bar.waitFor({ state: "visible", timeout: 5000 }).catch(() => {});
  check(await bar.isVisible() && (await bar.innerText()) === "1 new update",
        "the new-updates bar shows");
  check(await page.locator(`#u${n2}`).count() === 0 &&
        await page.evaluate(() => window.scrollY) === y,
        "the page did not move under the reader");
  await page.screenshot({ path: join(artifacts, "live-new-bar.png") });
  await bar.click();
  check(await page.locator(`#u${n2}`).count() === 1, "the bar shows the update");

  // Cut the connection, post meanwhile, restore it: the page catches up.
  await context.setOffline(true);
  await page.waitForTimeout(300);
  const missed = [post("Missed one", "While offline, 1."), post("Missed two", "While offline, 2.")];
  await page.waitForTimeout(500);
  await context.setOffline(false);
  for (const m of missed)
    await page.locator(`#u${m}`).waitFor({ timeout: 15000 }).catch(() => {});
  check(await page.locator(`#u${missed[0]}`).count() === 1 &&
        await page.locator(`#u${missed[1]}`).count() === 1,
        "after the reconnect the page shows what it missed");
  check(loads === 1, `still no reload (${loads} loads)`);
  check(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|EventSource/.test(p)).length === 0,
        `console: ${problems.join("; ")}`);
  await page.screenshot({ path: join(artifacts, "live-caught-up.png"), fullPage: false });
  await context.close();
} finally {
  await finish(t);
}

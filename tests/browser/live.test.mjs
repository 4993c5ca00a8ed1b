// live.test.mjs: the live page in headless Chromium, two contexts. An
// editor's browser signs in and posts through the write API; the reader's
// page shows the update without a reload; an edit replaces it in place; a
// retraction marks it; an approved figure refreshes the highlights; a
// reader scrolled down gets an "N new updates" bar instead of a moving
// page; after the connection is cut and restored the page shows what it
// missed. A figure and a post written with the CLI reach the page too.
import { join } from "node:path";
import { PASSWORD, addUser, artifacts, finish, restart, setup, start, totp } from "./lib.mjs";

const t = await setup("browser-live");
const check = t.check;
const vigil = t.vigil;
const editorSecret = addUser(t, "desk", "editor");
const verifierSecret = addUser(t, "checker", "verifier");
await start(t);
const base = t.base;
const browser = t.browser;

// A signed-in browser calling the API from its own page (Chromium sets
// Origin itself); returns call(method, path, body) -> {status, json}.
async function apiContext(login, secret) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(base + "/login");
  const call = (method, path, body) => p.evaluate(async ([method, path, body]) => {
    const csrf = window.csrf || "";
    const r = await fetch(path, {
      method, headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: body === null ? undefined : JSON.stringify(body) });
    const json = await r.json().catch(() => null);
    if (json && json.csrf) window.csrf = json.csrf;
    return { status: r.status, json };
  }, [method, path, body]);
  const r = await call("POST", "/api/v1/login", { login, password: PASSWORD, code: totp(secret) });
  check(r.status === 200, `${login} signs in through the API (${r.status})`);
  return { ctx, call };
}

try {
  const editor = await apiContext("desk", editorSecret);
  const verifier = await apiContext("checker", verifierSecret);
  const api = `/api/v1/trackers/iran-nov-2019`;
  const post = async (title, body) => {
    const r = await editor.call("POST", `${api}/updates`, { title, body });
    check(r.status === 201, `the editor posts "${title}" (${r.status})`);
    return r.json.number;
  };

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
  const n = await post("Breaking: from the newsroom", "Appears **live**.");
  const art = page.locator(`#u${n}`);
  await art.waitFor({ timeout: 5000 }).catch(() => {});
  check(await art.count() === 1, "the new update appeared");
  check(loads === 1, `the page did not reload (${loads} loads)`);
  const firstInDay = await page.locator("#day-44 article").first().getAttribute("id");
  check(firstInDay === `u${n}`, `it is the newest of its day (${firstInDay})`);
  await page.screenshot({ path: join(artifacts, "live-new-update.png") });

  // An edit replaces it in place.
  const before = await page.locator("article").count();
  check((await editor.call("POST", `${api}/updates/${n}`,
                           { title: "Breaking (corrected)", rev: 1 })).status === 200,
        "the editor edits it");
  await page.locator(`#u${n} h3`, { hasText: "corrected" }).waitFor({ timeout: 5000 }).catch(() => {});
  check((await art.locator("h3").innerText()) === "Breaking (corrected)", "the edit shows");
  check(await page.locator("article").count() === before, "the edit replaced it in place");
  check((await art.innerText()).includes("edited"), "it says edited");

  // A retraction marks it, keeping the text.
  check((await editor.call("POST", `${api}/updates/${n}/retract`, {})).status === 200,
        "the editor retracts it");
  await page.locator(`#u${n}.retracted`).waitFor({ timeout: 5000 }).catch(() => {});
  check(await page.locator(`#u${n}.retracted`).count() === 1, "the retraction marks it");
  check((await art.innerText()).includes("Appears live"), "the retracted text stays");

  // A figure proposed by the editor and approved by a verifier refreshes
  // the highlights box; one recorded with the CLI on the host does too.
  const prop = await editor.call("POST", `${api}/proposals`, {
    metric: "killed", source: "amnesty", qualifier: "more_than", low: 400, as_of: "2019-12-27" });
  check(prop.status === 201, `the editor proposes a figure (${prop.status})`);
  await page.waitForTimeout(300);
  check(!(await page.locator(".highlights").innerText()).includes("more than 400"),
        "a proposed figure is not shown");
  const ok = await verifier.call("POST", `${api}/proposals/${prop.json.id}/approve`, {});
  check(ok.status === 200, `the verifier approves it (${ok.status})`);
  await page.locator(".highlights", { hasText: "more than 400" }).waitFor({ timeout: 5000 }).catch(() => {});
  check((await page.locator(".highlights").innerText()).includes("more than 400"),
        "the highlights box refreshed");
  vigil(["claim", "add", "iran-nov-2019", "--metric", "detained", "--source", "amnesty",
         "--qualifier", "more_than", "--low", "7777", "--as-of", "2019-12-27"]);
  await page.locator(".highlights", { hasText: "7,777" }).waitFor({ timeout: 5000 }).catch(() => {});
  check((await page.locator(".highlights").innerText()).includes("7,777"),
        "a figure written by the CLI reaches the page");

  // Scrolled away: a bar offers the new updates instead of moving the page.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const y = await page.evaluate(() => window.scrollY);
  const n2 = await post("While you were reading", "Queued.");
  const bar = page.locator("button.newbar");
  await bar.waitFor({ state: "visible", timeout: 5000 }).catch(() => {});
  check(await bar.isVisible() && (await bar.innerText()) === "New updates: 1",
        "the new-updates bar shows");
  check(await page.locator(`#u${n2}`).count() === 0 &&
        await page.evaluate(() => window.scrollY) === y,
        "the page did not move under the reader");
  await page.screenshot({ path: join(artifacts, "live-new-bar.png") });
  await bar.click();
  check(await page.locator(`#u${n2}`).count() === 1, "the bar shows the update");

  // Cut the connection (the server goes down), post meanwhile, restore it:
  // the page reconnects with Last-Event-ID and catches up. (The reader is
  // back at the top, where new updates appear in place.)
  await page.evaluate(() => window.scrollTo(0, 0));
  const missed = [];
  await restart(t, async () => {
    for (const title of ["Missed one", "Missed two"])
      missed.push(+/posted update (\d+)/.exec(
        vigil(["post", "iran-nov-2019", "--title", title], `While the server was down: ${title}.`))[1]);
  });
  for (const m of missed)
    await page.locator(`#u${m}`).waitFor({ timeout: 15000 }).catch(() => {});
  check(await page.locator(`#u${missed[0]}`).count() === 1 &&
        await page.locator(`#u${missed[1]}`).count() === 1,
        "after the reconnect the page shows what it missed");
  const after = await editor.call("POST", `${api}/updates`, { title: "After", body: "Live again." });
  await page.locator(`#u${after.json.number}`).waitFor({ timeout: 5000 }).catch(() => {});
  check(await page.locator(`#u${after.json.number}`).count() === 1,
        "and the stream is live again");
  check(loads === 1, `still no reload (${loads} loads)`);
  check(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED|EventSource/.test(p)).length === 0,
        `console: ${problems.join("; ")}`);
  await page.screenshot({ path: join(artifacts, "live-caught-up.png"), fullPage: false });
  await context.close();
  await editor.ctx.close();
  await verifier.ctx.close();
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

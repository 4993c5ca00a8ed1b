// desk.test.mjs: nothing an editor writes is lost or overwritten, in
// headless Chromium.
// - An editor's session expires while writing: the desk's script, unable
//   to reach the server with it, keeps the text in the browser; Publish
//   answers with the sign-in form; after signing in again the text is in
//   the form, and it publishes.
// - Two editors in two browsers edit the same update: each sees the other
//   has it open; the second to save is shown the conflict, their text
//   beside the first one's, merges by hand and keeps both texts.
// - The live page orders as a reload does when a draft is published after
//   a scheduled post (the server restarted at later times between them).
// Screenshots go to tests/artifacts.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PASSWORD, addUser, artifacts, finish, restart, setup, start, totp } from "./lib.mjs";

const t = await setup("browser-desk");
const check = t.check;
const SLUG = "iran-nov-2019";
const secrets = { desk: addUser(t, "desk", "editor"), night: addUser(t, "night", "editor") };
const steps = { desk: 0, night: 0 }; // each code is accepted once
const token = t.vigil(["user", "token", "desk"]).trim();
await start(t);
const base = t.base;
const api = `${base}/api/v1/trackers/${SLUG}`;

function sql(query) {
  const r = spawnSync("sqlite3", ["-cmd", ".timeout 10000", t.db, query]);
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return String(r.stdout).trim();
}

// A script's call with the API token.
async function call(method, path, body) {
  const r = await fetch(api + path, {
    method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, json: await r.json().catch(() => null) };
}

function watch(page, problems) {
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
}

// Fills and sends the sign-in form on page (where it is).
async function signInHere(page, login) {
  await page.fill("input[name=login]", login);
  await page.fill("input[name=password]", PASSWORD);
  await page.fill("input[name=code]", totp(secrets[login], steps[login]++));
  await Promise.all([page.waitForNavigation(), page.click("form button:text('Sign in')")]);
}

async function signIn(login, problems) {
  const ctx = await t.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await ctx.newPage();
  watch(page, problems);
  await page.goto(base + "/login");
  await signInHere(page, login);
  check(page.url() === base + "/admin", `${login} signed in (${page.url()})`);
  return page;
}

try {
  const problems = [];

  // ==== The session expires while writing ====
  const desk = await signIn("desk", problems);
  await desk.goto(`${base}/admin/t/${SLUG}`);
  await desk.fill("input[name=title]", "Night shift");
  await desk.type("textarea[name=body]", "Strikes spread to the **oil fields**.");
  await desk.locator(".autosave", { hasText: "Kept on the server" })
    .waitFor({ timeout: 10000 }).catch(() => {});
  check((await desk.locator(".autosave").innerText()).includes("Kept on the server"),
        "the desk's script keeps the text on the server as it is typed");
  // Fifteen idle minutes later (the session's last sign of life moved back).
  sql("UPDATE sessions SET seen_at = '2019-12-28T11:40:00Z' WHERE user_id = " +
      "(SELECT id FROM users WHERE login = 'desk') AND user_id IS NOT NULL");
  await desk.type("textarea[name=body]", " Workers walked out at dawn.");
  await desk.locator(".autosave", { hasText: "kept in this browser" })
    .waitFor({ timeout: 10000 }).catch(() => {});
  check((await desk.locator(".autosave").innerText()).includes("kept in this browser"),
        "with the session gone, the text is kept in the browser");
  const kept = await desk.evaluate(() => Object.keys(localStorage)
    .map((k) => localStorage.getItem(k)).join(""));
  check(kept.includes("Workers walked out at dawn."), "... in localStorage");
  await Promise.all([desk.waitForNavigation(), desk.click("button[name=save]")]);
  check((await desk.locator("[role=alert]").first().innerText()).includes("session had ended"),
        "Publish answers: the session had ended");
  await desk.screenshot({ path: join(artifacts, "desk-sign-in-again.png"), fullPage: true });
  await signInHere(desk, "desk");
  check(desk.url() === `${base}/admin/t/${SLUG}`, `back at the form (${desk.url()})`);
  const body = await desk.inputValue("textarea[name=body]");
  check(body === "Strikes spread to the **oil fields**. Workers walked out at dawn.",
        `the text is there: ${JSON.stringify(body)}`);
  check(await desk.inputValue("input[name=title]") === "Night shift", "and the title");
  await Promise.all([desk.waitForNavigation(), desk.click("button[name=save]")]);
  const live = await (await fetch(`${base}/t/${SLUG}`)).text();
  check(live.includes("Night shift") && live.includes("<strong>oil fields</strong>"),
        "it is published");
  check(await desk.inputValue("textarea[name=body]") === "",
        "the form is empty again: nothing kept twice");

  // ==== Two editors, one update ====
  const posted = await call("POST", "/updates", { title: "Casualties", body: "Twelve dead." });
  check(posted.status === 201, `an update to edit (${posted.status})`);
  const n = posted.json.number;
  const night = await signIn("night", problems);
  const url = `${base}/admin/t/${SLUG}/u/${n}`;
  await desk.goto(url);
  await night.goto(url);
  check((await night.locator("#presence").innerText()).includes("desk"),
        "the second editor sees the first has it open");
  await desk.reload(); // or the script's next minute
  check((await desk.locator("#presence").innerText()).includes("night"),
        "and the first sees the second");
  await desk.fill("textarea[name=body]", "Twelve dead, according to the coroner.");
  await Promise.all([desk.waitForNavigation(), desk.click("button[name=save]")]);
  await night.fill("textarea[name=body]", "Twelve dead; 40 wounded in hospital.");
  await Promise.all([night.waitForNavigation(), night.click("button[name=save]")]);
  check(await night.locator("text=Someone else changed this update").count() === 1,
        "the second editor is shown the conflict");
  check(await night.inputValue(".mine textarea[name=body]") ===
        "Twelve dead; 40 wounded in hospital.", "with their text in their box");
  check((await night.locator(".theirs textarea").inputValue()) ===
        "Twelve dead, according to the coroner.", "and the other text beside it");
  await night.screenshot({ path: join(artifacts, "desk-conflict.png"), fullPage: true });
  await Promise.all([night.waitForNavigation(), night.click("button:text('Merge by hand')")]);
  const both = await night.inputValue("textarea[name=body]");
  check(both.includes("40 wounded") && both.includes("according to the coroner"),
        `merge by hand puts both texts in the box: ${JSON.stringify(both)}`);
  await night.fill("textarea[name=body]",
                   "Twelve dead, according to the coroner; 40 wounded in hospital.");
  await Promise.all([night.waitForNavigation(), night.click("button[name=save]")]);
  const now = await call("GET", `/updates/${n}`);
  check(now.json.update.body ===
        "Twelve dead, according to the coroner; 40 wounded in hospital.",
        `the saved text keeps both: ${now.json.update.body}`);
  const history = JSON.parse(t.vigil(["export", SLUG])).updates
    .find((u) => u.number === n).revisions.map((r) => r.body);
  check(history.includes("Twelve dead, according to the coroner."),
        "the first editor's text stays in the history");

  // ==== Live order equals reload order ====
  const reader = await (await t.browser.newContext()).newPage();
  watch(reader, problems);
  const draft = (await call("POST", "/updates", { title: "Held back", body: "A draft.", draft: true })).json.number;
  const later = (await call("POST", "/updates", { title: "Scheduled", body: "At 12:05.",
                                                  publish_at: "2019-12-28T12:05:00Z" })).json.number;
  check(draft < later, "the draft has the lower number");
  await reader.goto(`${base}/t/${SLUG}`);
  await reader.waitForTimeout(500);
  t.now = "2019-12-28T12:10:00Z"; // the scheduler publishes it
  await restart(t, async () => {});
  await reader.locator(`#u${later}`).waitFor({ timeout: 15000 }).catch(() => {});
  check(await reader.locator(`#u${later}`).count() === 1, "the scheduled post arrives live");
  t.now = "2019-12-28T12:20:00Z";
  await restart(t, async () => {});
  await reader.waitForTimeout(1500); // the stream reconnects
  check((await call("POST", `/updates/${draft}/publish`, {})).status === 200,
        "the draft is published after it");
  await reader.locator(`#u${draft}`).waitFor({ timeout: 15000 }).catch(() => {});
  const order = () => reader.evaluate(() => Array.from(
    document.querySelectorAll("section.day article")).map((a) => a.id));
  const liveOrder = await order();
  await reader.reload();
  const reloadOrder = await order();
  check(liveOrder.indexOf(`u${draft}`) < liveOrder.indexOf(`u${later}`),
        `live, the later publication is on top: ${liveOrder.slice(0, 4)}`);
  check(JSON.stringify(liveOrder) === JSON.stringify(reloadOrder),
        `live order equals reload order: ${liveOrder.slice(0, 4)} / ${reloadOrder.slice(0, 4)}`);

  // A sign-in asked for (401) and a conflict shown (409) are pages, which
  // Chromium reports as failed loads.
  check(problems.filter((p) => !/ERR_CONNECTION_REFUSED|ERR_INCOMPLETE_CHUNKED|EventSource|status of (401|409)/.test(p)).length === 0,
        `no script errors or CSP reports: ${problems.join("; ")}`);
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

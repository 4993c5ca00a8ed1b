// validity.test.mjs: every kind of page Vigil writes, through two
// independent checkers: the W3C Nu HTML checker (npm vnu-jar, on
// Debian's default JRE) and axe-core in Debian's Chromium. The pages:
// - the public pages of the demo tracker (front, live, lite, the days
//   and a day, updates — one with an image and a post's facade, a
//   correction —, the figures and a figure, events and their map, a
//   place, the memorial, sources, search with and without results, the
//   embed), the Persian demo's live, day, update, lite and figures
//   pages, the sign-in page (and its answer to a wrong password), the
//   invitation page;
// - every desk page, signed in as an admin: the desk, the new post (its
//   preview, and its refusal), an update's form, figures and a
//   correction, events and an event, the extraction and its result (and
//   its result without a publication date, which asks for it),
//   settings, webhooks (and the secret of one added), the memorial and
//   a record, sources, images, an image and
//   an upload's preview, the audit log, people and a person, trackers,
//   the account, the desk's search;
// - error pages (404 on the site and on the desk);
// - every HTML file of the static mirror (`vigil export --format
//   static`) and the snapshot (`--format snapshot`).
// Each page's HTML as the server sent it is saved to a folder that one
// run of the checker reads (--Werror: a warning fails too); each page
// is also loaded in Chromium (the mirror and the snapshot from a static
// server on loopback, as nginx serves them) and run through axe-core's
// rules. Every message is printed with its page; any fails the test.
// A page of a listed kind that cannot be found fails it too, and a
// deliberately broken page proves the checker read the folder.
// SQLite only (make test runs the browser tests once): the renderers
// write the same HTML on both backends.
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, readdirSync, readFileSync, statSync,
         writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { PASSWORD, addUser, finish, root, setup, start, totp } from "./lib.mjs";

const SLUG = "iran-nov-2019";
const FA = "iran-nov-2019-fa";
const t = await setup("validity");
const check = t.check;
const secret = addUser(t, "chief", "admin,editor,custodian,verifier");
const vnuJar = join(root, "tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
const axeSource = readFileSync(
  join(root, "tests/browser/node_modules/axe-core/axe.min.js"), "utf8");

// What the demo lacks: an image, an update showing it and a post from
// elsewhere (its facade), an invitation, a record of the memorial and a
// correction.
const image = /^([0-9a-f]{64}) /.exec(t.vigil(["media", "add",
  join(root, "tests/media/gps.png"), "--tracker", SLUG, "--alt",
  "A street at night"]))[1];
const posted = (out) => /posted update (\d+)/.exec(out)[1];
const withImage = posted(t.vigil(["post", SLUG, "--title", "Shiraz, evening", "--embed",
         "https://t.me/bbcpersian/123456", "--embed-author", "BBC Persian",
         "--embed-date", "2019-11-19", "--embed-text",
         "Footage shows protesters in Shiraz", "--embed-still", image],
        `Crowds filled the square.\n\n![A street at night](/media/${image})\n`));
// A webhook, at a loopback port nothing listens on (its attempts fail
// at once, and are retried out of the test's way).
t.vigil(["webhook", "add", SLUG, "http://127.0.0.1:9/vigil", "--kinds",
         "update.published"]);
const invitation = /(\/invite\?token=\S+)/.exec(t.vigil(["user", "invite", "nadia",
  "--roles", "contributor", "--tracker", SLUG]))[1];
// A record of the memorial opened on the desk (this makes the master
// key the server needs for it).
t.vigil(["victim", "add", SLUG, "--name", "A. Example", "--age", "23",
         "--circumstance", "killed", "--date", "2019-11-16", "--invented"]);
const correction = posted(t.vigil(["post", SLUG, "--title", "Correction",
                                   "--corrects", "3"],
                                  "An earlier update named the wrong square."));

// The folder the checker reads: the server's pages, the mirror, the
// snapshot and the broken page.
const out = join(t.tmp, "html");
const pagesDir = join(out, "pages");
const mirror = join(out, "mirror");
mkdirSync(pagesDir, { recursive: true });
t.vigil(["export", SLUG, "--format", "static", "--output", mirror]);
t.vigil(["export", SLUG, "--format", "snapshot", "--output", join(out, "snapshot.html")]);
const CANARY = "canary.html";
writeFileSync(join(out, CANARY), "<!DOCTYPE html><html lang=en><head><title>" +
              "x</title></head><body><h3>A third level first</h3></body></html>\n");

// The mirror's files, as nginx serves them (tests/e2e/test_mirror.py):
// a path, or its folder's index.html; the snapshot beside.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css",
                ".js": "text/javascript", ".svg": "image/svg+xml",
                ".webp": "image/webp", ".jpg": "image/jpeg", ".png": "image/png",
                ".ico": "image/x-icon" };
const files = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const candidates = path === "/snapshot.html" ? [join(out, "snapshot.html")]
    : [join(mirror, path), join(mirror, path, "index.html")];
  const file = candidates.find((f) => !f.includes("..") &&
                               statSync(f, { throwIfNoEntry: false })?.isFile());
  if (!file) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => files.listen(0, "127.0.0.1", ok));
const filesBase = `http://127.0.0.1:${files.address().port}`;

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true }).map(String)
    .filter((f) => f.endsWith(".html")).sort();
}

// The access log's hundreds of lines would bury the checkers' messages.
await start(t, "--access-log", "off");
const base = t.base;
// axe-core is a script of every page the browser loads (the pages' own
// CSP, script-src 'self', set aside for it): added once to the context,
// not sent again for each page.
async function newPage() {
  const context = await t.browser.newContext({ bypassCSP: true,
                                               viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: axeSource });
  return context.newPage();
}
const reader = await newPage();
const editor = await newPage();

// Every page checked: its kind, where it was loaded from, the file its
// HTML is saved as and the status it was to answer.
const checked = [];

// Runs axe-core on what `page` shows; returns the violations, one line
// each.
async function axe(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
  });
}

// Checks the page `page` has just loaded (response: its answer): saves
// its HTML as `kind`'s file for the checker and runs axe-core on it.
async function record(kind, page, response, status = 200) {
  check(response !== null && response.status() === status,
        `${kind}: status ${response && response.status()} (${status} expected)`);
  const html = response ? await response.text() : "";
  const file = join(pagesDir, `${kind.replace(/[^\w-]+/g, "_")}.html`);
  check(!checked.some((c) => c.file === file), `${kind}: a file of its own`);
  writeFileSync(file, html);
  checked.push({ kind, url: page.url(), file, status });
  for (const v of await axe(page)) check(false, `axe: ${kind} (${page.url()}): ${v}`);
}

async function visit(kind, page, url, status = 200) {
  const response = await page.goto(url, { waitUntil: "load" });
  await record(kind, page, response, status);
  return response ? response.text() : "";
}

// The first link in html matching re (its first group), or a failure
// naming the kind that could not be found.
function link(html, re, kind) {
  const m = re.exec(html);
  check(m !== null, `no link to ${kind} found`);
  return m ? m[1].replaceAll("&amp;", "&") : null;
}

async function visitLinked(kind, page, html, re) {
  const path = link(html, re, kind);
  return path ? visit(kind, page, base + path) : "";
}

// The public pages, each found by a link from the page a reader comes
// from.
async function publicPages() {
  const p = reader;
  const tr = `${base}/t/${SLUG}`;
  await visit("front", p, base + "/");
  const live = await visit("live", p, tr);
  await visit("lite", p, `${tr}/lite`);
  const days = await visit("days", p, `${tr}/days`);
  await visitLinked("day", p, days, /href="(\/t\/[^/]+\/day\/\d+)"/);
  await visitLinked("update", p, live, /href="(\/t\/[^/"]+\/u\/\d+)"/);
  await visitLinked("update with an image and a post's facade", p, live,
                    new RegExp(`href="(/t/${SLUG}/u/${withImage})"`));
  await visitLinked("correction", p, live, new RegExp(`href="(/t/${SLUG}/u/${correction})"`));
  await visitLinked("corrected update", p, live, new RegExp(`href="(/t/${SLUG}/u/3)"`));
  const tallies = await visit("tallies", p, `${tr}/tallies`);
  await visitLinked("tally", p, tallies, /href="(\/t\/[^/]+\/tallies\/[^"]+)"/);
  const events = await visit("events and map", p, `${tr}/events`);
  await visitLinked("place", p, events, /href="(\/t\/[^/]+\/places\/[0-9a-f]{16})"/);
  await visit("victims", p, `${tr}/victims`);
  await visit("sources", p, `${base}/sources`);
  await visit("search", p, `${tr}/search?q=Tehran`);
  await visit("search without results", p, `${tr}/search?q=zzzzqq`);
  await visit("search of every tracker", p, `${base}/search?q=Tehran`);
  await visit("embed", p, `${tr}/embed`);
  const fa = await visit("Persian live", p, `${base}/t/${FA}`);
  await visitLinked("Persian day", p, fa, /href="(\/t\/[^/]+\/day\/\d+)"/);
  await visitLinked("Persian update", p, fa, /href="(\/t\/[^/"]+\/u\/\d+)"/);
  await visit("Persian lite", p, `${base}/t/${FA}/lite`);
  await visit("Persian tallies", p, `${base}/t/${FA}/tallies`);
  await visit("invitation", p, base + invitation);
  await visit("not found", p, `${tr}/nothing-here`, 404);
  await visit("unknown tracker", p, `${base}/t/no-such-tracker`, 404);
  await visit("sign-in", p, `${base}/login`);
  await p.fill("input[name=login]", "chief");
  await p.fill("input[name=password]", "not the passphrase");
  await p.fill("input[name=code]", "000000");
  const [refused] = await Promise.all([p.waitForNavigation(),
                                       p.click("form button:text('Sign in')")]);
  await record("sign-in refused", p, refused, 401);
}

// The desk's pages, signed in as an admin, each found by its link.
async function deskPages() {
  const p = editor;
  await p.goto(`${base}/login`);
  await p.fill("input[name=login]", "chief");
  await p.fill("input[name=password]", PASSWORD);
  await p.fill("input[name=code]", totp(secret));
  const [signedIn] = await Promise.all([p.waitForNavigation(),
                                        p.click("form button:text('Sign in')")]);
  check(p.url() === `${base}/admin`, `signed in (${p.url()})`);
  await record("desk", p, signedIn);
  const d = `${base}/admin/t/${SLUG}`;
  const posts = await visit("new post and updates", p, d);
  await p.fill("input[name=title]", "Night shift");
  await p.fill("textarea[name=body]", `Strikes spread.\n\n![A street at night](/media/${image})`);
  await p.fill("input[name=embed]", "https://t.me/bbcpersian/654321");
  await p.fill("input[name=embed_author]", "BBC Persian");
  // Without the post's text: the form again, saying what is missing.
  const [refused] = await Promise.all([p.waitForNavigation(),
                                       p.click("button[name=preview]")]);
  await record("new post refused", p, refused, 422);
  await p.fill("textarea[name=embed_text]", "Footage of the strike");
  await p.fill("input[name=embed_date]", "2019-11-19");
  const [preview] = await Promise.all([p.waitForNavigation(),
                                       p.click("button[name=preview]")]);
  await record("new post's preview", p, preview);
  await visitLinked("update's form", p, posts, /href="(\/admin\/t\/[^/]+\/u\/\d+)"/);
  const claims = await visit("figures", p, `${d}/claims`);
  await visitLinked("correction of a figure", p, claims,
                    /href="(\/admin\/t\/[^/]+\/claims\/\d+\/correct)"/);
  const events = await visit("events desk", p, `${d}/events`);
  await visitLinked("event", p, events, /href="(\/admin\/t\/[^/]+\/events\/\d+)"/);
  await visit("extraction", p, `${d}/extract`);
  await p.fill("textarea[name=text]",
               "Amnesty International said at least 304 people were killed in Tehran.");
  const [found] = await Promise.all([p.waitForNavigation(),
                                     p.click("form[action$='/extract'] button")]);
  await record("extraction's result", p, found);
  // Without a publication date: the result asks for it.
  await p.fill("textarea[name=text]",
               "Officials said on Tuesday that 12 people were injured in Shiraz.");
  await p.fill("input[name=published]", "");
  const [undated] = await Promise.all([p.waitForNavigation(),
                                       p.click("form[action$='/extract'] button")]);
  await record("extraction's result without a publication date", p, undated);
  await visit("settings", p, `${d}/settings`);
  await visit("webhooks", p, `${d}/webhooks`);
  await p.fill("input[name=url]", "https://bridge.example.org/vigil");
  const [added] = await Promise.all([p.waitForNavigation(),
                                     p.click("form[action$='/webhooks'] button")]);
  await record("webhook added, its secret shown", p, added);
  const victims = await visit("victims desk", p, `${d}/victims`);
  await visitLinked("victim", p, victims, /href="(\/admin\/t\/[^/]+\/victims\/\d+)"/);
  await visit("tracker's sources", p, `${d}/sources`);
  await visit("sources desk", p, `${base}/admin/sources`);
  const media = await visit("images", p, `${d}/media`);
  await visitLinked("image", p, media, /href="(\/admin\/t\/[^/]+\/media\/[0-9a-f]{64})"/);
  await p.goto(`${d}/media`);
  await p.setInputFiles("form.upload input[type=file]", join(root, "tests/media/gps.png"));
  const [pending] = await Promise.all([p.waitForNavigation(), p.click("form.upload button")]);
  check(p.url().includes("/media/pending/"), `an upload leads to its preview (${p.url()})`);
  await record("image before it is kept", p, pending);
  await visit("audit", p, `${base}/admin/audit`);
  const users = await visit("people and invitations", p, `${base}/admin/users`);
  await visitLinked("person", p, users, /href="(\/admin\/users\/[^"/]+)"/);
  await visit("trackers", p, `${base}/admin/trackers`);
  await visit("account", p, `${base}/admin/password`);
  await visit("desk search", p, `${base}/admin/search?q=Tehran`);
  await visit("desk not found", p, `${base}/admin/t/no-such-tracker`, 404);
}

// The route table's pages (src/http/routes.c: each GET route that
// answers HTML, public or desk) that no page checked here matched: a
// page added to the table fails this test until it is listed above.
// Not pages: a pending image's file, which the desk serves to its
// uploader only.
const NOT_PAGES = ["/admin/t/:slug/media/pending/:token/:file"];
function unvisitedRoutes() {
  const table = readFileSync(join(root, "src/http/routes.c"), "utf8");
  // A "not found" at /t/no-such-tracker is no tracker's page.
  const paths = checked.filter((c) => c.status !== 404).map((c) => new URL(c.url).pathname);
  const missing = [];
  for (const [, pattern, flags] of table.matchAll(/\{"GET",\s*"([^"]+)",\s*\w+,\s*([^,]+),/g)) {
    if (!/\b(PAGE|DESK|KEEPS|R_HTML)\b/.test(flags) || NOT_PAGES.includes(pattern)) continue;
    const re = new RegExp("^" + pattern.replace(/:\w+/g, "[^/]+") + "$");
    if (!paths.some((p) => re.test(p))) missing.push(pattern);
  }
  return missing;
}

// The mirror's pages and the snapshot, from the static server.
async function exportedPages() {
  const list = htmlFiles(mirror);
  const kinds = new Set(list.map((f) => f.replace(/\/(\d+|[0-9a-f]{8,})\//g, "/N/")));
  for (const kind of ["index.html", `t/${SLUG}/index.html`, `t/${SLUG}/lite/index.html`,
                      `t/${SLUG}/day/N/index.html`, `t/${SLUG}/u/N/index.html`,
                      `t/${SLUG}/events/index.html`, `t/${SLUG}/places/N/index.html`,
                      `t/${SLUG}/victims/index.html`,
                      `t/${SLUG}/tallies/killed/index.html`])
    check(kinds.has(kind), `the mirror has ${kind}`);
  for (const f of list) {
    const url = `${filesBase}/${f.replace(/index\.html$/, "")}`;
    const response = await reader.goto(url, { waitUntil: "load" });
    check(response.status() === 200, `mirror ${f}: status ${response.status()}`);
    for (const v of await axe(reader)) check(false, `axe: mirror ${f}: ${v}`);
  }
  const response = await reader.goto(`${filesBase}/snapshot.html`, { waitUntil: "load" });
  check(response.status() === 200, `snapshot: status ${response.status()}`);
  for (const v of await axe(reader)) check(false, `axe: snapshot: ${v}`);
  return list.length + 1;
}

// One run of the Nu HTML checker over the whole folder, in the
// background (the browser goes on with the mirror meanwhile); resolves
// to its exit status and answer. It is killed if the test ends first.
function startNuChecker() {
  const vnu = spawn("java", ["-jar", vnuJar, "--Werror", "--skip-non-html",
                             "--format", "json", "--stdout", out],
                    { stdio: ["ignore", "pipe", "pipe"], timeout: 300000 });
  process.on("exit", () => vnu.exitCode === null && vnu.kill("SIGKILL"));
  const chunks = [], errors = [];
  vnu.stdout.on("data", (d) => chunks.push(d));
  vnu.stderr.on("data", (d) => errors.push(d));
  return new Promise((ok) => vnu.on("close", (status) =>
    ok({ status, stdout: Buffer.concat(chunks).toString(),
         stderr: Buffer.concat(errors).toString() })));
}

// The checker's errors and warnings fail the test (its info messages
// are not problems); the broken page must draw exactly its one warning.
function nuReport(r) {
  let messages = [];
  try {
    messages = JSON.parse(r.stdout).messages;
  } catch (e) {
    check(false, `vnu's answer is not JSON (status ${r.status}): ${r.stderr}`);
  }
  const problems = messages.filter((m) => m.type !== "info" || m.subType === "warning");
  const canary = problems.filter((m) => m.url.endsWith("/" + CANARY));
  check(canary.length === 1 && /heading/.test(canary[0].message),
        `the checker reads the folder: the broken page drew ${JSON.stringify(canary)}`);
  check(r.status === 1, `vnu's status says the broken page failed (${r.status})`);
  const files = new Map(checked.map((c) => [c.file, c]));
  for (const m of problems) {
    if (m.url.endsWith("/" + CANARY)) continue;
    const file = m.url.replace(/^file:/, "");
    const page = files.get(file);
    const name = page ? `${page.kind} (${page.url})` : relative(out, file);
    check(false, `vnu: ${name}:${m.lastLine ?? ""}: ${m.type}` +
          `${m.subType ? "/" + m.subType : ""}: ${m.message} [${(m.extract || "").trim()}]`);
  }
}

try {
  await publicPages();
  await deskPages();
  const missing = unvisitedRoutes();
  check(missing.length === 0, `pages of the route table not checked: ${missing.join(" ")}`);
  const nu = startNuChecker();
  const exported = await exportedPages();
  nuReport(await nu);
  console.log(`validity: ${checked.length} pages of the server and ${exported} ` +
              "files of the mirror and snapshot checked");
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await new Promise((ok) => files.close(ok));
  await finish(t);
}

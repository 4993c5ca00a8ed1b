// embed.test.mjs: a tracker in a newsroom's own article, in headless
// Chromium. Two article pages are served from other loopback origins
// (other ports): the first is on the tracker's list of origins that may
// frame /t/SLUG/embed, the second is not. In the first, the frame shows
// the tracker and embed.js sizes the iframe to the embedded page's
// height, and again when a new update makes the page longer; the live
// page itself (no embed) is refused there. In the second, the browser
// refuses the frame (CSP frame-ancestors): nothing of the tracker renders.
import { createServer } from "node:http";
import { join } from "node:path";
import { artifacts, finish, setup, start } from "./lib.mjs";

const SLUG = "iran-nov-2019";
const t = await setup("browser-embed");
const check = t.check;

// An article page on its own origin, framing `path` of Vigil's site,
// with Vigil's sizing script. The Vigil address is set once known.
const hosts = [];
let vigilBase = "";
function article(path) {
  const server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html><head><title>A newsroom</title></head><body>
<h1>Our story</h1><p>Follow the coverage:</p>
<iframe id="vigil" src="${vigilBase}${path}" style="width:600px;height:150px;border:0"></iframe>
<p>After the frame.</p>
<script src="${vigilBase}/embed.js"></script></body></html>`);
  });
  hosts.push(server);
  return new Promise((ok) => server.listen(0, "127.0.0.1", () =>
    ok(`http://127.0.0.1:${server.address().port}`)));
}

// The iframe's height and its content's, once they agree (or after 10 s).
async function sized(page) {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  let outer = 0, inner = -1;
  for (let i = 0; i < 100 && outer !== inner; i++) {
    await page.waitForTimeout(100);
    outer = await page.evaluate(() => document.getElementById("vigil").getBoundingClientRect().height);
    inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  }
  return { outer, inner, frame };
}

// Whether the frame rendered none of the tracker: Chromium's error page
// in its place, or no document it can read.
async function refused(page) {
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame || frame.url().startsWith("chrome-error:")) return true;
  try {
    return await frame.evaluate(() => document.querySelector("h1") === null);
  } catch {
    return true;
  }
}

try {
  const allowed = await article(`/t/${SLUG}/embed`);
  const other = await article(`/t/${SLUG}/embed`);
  const livePage = await article(`/t/${SLUG}`);
  t.vigil(["tracker", "set", SLUG, "--frame-origins", `${allowed} https://news.example`]);
  await start(t);
  vigilBase = t.base;
  check(new URL(allowed).origin !== new URL(t.base).origin &&
        new URL(other).origin !== new URL(t.base).origin, "the articles are other origins");

  // The allowed article: the frame renders and is sized to its content.
  const context = await t.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(allowed);
  await page.waitForLoadState("load");
  let s = await sized(page);
  check(await s.frame.evaluate(() => document.querySelector("h1")?.textContent) ===
        "Iran protests, November 2019", "the allowed article shows the tracker");
  check(s.outer === s.inner && s.outer > 150,
        `the iframe takes its content's height: ${s.outer} px for ${s.inner} px`);
  const first = s.outer;
  await page.screenshot({ path: join(artifacts, "embed-allowed.png"), fullPage: true });

  // A new update reaches the frame live and the frame grows with it.
  const body = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} of a long update.`).join("\n\n");
  const n = +/posted update (\d+)/.exec(t.vigil(["post", SLUG, "--title", "Into the frame"], body))[1];
  await s.frame.locator(`#u${n}`).waitFor({ timeout: 15000 }).catch(() => {});
  check(await s.frame.locator(`#u${n}`).count() === 1, "a new update appears in the frame");
  s = await sized(page);
  check(s.outer === s.inner && s.outer > first,
        `the iframe grows with it: ${first} px, then ${s.outer} px for ${s.inner} px`);
  check(problems.length === 0, `no script errors: ${problems.join("; ")}`);
  await context.close();

  // The other article: the browser refuses the frame.
  for (const [what, url, csp] of [["an article not on the list", other, `frame-ancestors ${allowed}`],
                                   ["the live page, never framed", livePage, "frame-ancestors 'none'"]]) {
    const ctx = await t.browser.newContext();
    const p = await ctx.newPage();
    const logged = [];
    p.on("console", (m) => logged.push(m.text()));
    await p.goto(url);
    await p.waitForLoadState("load");
    await p.waitForTimeout(500);
    check(await refused(p), `${what}: the frame renders nothing of the tracker`);
    check(logged.some((m) => m.includes("Content Security Policy") && m.includes(csp)),
          `${what}: Chromium reports the CSP violation: ${logged.join(" | ")}`);
    const h = await p.evaluate(() => document.getElementById("vigil").getBoundingClientRect().height);
    check(h === 150, `${what}: the iframe keeps its own height (${h} px)`);
    await ctx.close();
  }
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  for (const h of hosts) h.close();
  await finish(t);
}

// embeds.test.mjs: posts from elsewhere and videos in headless Chromium
// (Debian's chromium driven by playwright-core). Every request not to
// the loopback server is intercepted, recorded and aborted (never
// fetched). Opening the live page, the lite page and an update's page,
// with and without JavaScript, requests no other host; the facades
// show, also on a post that arrives over the live stream; clicking "Load from X" is the first moment a third-party URL is
// requested, and it is the post's own link.
import { finish, setup, start } from "./lib.mjs";

const t = await setup("embeds");
const check = t.check;
const SLUG = "iran-nov-2019";
const posts = [
  ["https://twitter.com/AmnestyIran/status/1197080302338203648?s=20",
   "https://x.com/AmnestyIran/status/1197080302338203648", "Load from X"],
  ["https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
   "Load from YouTube"],
  ["https://mastodon.social/@Gargron/111111111111111111",
   "https://mastodon.social/@Gargron/111111111111111111", "Load from Mastodon"],
];
for (const [url, , ] of posts)
  t.vigil(["post", SLUG, "--embed", url, "--embed-author", "A witness",
           "--embed-text", `Seen at ${url.length}`, "--embed-date", "2019-11-19"],
          "A post from elsewhere.");

await start(t);
const base = t.base;

// A context whose every request to another host is recorded and aborted.
async function guarded(options = {}) {
  const context = await t.browser.newContext(options);
  const elsewhere = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base + "/")) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  return { context, elsewhere };
}

try {
  for (const path of [`/t/${SLUG}`, `/t/${SLUG}/lite`, `/t/${SLUG}/u/10`]) {
    for (const js of [true, false]) {
      const { context, elsewhere } = await guarded({ javaScriptEnabled: js });
      const page = await context.newPage();
      const r = await page.goto(base + path, { waitUntil: "load" });
      check(r.status() === 200, `${path}: status ${r.status()}`);
      const links = await page.locator("a.embed-load").count();
      check(links >= 1, `${path} (js ${js}): ${links} facade links`);
      check(elsewhere.length === 0,
            `${path} (js ${js}) requested another host: ${elsewhere.join(", ")}`);
      await context.close();
    }
  }

  // The live page with JavaScript: every facade, nothing loaded, then a
  // click on X's is the first request elsewhere, and it is the post.
  const { context, elsewhere } = await guarded();
  const page = await context.newPage();
  const csp = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(base + `/t/${SLUG}`, { waitUntil: "load" });
  for (const [, canon, label] of posts) {
    const link = page.locator(`a.embed-load[href="${canon}"]`);
    check(await link.count() === 1, `a facade links to ${canon}`);
    check((await link.first().textContent()) === label, `its link says ${label}`);
  }
  check(await page.locator("figure.embed blockquote").count() >= posts.length,
        "each facade quotes its post");
  check(await page.locator("figure.embed figcaption", { hasText: "captured" })
    .count() >= posts.length, "each facade says when it was captured");
  check(await page.locator("iframe, img[src^='http'], script[src^='http']")
    .count() === 0, "no frame, image or script of another host");
  // A post that arrives live (the stream) shows its facade, and asks
  // nothing elsewhere either.
  await page.waitForTimeout(500); // the stream connects
  const live = "https://www.instagram.com/p/CliveLive1/";
  t.vigil(["post", SLUG, "--embed", live, "--embed-author", "Live witness",
           "--embed-text", "Arrived live"], "Arrives over the stream.");
  const arrived = page.locator(`a.embed-load[href="${live}"]`);
  await arrived.waitFor({ timeout: 10000 }).catch(() => {});
  check(await arrived.count() === 1, "a post that arrives live shows its facade");
  check(elsewhere.length === 0,
        `before any click, requests elsewhere: ${elsewhere.join(", ")}`);
  const asked = context.waitForEvent("request",
                                     (q) => !q.url().startsWith(base + "/"));
  const aborted = context.waitForEvent("requestfailed",
                                       (q) => !q.url().startsWith(base + "/"));
  await page.locator(`a.embed-load[href="${posts[0][1]}"]`).click();
  const first = await asked;
  await aborted;
  check(first.url() === posts[0][1],
        `the first request elsewhere is the post's link: ${first.url()}`);
  check(elsewhere[0] === posts[0][1],
        `intercepted, not fetched: ${elsewhere.join(", ")}`);
  check(csp.length === 0, `no CSP violation: ${csp.join("; ")}`);
  await context.close();
} finally {
  await finish(t);
}

// pages.test.mjs: the public pages in headless Chromium (Debian's
// chromium driven by playwright-core): the demo live page and a Persian
// tracker load with no console errors, no CSP violations and no request
// to another host; the highlights box shows the sources' figures; the
// Persian page lays out right to left; with JavaScript disabled the page
// is complete. Screenshots go to tests/artifacts/.
import { join } from "node:path";
import { artifacts, finish, setup, start } from "./lib.mjs";

const t = await setup("browser");
const check = t.check;
t.vigil(["tracker", "create", "tehran-fa", "--title", "اعتراضات آبان ۱۳۹۸",
       "--summary", "گزارش زنده از اعتراضات سراسری",
       "--started-on", "2019-11-15", "--timezone", "Asia/Tehran",
       "--country", "IR", "--languages", "fa,en"]);
t.vigil(["source", "add", "hrana", "--name", "خبرگزاری هرانا", "--kind", "ngo"]);
t.vigil(["metric", "add", "tehran-fa", "killed", "--label", "کشته‌شدگان"]);
t.vigil(["claim", "add", "tehran-fa", "--metric", "killed", "--source", "hrana",
       "--qualifier", "at_least", "--low", "304", "--as-of", "2019-12-16"]);
t.vigil(["post", "tehran-fa", "--title", "اعتراض در تهران", "--key"],
      "معترضان در **تهران** گرد آمدند. [منبع](https://example.org/fa)");

await start(t);
const base = t.base;
const browser = t.browser;

// Loads a page in a fresh context; returns it with the problems seen.
async function load(path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) problems.push(`request to ${r.url()}`);
  });
  if (options.javaScriptEnabled !== false)
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation",
        (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  const response = await page.goto(base + path, { waitUntil: "load" });
  check(response.status() === 200, `${path}: status ${response.status()}`);
  if (options.javaScriptEnabled !== false) {
    const csp = await page.evaluate(() => window.__csp);
    problems.push(...csp.map((c) => `CSP violation: ${c}`));
  }
  return { page, context, problems };
}

try {
  // The demo live page, on a phone and on a desktop.
  for (const [name, viewport] of [["phone", { width: 390, height: 844 }],
                                  ["desktop", { width: 1280, height: 900 }]]) {
    const { page, context, problems } =
        await load("/t/iran-nov-2019", { viewport });
    check(problems.length === 0, `demo (${name}): ${problems.join("; ")}`);
    const box = await page.locator(".highlights").innerText();
    for (const words of ["at least 1,500", "about 1,500", "at least 304",
                         "Amnesty International", "Iranian authorities",
                         "Reuters, citing three Interior Ministry officials",
                         "5 – at least 1,500", "(8 sources)"])
      check(box.includes(words), `demo (${name}): highlights lack "${words}"`);
    check(await page.locator("h1").innerText() === "Iran protests, November 2019",
          `demo (${name}): title`);
    check((await page.locator(".dayline").innerText()).startsWith("Day 44"),
          `demo (${name}): Day 44`);
    const css = await page.evaluate(() =>
      getComputedStyle(document.querySelector(".highlights")).borderTopStyle);
    check(css === "solid", `demo (${name}): the stylesheet applied (${css})`);
    await page.screenshot({ path: join(artifacts, `live-${name}.png`),
                            fullPage: true });
    await context.close();
  }

  // The Persian tracker lays out right to left.
  {
    const { page, context, problems } =
        await load("/t/tehran-fa", { viewport: { width: 800, height: 900 } });
    check(problems.length === 0, `persian: ${problems.join("; ")}`);
    const dir = await page.evaluate(() => [document.documentElement.dir,
      document.documentElement.lang, getComputedStyle(document.body).direction]);
    check(dir[0] === "rtl" && dir[1] === "fa" && dir[2] === "rtl",
          `persian: dir/lang/direction ${dir}`);
    // The title's text, not its box, hugs the right edge.
    const [line, box] = await page.evaluate(() => {
      const h1 = document.querySelector("h1"), range = document.createRange();
      range.selectNodeContents(h1);
      const t = range.getBoundingClientRect(), b = h1.getBoundingClientRect();
      return [[t.left, t.right], [b.left, b.right]];
    });
    check(Math.abs(line[1] - box[1]) < 2 && line[0] > box[0] + 50,
          `persian: the title is not set right to left (${line} in ${box})`);
    const text = await page.locator("main").innerText();
    check(text.includes("دست‌کم ۳۰۴") && text.includes("خبرگزاری هرانا") &&
          text.includes("تهران"),
          "persian: figures (in Persian, Persian digits) and text shown");
    await page.screenshot({ path: join(artifacts, "live-persian.png"),
                            fullPage: true });
    await context.close();
  }

  // Without JavaScript the page is complete.
  {
    const { page, context, problems } =
        await load("/t/iran-nov-2019", { javaScriptEnabled: false });
    check(problems.length === 0, `no-js: ${problems.join("; ")}`);
    check(await page.locator("article.update").count() >= 9,
          "no-js: every update is on the page");
    check((await page.locator(".highlights .claims li").count()) >= 8,
          "no-js: the highlights list the sources");
    check(await page.locator("section.day h2 a").count() >= 5,
          "no-js: each day is a plain link to its archive");
    await page.screenshot({ path: join(artifacts, "live-nojs.png"),
                            fullPage: true });
    await page.locator("nav.filters a", { hasText: "Key events only" }).click();
    check(page.url().endsWith("?filter=key") &&
          await page.locator("article.update").count() === 3,
          "no-js: the key-events filter is a plain link");
    await context.close();
  }

  // The other pages load clean too.
  for (const path of ["/", "/sources", "/t/iran-nov-2019/u/6",
                      "/t/iran-nov-2019/day/44", "/t/iran-nov-2019/tallies",
                      "/t/iran-nov-2019/tallies/killed",
                      "/t/iran-nov-2019/lite", "/t/iran-nov-2019/events",
                      "/t/iran-nov-2019/victims"]) {
    const { page, context, problems } = await load(path);
    check(problems.length === 0, `${path}: ${problems.join("; ")}`);
    if (path.endsWith("/killed"))
      await page.screenshot({ path: join(artifacts, "tally-killed.png"),
                              fullPage: true });
    if (path.endsWith("/victims")) {
      const people = await page.locator("li.person").count();
      check(people === 3, `the memorial lists the demo's records (${people})`);
      check((await page.locator("main").innerText()).includes("invented for the demo"),
            "invented names are marked as such");
      await page.screenshot({ path: join(artifacts, "memorial.png"), fullPage: true });
    }
    if (path.endsWith("/events")) {
      // The map: Iran's outline and a dot per place of the demo's events.
      const dots = await page.locator("svg.map circle").count();
      check(dots === 16, `the map has a dot per place (${dots})`);
      const box = await page.locator("svg.map").boundingBox();
      check(box && box.width > 300 && box.height > 200, "the map is drawn");
      await page.screenshot({ path: join(artifacts, "events-map.png"),
                              fullPage: true });
      await page.locator("svg.map a").first().click();
      check(/\/places\/[0-9a-f]{16}$/.test(page.url()),
            `a dot leads to its place (${page.url()})`);
      await page.screenshot({ path: join(artifacts, "place.png") });
    }
    await context.close();
  }
  // The snapshot: one file that opens with the network off and asks for
  // nothing.
  {
    const file = join(t.tmp, "snapshot.html");
    t.vigil(["export", "iran-nov-2019", "--format", "snapshot", "--output", file]);
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    const requests = [];
    page.on("request", (q) => requests.push(q.url()));
    await page.goto("file://" + file);
    await page.waitForTimeout(300);
    check(requests.length === 1 && requests[0] === "file://" + file,
          `the snapshot makes no request (${requests.join(", ")})`);
    check((await page.locator("article.update").count()) === 9 &&
          (await page.locator(".highlights").count()) === 1,
          "the snapshot shows the highlights and every update");
    const color = await page.evaluate(() =>
      getComputedStyle(document.querySelector("h1")).fontFamily);
    check(color.length > 0, "the inline stylesheet applies");
    await page.screenshot({ path: join(artifacts, "snapshot-offline.png") });
    await context.close();
  }
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

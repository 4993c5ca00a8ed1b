// i18n.test.mjs: the public pages of a Persian tracker and of Arabic
// trackers (Arabic-Indic and Latin digits) in headless Chromium, on a
// desktop and on a phone. Each page is kept as a screenshot in
// tests/artifacts/ (i18n-SLUG-PAGE-SIZE.png) and checked for:
// - the document's direction and language (rtl, the tracker's language);
// - no element mirrored wrong: every element whose own text is in Arabic
//   script computes direction rtl (a Latin run such as an address may be
//   left to right); a key event's article, title and body are right to
//   left, its label on the right of the line it opens (a key event used
//   to turn left to right: its English label came first under dir=auto);
//   a numbered list counts in the page's digits;
// - no console error and no page error;
// - axe-core's rules (WCAG 2 A and AA, 2.1, best practice): no violation;
// - no English label left: no text of the same pages of the English demo
//   tracker appears on them (the fixtures' own text is all Persian or
//   Arabic, so what matches is a label).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { artifacts, finish, root, setup, start } from "./lib.mjs";

const t = await setup("i18n");
const check = t.check;
const axeSource = readFileSync(
  join(root, "tests/browser/node_modules/axe-core/axe.min.js"), "utf8");

// A tracker in LANG filled with the CLI: two updates (one a key event),
// a figure from two sources, an event at a place of the gazetteer and a
// named victim. `words` is its text, in its language.
function fill(slug, tag, words) {
  t.vigil(["tracker", "create", slug, "--title", words.title,
           "--summary", words.summary, "--started-on", "2019-11-15",
           "--timezone", words.zone, "--country", words.country,
           "--languages", tag]);
  for (const [source, name] of words.sources)
    t.vigil(["source", "add", source, "--name", name, "--kind", "ngo"]);
  t.vigil(["metric", "add", slug, "killed", "--label", words.killed]);
  t.vigil(["claim", "add", slug, "--metric", "killed", "--source",
           words.sources[0][0], "--qualifier", "at_least", "--low", "304",
           "--as-of", "2019-12-16"]);
  t.vigil(["claim", "add", slug, "--metric", "killed", "--source",
           words.sources[1][0], "--low", "1500", "--as-of", "2019-12-20"]);
  t.vigil(["post", slug, "--title", words.posts[0][0]], words.posts[0][1]);
  t.vigil(["post", slug, "--title", words.posts[1][0], "--lang", tag.slice(0, 2),
           "--key"], words.posts[1][1]);
  t.vigil(["event", "add", slug, "--date", "2019-11-16", "--type", "Protests",
           "--sub-type", "Peaceful protest", "--place", words.place,
           "--country", words.country, "--lat", words.lat, "--lon", words.lon,
           "--source", words.sources[0][0], "--notes", words.notes]);
  t.vigil(["victim", "add", slug, "--name", words.victim[0], "--name-native",
           words.victim[0], "--circumstance", "killed", "--date", "2019-11-16",
           "--place", words.place, "--sources", words.sources[0][0],
           "--invented"]);
  return slug;
}

const FA = {
  title: "اعتراضات آبان ۱۳۹۸", summary: "گزارش زنده از اعتراضات سراسری",
  zone: "Asia/Tehran", country: "IR", killed: "کشته‌شدگان",
  sources: [["hrana-fa", "خبرگزاری هرانا"], ["amnesty-fa", "عفو بین‌الملل"]],
  posts: [["افزایش قیمت بنزین", "قیمت بنزین سه برابر شد."],
          ["اعتراض در تهران",
           "معترضان در **تهران** گرد آمدند. [منبع](https://example.org/fa)"]],
  place: "تهران", lat: "35.69", lon: "51.39", notes: "تجمع در میدان آزادی",
  victim: ["نمونه‌ی ساختگی"], search: "تهران",
};
const AR = {
  title: "احتجاجات الخرطوم", summary: "تغطية مباشرة للاحتجاجات",
  zone: "Africa/Khartoum", country: "SD", killed: "القتلى",
  sources: [["cds-ar", "لجنة أطباء السودان"], ["un-ar", "الأمم المتحدة"]],
  posts: [["إغلاق الجسور", "أغلقت السلطات الجسور المؤدية إلى وسط المدينة."],
          ["احتجاج في الخرطوم",
           "تجمع المحتجون في **الخرطوم**. [المصدر](https://example.org/ar)"]],
  place: "الخرطوم", lat: "15.55", lon: "32.53", notes: "مسيرة سلمية نحو القصر",
  victim: ["اسم مختلق"], search: "الخرطوم",
};
// The demo's own Persian edition (`vigil demo`), and a Persian tracker
// filled here with what the demo's lacks (events, a place, a victim).
const trackers = [
  { slug: "iran-nov-2019-fa", tag: "fa", words: { ...FA, search: "تهران" },
    optional: ["a place"] }, // it records no event
  { slug: fill("iran-fa", "fa", FA), tag: "fa", words: FA },
  { slug: fill("khartoum-ar", "ar", AR), tag: "ar", words: AR },
  { slug: fill("beirut-ar", "ar-u-nu-latn", { ...AR, zone: "Asia/Beirut",
      country: "LB", sources: [["cds-ar2", "لجنة الأطباء"], ["un-ar2", "الأمم المتحدة في لبنان"]],
      place: "بيروت", lat: "33.89", lon: "35.50", search: "الخرطوم" }),
    tag: "ar-u-nu-latn", words: AR },
];
// A Persian key event on the English demo tracker stays right to left.
t.vigil(["post", "iran-nov-2019", "--title", "رویداد کلیدی به فارسی",
         "--lang", "fa", "--key"], "متن این به‌روزرسانی فارسی است.");
const EN = "iran-nov-2019";

// The record's own names are its text, not labels: the sources the
// demo's Persian edition shares with the English one keep their names
// ("Amnesty International"), and a claim's citation starts with one.
const sourceNames = t.vigil(["source", "list"]).split("\n")
  .map((line) => line.split("\t")[2]).filter(Boolean);
const ofRecord = (s) => sourceNames.some((n) => s === n || s.startsWith(n + ","));

await start(t);
const base = t.base;

// What stays Latin on every page: the product's and formats' names, and
// ISO country codes ("IR").
const NAMES = new Set(["Vigil", "Atom", "JSON Feed", "API", "CSV", "GeoJSON"]);
const isName = (s) => NAMES.has(s) || /^[A-Z]{2}$/.test(s);
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
           deviceScaleFactor: 2 },
};

// The pages of a tracker: the live page, a day, the days, an update (the
// key event), the figures and a figure, the lite page, the events and
// map, a place, the memorial, search results and the embed. Each found
// by its link, as a reader follows it.
async function pages(slug, q, optional = []) {
  const get = async (path) => (await fetch(base + path)).text();
  const link = (re, text, what) => {
    const m = re.exec(text);
    check(m !== null || optional.includes(what), `${slug}: no link to ${what}`);
    return m ? m[1] : null;
  };
  const live = await get(`/t/${slug}`);
  const list = {
    live: `/t/${slug}`,
    day: link(/href="(\/t\/[^/]+\/day\/\d+)"/, live, "a day"),
    days: `/t/${slug}/days`,
    update: link(/<article id="u\d+" class="update[^"]*\bkey\b[^"]*">\n<p class="meta">.*?href="(\/t\/[^/]+\/u\/\d+)"/,
                 live, "a key event"),
    tallies: `/t/${slug}/tallies`,
    tally: link(/href="(\/t\/[^/]+\/tallies\/[^"]+)"/, await get(`/t/${slug}/tallies`),
                "a figure"),
    lite: `/t/${slug}/lite`,
    events: `/t/${slug}/events`,
    place: link(/href="(\/t\/[^/]+\/places\/[0-9a-f]{16})"/,
                await get(`/t/${slug}/events`), "a place"),
    victims: `/t/${slug}/victims`,
    search: `/t/${slug}/search?q=${encodeURIComponent(q)}`,
    embed: `/t/${slug}/embed`,
  };
  return Object.fromEntries(Object.entries(list).filter(([, path]) => path));
}

// Loads a page in a fresh context with axe-core available; returns it
// with the console errors and page errors seen.
async function load(path, size) {
  // axe-core is injected as a script of the page: the page's own CSP
  // (script-src 'self') is set aside for it.
  const context = await t.browser.newContext({ ...SIZES[size], bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  const response = await page.goto(base + path, { waitUntil: "load" });
  check(response.status() === 200, `${path}: status ${response.status()}`);
  return { page, context, problems };
}

// Every text node of the page's own words, trimmed, with a Latin letter:
// not in an element that says its own language (a data set's name,
// lang="en" on a Persian page) or that is not to be translated, nor in
// an update's body (the record's text: a link to "The Hill" is a name).
function latinTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.documentElement,
                                           NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const p = n.parentElement;
      if (!p || ["SCRIPT", "STYLE", "TITLE"].includes(p.tagName) ||
          p.closest('body [lang], [translate="no"], .body')) continue;
      const s = n.data.replace(/\s+/g, " ").trim();
      if (/[A-Za-z]/.test(s)) out.push(s);
    }
    return out;
  });
}

// The elements mirrored wrong: own text in Arabic script, direction ltr.
function ltrArabic(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.body.querySelectorAll("*")) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3)
        .map((n) => n.data).join("");
      if (/[\u0600-\u06ff]/.test(own) && getComputedStyle(el).direction !== "rtl")
        bad.push(`<${el.tagName.toLowerCase()} class="${el.className}">` +
                 own.trim().slice(0, 40));
    }
    return bad;
  });
}

// A key event's article: right to left throughout, its label first on
// the right, its title's text against the right edge. On a left-to-right
// page (`title`) only its title and body are right to left.
function keyEvent(page, id, titleOnly = false) {
  return page.evaluate(([id, titleOnly]) => {
    const a = document.querySelector(id);
    if (!a) return "no key event";
    const dir = (sel) => { const e = a.querySelector(sel);
                           return e ? getComputedStyle(e).direction : "none"; };
    const problems = [];
    const dirs = [["title", dir("h1, h2, h3")], ["body", dir(".body")]];
    if (!titleOnly)
      dirs.push(["article", getComputedStyle(a).direction], ["label", dir(".keyev")]);
    for (const [what, d] of dirs)
      if (d !== "rtl") problems.push(`${what} ${d}`);
    const label = a.querySelector(".keyev"), time = a.querySelector(".meta time");
    if (!titleOnly && label && time && label.getBoundingClientRect().left <
        time.getBoundingClientRect().right)
      problems.push("the label is not on the right of the time");
    const h = a.querySelector("h1, h2, h3"), r = document.createRange();
    r.selectNodeContents(h);
    const text = r.getBoundingClientRect(), box = h.getBoundingClientRect();
    if (Math.abs(text.right - box.right) > 2)
      problems.push(`the title is not set right to left (${text.right} in ${box.right})`);
    return problems.join("; ");
  }, [id, titleOnly]);
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
  });
}

try {
  // The English demo's pages: every Latin text on them that is no name.
  const english = new Set();
  const enPages = await pages(EN, "Tehran");
  for (const path of Object.values(enPages)) {
    const { page, context } = await load(path, "desktop");
    for (const s of await latinTexts(page)) if (!isName(s)) english.add(s);
    await context.close();
  }
  const sample = ["Key event", "Highlights", "History", "Previous day"];
  check(sample.every((s) => english.has(s)),
        `the English pages' labels are read (${sample.filter((s) => !english.has(s))})`);

  // The demo's Persian key event, on its English page.
  {
    const { page, context } = await load(`/t/${EN}`, "desktop");
    const id = await page.evaluate(() => {
      const h = [...document.querySelectorAll("article.key h3")]
        .find((e) => e.textContent === "رویداد کلیدی به فارسی");
      return h ? "#" + h.closest("article").id : "";
    });
    const wrong = id ? await keyEvent(page, id, true) : "not found";
    check(wrong === "", `${EN}: the Persian key event: ${wrong}`);
    await context.close();
  }

  for (const tr of trackers) {
    const all = await pages(tr.slug, tr.words.search, tr.optional);
    for (const [name, path] of Object.entries(all)) {
      for (const size of Object.keys(SIZES)) {
        const what = `${tr.slug} ${name} (${size})`;
        const { page, context, problems } = await load(path, size);
        const [dir, lang] = await page.evaluate(() =>
          [document.documentElement.dir, document.documentElement.lang]);
        check(dir === "rtl" && lang === tr.tag, `${what}: dir ${dir}, lang ${lang}`);
        // A numbered list counts in the page's digits.
        const digits = tr.tag.includes("-nu-latn") ? "decimal"
                     : tr.tag.startsWith("fa") ? "persian" : "arabic-indic";
        const lists = await page.evaluate(() => [...document.querySelectorAll("ol")]
          .map((ol) => getComputedStyle(ol).listStyleType).filter((s) => s !== "none"));
        check(lists.every((s) => s === digits), `${what}: lists numbered ${lists}`);
        const wrong = await ltrArabic(page);
        check(wrong.length === 0, `${what}: left to right: ${wrong.join(" | ")}`);
        if (name === "live" || name === "update" || name === "day") {
          const id = await page.evaluate(() => {
            const a = document.querySelector("article.update.key");
            return a ? "#" + a.id : "";
          });
          const bad = await keyEvent(page, id || "article.key");
          check(bad === "", `${what}: the key event: ${bad}`);
        }
        const left = (await latinTexts(page))
          .filter((s) => english.has(s) && !ofRecord(s));
        check(left.length === 0, `${what}: English labels: ${left.join(" | ")}`);
        await page.screenshot({ path: join(artifacts, `i18n-${tr.slug}-${name}-${size}.png`),
                                fullPage: true });
        check(problems.length === 0, `${what}: ${problems.join("; ")}`);
        const violations = await axe(page);
        check(violations.length === 0, `${what}: axe: ${violations.join(" | ")}`);
        await context.close();
      }
    }
  }
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

// extract.test.mjs: the desk's extraction page in headless Chromium
// (issue 7), with the page's JavaScript turned off: it is plain forms.
// An editor signs in with password and TOTP, pastes the day-44 article,
// sees its proposals marked, and accepts "killed, more than 1,500": a
// pending proposal then carries the proposal's exact words as its quote.
// A verifier, signed in from another browser, approves it: the published
// claim's quote is the proposal's text, word for word.
// Each figure shows why it has its source and as-of date, with the
// words they came from; a text without a publication date makes the page
// ask for it, and resolves nothing relative until it is given; a date
// opening a line of the text's head is proposed for it.
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

// Pastes `text` with publication date `published` ("" for none) and
// finds the proposals.
async function extract(page, text, published) {
  await page.goto(`${base}/admin/t/${SLUG}/extract`);
  await page.fill("textarea[name=text]", text);
  await page.fill("input[name=published]", published);
  await Promise.all([page.waitForNavigation(),
                     page.click("button:text('Find proposals')")]);
}

// What the page says of the figure whose words are `figure`: how many
// figures have those words, and for its source and its as-of the line
// shown and the words it quotes.
async function reasonsOf(page, figure) {
  const li = page.locator("li.proposal", { has: page.locator("q", { hasText: figure }) });
  const n = await li.count();
  if (n !== 1) return { n, source: { text: "", words: [] }, asOf: { text: "", words: [] } };
  const line = async (cls) => {
    const l = li.locator(`li.${cls}`);
    return { text: (await l.count()) ? await l.textContent() : "",
             words: await l.locator("q").allTextContents() };
  };
  return { n, source: await line("why-source"), asOf: await line("why-as-of") };
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

  // Why each figure has its source and as-of. The reasons come from the
  // extractor (extract.h): a source named in the sentence, one the
  // sentence refers back to, the dateline's, and "officials" naming no
  // one; an as-of from the statement's day, an explicit one, and the
  // publication date's.
  await extract(page,
    "Amnesty International said 20 people were killed in Tehran. " +
    "The group said on Tuesday that 45 people were injured. " +
    "Officials said 12 protesters were detained as of 20 December.",
    "2019-12-28");
  const said = await reasonsOf(page, "20 people were killed");
  check(said.n === 1 && said.source.text.startsWith("source: Amnesty International — "),
        `the source named in the sentence: ${JSON.stringify(said)}`);
  check(said.source.text.includes("the figure's own sentence attributes it") &&
        said.source.words.length === 1 && said.source.words[0].includes("Amnesty International"),
        `its reason and words: ${JSON.stringify(said.source)}`);
  check(said.asOf.text === "as of the report's date, 28 December 2019",
        `as of the publication date: ${JSON.stringify(said.asOf)}`);
  const group = await reasonsOf(page, "45 people were injured");
  check(group.n === 1 && group.source.text.startsWith("source: Amnesty International — ") &&
        group.source.text.endsWith("refers back to the body named earlier") &&
        group.source.words.length === 1 && /group said/i.test(group.source.words[0]),
        `"the group said" refers back to Amnesty: ${JSON.stringify(group.source)}`);
  check(group.asOf.text.startsWith("as of 24 December 2019 — the day of the statement, from ") &&
        group.asOf.words.length === 1 && group.asOf.words[0].includes("Tuesday"),
        `as of the Tuesday it was said: ${JSON.stringify(group.asOf)}`);
  const officials = await reasonsOf(page, "12 protesters were detained");
  check(officials.n === 1 && officials.source.text.startsWith("no source proposed: ") &&
        officials.source.text.endsWith("names no one") &&
        officials.source.words.length === 1 && officials.source.words[0].includes("Officials said"),
        `"officials said" proposes no source: ${JSON.stringify(officials.source)}`);
  check(officials.asOf.text.startsWith("as of 20 December 2019 — from ") &&
        officials.asOf.words.length === 1 && officials.asOf.words[0].includes("as of 20 December"),
        `an explicit as-of: ${JSON.stringify(officials.asOf)}`);
  check(await page.locator("#no-published").count() === 0,
        "with a publication date the page asks for none");
  await page.screenshot({ path: join(artifacts, "extract-reasons.png"), fullPage: true });

  await extract(page, "LONDON (Reuters) - 30 people were killed in Shiraz.", "2019-12-28");
  const wire = await reasonsOf(page, "30 people were killed");
  check(wire.n === 1 && wire.source.text.startsWith("source: Reuters — the text's own source, from ") &&
        wire.source.words.length === 1 && wire.source.words[0].includes("(Reuters)"),
        `the dateline's source: ${JSON.stringify(wire.source)}`);

  // No publication date: the page asks for it and resolves nothing
  // relative; given, "on Tuesday" is resolved and the notice goes. The
  // dates and places are the lists (ul) of the proposals; figures, an ol.
  const TUESDAY = "Amnesty International said on Tuesday that 20 people were killed.";
  await extract(page, TUESDAY, "");
  const notice = page.locator("#no-published");
  check(await notice.count() === 1 && await notice.isVisible() &&
        await notice.getAttribute("role") === "alert" &&
        (await notice.textContent()).includes("no publication date") &&
        (await notice.textContent()).includes("nothing was guessed"),
        "without a publication date the page asks for it");
  check((await notice.boundingBox()).y < (await page.locator(".extract").boundingBox()).y,
        "the notice is above the results");
  await page.screenshot({ path: join(artifacts, "extract-no-date.png"), fullPage: true });
  const field = page.locator("input[name=published]");
  check(await field.getAttribute("aria-describedby") === "no-published" &&
        await field.inputValue() === "",
        "the date field is described by the notice");
  const dateItems = page.locator(".extract-found > ul > li", { has: page.locator("q", { hasText: "Tuesday" }) });
  check(await dateItems.count() === 0 && await page.locator("mark.ex-date").count() === 0,
        "no relative date is resolved without a publication date");
  const undated = await reasonsOf(page, "20 people were killed");
  check(undated.asOf.text === "no as-of date: the text has no publication date",
        `no as-of date is guessed: ${JSON.stringify(undated.asOf)}`);
  await notice.locator("a[href='#published']").click();
  await field.fill("2019-12-28");
  await Promise.all([page.waitForNavigation(),
                     page.click("button:text('Find proposals')")]);
  check(await page.locator("#no-published").count() === 0 &&
        await field.getAttribute("aria-describedby") === null,
        "given the date, the notice is gone");
  const resolved = page.locator(".extract-found > ul > li", { has: page.locator("q", { hasText: "Tuesday" }) });
  check(await resolved.count() === 1 && (await resolved.textContent()).includes("2019-12-24"),
        `"on Tuesday" is resolved to 24 December: ${await resolved.allTextContents()}`);
  const dated = await reasonsOf(page, "20 people were killed");
  check(dated.asOf.text.startsWith("as of 24 December 2019 — the day of the statement"),
        `and the figure is as of that Tuesday: ${JSON.stringify(dated.asOf)}`);

  // A date opening a line of the text's head is proposed, not used: the
  // notice quotes it and the field holds it; found again, it is the date.
  await extract(page, "Statement on the protests\n\n1 July 2024\n\n" +
                "Amnesty International said on Tuesday that 20 people were killed.", "");
  const head = page.locator("#no-published #dateline");
  check(await head.count() === 1 && (await head.textContent()).includes("1 July 2024") &&
        (await head.locator("q").textContent()) === "1 July 2024",
        `the notice quotes the head's date: ${await head.textContent().catch(() => "")}`);
  check(await field.inputValue() === "2024-07-01", "the date field holds it");
  check(await page.locator("mark.ex-date", { hasText: "Tuesday" }).count() === 0,
        "nothing relative is resolved from it before the editor finds again");
  await page.screenshot({ path: join(artifacts, "extract-dateline.png"), fullPage: true });
  await Promise.all([page.waitForNavigation(),
                     page.click("button:text('Find proposals')")]);
  check(await page.locator("#no-published").count() === 0,
        "found again with it, the page asks for no date");
  const headed = await reasonsOf(page, "20 people were killed");
  check(headed.asOf.text.startsWith("as of 25 June 2024 — the day of the statement"),
        `"on Tuesday" counts from the head's date: ${JSON.stringify(headed.asOf)}`);

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

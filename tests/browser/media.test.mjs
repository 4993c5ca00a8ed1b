// media.test.mjs: an image from a phone to a reader, in headless Chromium,
// both browsers with a phone's screen (390 x 844, touch, 3 pixels a
// point).
// - An editor signs in on the phone, drops a photo with a face on the
//   desk's upload form, marks the face by dragging a finger over the
//   preview (the desk's script fills the typed regions field), sees the
//   result with the face filled (its pixels read in the browser, from a
//   canvas) and keeps it with alt text; the kept image's page opens the
//   form of a new update with the image in it, which the editor
//   publishes.
// - Meanwhile an anonymous reader's live page gets the update without a
//   reload, shows the picture (the face filled there too), and nothing in
//   it moved: the cumulative layout shift the browser measured is 0.
// - Every request either page made went to the Vigil server on loopback,
//   and no desk page or the live page scrolls sideways on the phone.
// Screenshots go to tests/artifacts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PASSWORD, addUser, artifacts, finish, root, setup, start, totp } from "./lib.mjs";

const t = await setup("browser-media");
const check = t.check;
const SLUG = "iran-nov-2019";
const secret = addUser(t, "desk", "editor");
await start(t);
const base = t.base;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3,
                isMobile: true, hasTouch: true };
// tests/media/README.md: a face-like disc about (400, 260) in 800 x 600.
const FACE = [310, 170, 180, 180];
const INSIDE = [326, 186, 148, 148]; // the face less 16 pixels each side
// Alt text with what Markdown would read, and as the desk writes it there.
const ALT = 'A protester\'s face, hidden: "the square" [12:00] <b>&amp; *not* bold';
const ALT_MD = 'A protester\'s face, hidden: "the square" \\[12:00\\] \\<b>\\&amp; \\*not\\* bold';

// A context with the phone's screen whose every request is listed.
async function phone(requests, problems) {
  const ctx = await t.browser.newContext(PHONE);
  ctx.on("request", (r) => requests.push(r.url()));
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(e.message));
  return { ctx, page };
}

// Whether the page is wider than the phone's screen (it scrolls sideways).
const sideways = (page) => page.evaluate(() =>
  document.documentElement.scrollWidth > window.innerWidth);

// max - min of the pixels (every channel) of rectangle [x, y, w, h] of
// the image sel shows, read from a canvas in the browser.
function spread(page, sel, [x, y, w, h]) {
  return page.evaluate(async ([sel, x, y, w, h]) => {
    // The rendition's own pixels (a srcset's image is sized to the page).
    const img = new Image();
    img.src = document.querySelector(sel).currentSrc;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const d = g.getImageData(x, y, w, h).data;
    let lo = 255, hi = 0;
    for (let i = 0; i < d.length; i += 4)
      for (let k = 0; k < 3; k++) { lo = Math.min(lo, d[i + k]); hi = Math.max(hi, d[i + k]); }
    return hi - lo;
  }, [sel, x, y, w, h]);
}

// A finger dragged over the image from picture pixel (x0, y0) to (x1,
// y1): real touch events, through the DevTools protocol.
async function drag(ctx, page, img, [x0, y0], [x1, y1]) {
  await img.scrollIntoViewIfNeeded();
  const box = await img.boundingBox();
  const s = box.width / Number(await img.getAttribute("width"));
  const at = (x, y) => [{ x: box.x + x * s, y: box.y + y * s }];
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(x0, y0) });
  for (let i = 1; i <= 8; i++)
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove",
      touchPoints: at(x0 + (x1 - x0) * i / 8, y0 + (y1 - y0) * i / 8) });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

// Drops a file of bytes on the element sel, as a file dragged from the
// phone's files would be: dragenter, dragover, drop.
async function drop(page, sel, bytes, name, type) {
  const data = await page.evaluateHandle(([b64, name, type]) => {
    const bin = atob(b64), a = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) a[i] = bin.charCodeAt(i);
    const d = new DataTransfer();
    d.items.add(new File([a], name, { type }));
    return d;
  }, [bytes.toString("base64"), name, type]);
  await page.dispatchEvent(sel, "dragenter", { dataTransfer: data });
  await page.dispatchEvent(sel, "dragover", { dataTransfer: data });
  const over = await page.locator(sel).evaluate((f) => f.classList.contains("over"));
  await page.dispatchEvent(sel, "drop", { dataTransfer: data });
  return over;
}

// The layout shifts the page had, summed as CLS is (those right after an
// input aside): the browser's buffered layout-shift entries. Returns
// {cls, moved: what moved, when (ms after the page began), by how much}.
function layoutShift(page) {
  return page.evaluate(() => new Promise((ok) => {
    let cls = 0;
    const moved = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        cls += e.value;
        for (const s of e.sources || [])
          moved.push(`${s.node ? s.node.nodeName + "#" + (s.node.id || "") : "?"}` +
                     ` at ${Math.round(e.startTime)} ms: ${s.previousRect.y} -> ${s.currentRect.y}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
    // The buffered entries come in the observer's first callback.
    setTimeout(() => ok({ cls, moved }), 1000);
  }));
}

try {
  const problems = [], deskRequests = [], readerRequests = [];
  const reader = await phone(readerRequests, problems);
  let loads = 0;
  reader.page.on("load", () => loads++);
  await reader.page.goto(`${base}/t/${SLUG}`);
  check(await reader.page.evaluate(() =>
    PerformanceObserver.supportedEntryTypes.includes("layout-shift")),
        "the browser measures layout shifts");

  // ==== The editor, on the phone ====
  const { ctx, page: desk } = await phone(deskRequests, problems);
  await desk.goto(base + "/login");
  await desk.fill("input[name=login]", "desk");
  await desk.fill("input[name=password]", PASSWORD);
  await desk.fill("input[name=code]", totp(secret));
  await Promise.all([desk.waitForNavigation(), desk.click("form button:text('Sign in')")]);
  check(desk.url() === base + "/admin", `the editor signed in (${desk.url()})`);
  await desk.goto(`${base}/admin/t/${SLUG}`);
  await Promise.all([desk.waitForNavigation(), desk.click("a:text('Add an image')")]);
  check(desk.url() === `${base}/admin/t/${SLUG}/media`,
        `the update form leads to the images (${desk.url()})`);
  const file = desk.locator("form.upload input[type=file]");
  check(await file.getAttribute("accept") === "image/*" &&
        await file.getAttribute("capture") === null,
        "the file field takes any image, from the camera or the library");
  check(!await sideways(desk), "the images page fits the phone");
  const photo = readFileSync(join(root, "tests/media/gps-p3.jpg"));
  check(await drop(desk, "form.upload", photo, "IMG_2041.JPG", "image/jpeg"),
        "a photo dragged over the page marks the form");
  check(await file.evaluate((i) => i.files.length === 1 && i.files[0].name === "IMG_2041.JPG"),
        "dropped, it is the form's file");
  check((await desk.locator("form.upload [aria-live]").innerText()).includes("IMG_2041.JPG"),
        "and the form says so");
  await Promise.all([desk.waitForNavigation(), desk.click("form.upload button")]);
  const first = desk.url();
  check(first.includes(`/admin/t/${SLUG}/media/pending/`), `uploaded, to its preview (${first})`);

  // ==== Marking the face on the preview ====
  const preview = "p.mark img";
  check(await spread(desk, preview, INSIDE) > 100, "the preview shows the face");
  check(!await sideways(desk), "the preview fits the phone");
  await drag(ctx, desk, desk.locator(preview), [FACE[0], FACE[1]],
             [FACE[0] + FACE[2], FACE[1] + FACE[3]]);
  const field = await desk.inputValue("input[name=regions]");
  const marked = field.split(",").map(Number);
  check(marked.length === 4 && marked.every((v, i) => Math.abs(v - FACE[i]) <= 3),
        `the finger's rectangle is in the field, in the picture's pixels: ${field}`);
  check(await desk.locator("p.mark .region").count() === 1, "and drawn on the picture");
  await desk.screenshot({ path: join(artifacts, "media-marked.png") });
  await Promise.all([desk.waitForNavigation(), desk.click("button:text('Hide them')")]);
  const second = desk.url();
  check(second !== first && second.includes("/media/pending/"),
        `the region is hidden, the result shown (${second})`);
  check(await spread(desk, preview, INSIDE) <= 12, "the face is uniform in the preview");
  await desk.screenshot({ path: join(artifacts, "media-redacted.png") });

  // ==== Kept, then put in an update ====
  await desk.fill("input[name=alt]", ALT);
  await Promise.all([desk.waitForNavigation(), desk.click("button:text('Keep this image')")]);
  const key = /\/media\/([0-9a-f]{64})$/.exec(desk.url());
  check(key !== null, `kept (${desk.url()})`);
  const md = `![${ALT_MD}](/media/${key && key[1]})`;
  check((await desk.locator("pre.md").innerText()).trim() === md, `the Markdown to use it: ${md}`);
  check(!await sideways(desk), "the kept image's page fits the phone");
  await Promise.all([desk.waitForNavigation(), desk.click("button:text('Write an update with it')")]);
  check(desk.url() === `${base}/admin/t/${SLUG}/updates`, `the update's form (${desk.url()})`);
  check(await desk.inputValue("textarea[name=body]") === md, "with the image in its text");
  check(await desk.locator(".preview picture img").count() === 1, "previewed");
  await desk.fill("input[name=title]", "The square at noon");
  await Promise.all([desk.waitForNavigation(), desk.click("button[name=save]")]);
  check(desk.url() === `${base}/admin/t/${SLUG}`, `published (${desk.url()})`);

  // ==== The reader ====
  const art = reader.page.locator("article", { hasText: "The square at noon" });
  await art.waitFor({ timeout: 15000 }).catch(() => {});
  check(await art.count() === 1, "the update reaches the reader's page live");
  check(loads === 1, `without a reload (${loads} loads)`);
  const img = art.locator("picture img");
  await img.scrollIntoViewIfNeeded().catch(() => {});
  const shown = await img.evaluate(async (i) => {
    await i.decode().catch(() => {});
    return { w: i.naturalWidth, src: i.currentSrc };
  }).catch(() => ({ w: 0, src: "" }));
  check(shown.w > 0 && shown.src.startsWith(`${base}/media/`),
        `with the picture, from Vigil (${shown.src})`);
  check(await img.getAttribute("alt") === ALT, "its alt text exactly as kept");
  check(shown.w > 0 && await spread(reader.page, `#${await art.getAttribute("id")} picture img`,
                                    INSIDE) <= 12,
        "the face is uniform in what the reader gets");
  check(!await sideways(reader.page), "the live page fits the phone");
  await reader.page.screenshot({ path: join(artifacts, "media-reader.png") });
  const shift = await layoutShift(reader.page);
  check(shift.cls === 0,
        `nothing moved on the reader's page: CLS ${shift.cls} ${shift.moved.join("; ")}`);

  // ==== Nothing from elsewhere ====
  for (const [who, list] of [["editor", deskRequests], ["reader", readerRequests]]) {
    const away = list.filter((u) => new URL(u).origin !== base);
    check(list.length > 0 && away.length === 0,
          `the ${who}'s ${list.length} requests all went to ${base}: ${away.join(" ")}`);
  }
  check(readerRequests.some((u) => u.startsWith(`${base}/media/`)),
        "the reader's picture among them");
  check(problems.filter((p) => !/EventSource/.test(p)).length === 0,
        `no script errors or CSP reports: ${problems.join("; ")}`);
} catch (e) {
  check(false, `the test stopped: ${e.stack}`);
} finally {
  await finish(t);
}

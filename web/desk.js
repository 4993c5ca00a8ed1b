/* desk.js: the desk's script, three parts, each for the page that has
   what it needs: an update's form, the image upload, an upload waiting
   to be kept. Every form works without it.

   An update's form: keeps its text as the editor types, so that no
   text is lost, and shows who else has the update open. It only sends each form's text to its data-autosave address
   a moment after typing stops (and says the page is open every minute),
   and when the server cannot be reached (or the session has ended) keeps
   the text in this browser until it can be put back. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  var url = form.getAttribute("data-autosave");
  var key = "vigil-keep:" + form.getAttribute("action");
  var line = form.querySelector(".autosave");
  var timer = null, last = null;

  function field(name) { return form.elements.namedItem(name); }
  function value(name) { var f = field(name); return f ? f.value : ""; }
  function text() {
    return { title: value("title"), body: value("body"),
             kind: value("kind"), rev: value("rev") };
  }
  function say(s) { if (line) line.textContent = s; }
  function hhmm(d) { return d.toTimeString().slice(0, 5); }
  function stored() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); }
    catch (e) { return null; }
  }
  function store(t) {
    try {
      t.at = Date.now();
      localStorage.setItem(key, JSON.stringify(t));
      say("The server could not be reached (or your session has ended): " +
          "your text is kept in this browser.");
    } catch (e) {
      say("Your text could not be kept: copy it somewhere before leaving.");
    }
  }
  function others(list) {
    var p = document.getElementById("presence");
    if (p) p.textContent = list.length ? "Also open now: " + list.join(", ") : "";
  }

  /* Sends the text (or, ping, only that the page is open); leaving: the
     page is being left, so the request must outlive it (keepalive, which
     browsers allow up to 64 KB). */
  function send(ping, leaving) {
    var t = text(), body = new URLSearchParams();
    body.set("csrf", value("csrf"));
    if (ping) body.set("ping", "1");
    else Object.keys(t).forEach(function (k) { if (field(k)) body.set(k, t[k]); });
    return fetch(url, { method: "POST", body: body, redirect: "manual",
                        credentials: "same-origin", keepalive: !!leaving })
      .then(function (r) {
        if (r.status !== 200) throw new Error("status " + r.status);
        return r.json();
      })
      .then(function (j) {
        others(j.others || []);
        if (!ping) {
          last = JSON.stringify(t);
          localStorage.removeItem(key);
          say("Kept on the server at " + hhmm(new Date()) + " (not saved yet).");
        }
      })
      .catch(function () { if (!ping) store(t); });
  }

  function typed() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (JSON.stringify(text()) !== last) send(false);
    }, 1500);
  }

  /* Text this browser kept, different from the form's: offer it back. */
  function offer(t) {
    var p = document.createElement("p"), put = document.createElement("button"),
        drop = document.createElement("button");
    p.className = "notice";
    p.setAttribute("role", "alert");
    p.textContent = "Text you wrote at " + hhmm(new Date(t.at)) +
      " could not reach the server and is kept in this browser. ";
    put.type = drop.type = "button";
    put.textContent = "Put it back in the form";
    drop.textContent = "Discard it";
    put.addEventListener("click", function () {
      ["title", "body", "kind"].forEach(function (k) {
        if (field(k) && t[k] !== undefined) field(k).value = t[k];
      });
      p.remove();
      send(false);
    });
    drop.addEventListener("click", function () {
      localStorage.removeItem(key);
      p.remove();
    });
    p.appendChild(put);
    p.appendChild(drop);
    form.parentNode.insertBefore(p, form);
  }

  last = JSON.stringify(text());
  var kept = stored();
  if (kept && (kept.body !== value("body") || kept.title !== value("title")))
    offer(kept);
  else if (kept)
    localStorage.removeItem(key);
  /* What is sent now is saved (or refused, and shown again): nothing
     left to keep. */
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    last = JSON.stringify(text());
  });
  form.addEventListener("input", typed);
  form.addEventListener("change", typed);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" &&
        JSON.stringify(text()) !== last) send(false, true);
  });
  if (field("rev")) { send(true); setInterval(function () { send(true); }, 60000); }
})();

/* The image upload (/admin/t/SLUG/media): a photo dropped anywhere on
   the page goes into the form's file field, as if chosen with it. The
   form works without this, from a phone's camera or library too. */
(function () {
  "use strict";
  var form = document.querySelector("form.upload");
  var input = form && form.querySelector("input[type=file]");
  if (!input || !window.DataTransfer) return;
  var line = document.createElement("p");
  line.setAttribute("aria-live", "polite");
  /* Said where a mouse can drag one (a phone has no files to drag). */
  if (window.matchMedia && matchMedia("(any-pointer: fine)").matches)
    line.textContent = "Or drop a photo on this page.";
  input.parentNode.parentNode.insertBefore(line, input.parentNode.nextSibling);

  function files(e) {
    return e.dataTransfer &&
      Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0;
  }
  function over(e) {
    if (!files(e)) return;
    e.preventDefault(); /* a drop here, not the browser opening the file */
    form.classList.add("over");
  }
  document.addEventListener("dragenter", over);
  document.addEventListener("dragover", over);
  document.addEventListener("dragleave", function (e) {
    if (!e.relatedTarget) form.classList.remove("over");
  });
  document.addEventListener("drop", function (e) {
    if (!files(e)) return;
    e.preventDefault();
    form.classList.remove("over");
    var f = e.dataTransfer.files[0];
    if (!f) return;
    if (!/^image\//.test(f.type)) {
      line.textContent = f.name + " is not an image: choose a photo.";
      return;
    }
    var one = new DataTransfer();
    one.items.add(f);
    input.files = one.files;
    line.textContent = f.name + " is ready: press Upload.";
  });
})();

/* An upload waiting to be kept: each region to hide is dragged out on
   the picture (mouse, pen or finger) and added to the typed field as
   "X,Y,W,H" in the picture's own pixels (its width and height
   attributes), which is what the server reads; what is typed there is
   drawn too. The field alone works without this. */
(function () {
  "use strict";
  var box = document.querySelector("p.mark");
  var img = box && box.querySelector("img");
  var field = document.querySelector(
    "form[action$='/redact'] input[name=regions]");
  if (!img || !field || !window.PointerEvent) return;
  img.setAttribute("draggable", "false"); /* a mouse draws, not drags it */
  var W = +img.getAttribute("width"), H = +img.getAttribute("height");
  var drag = null;

  function clamp(v, hi) { return Math.max(0, Math.min(hi, v)); }
  /* The pointer's position in the picture's pixels. */
  function at(e) {
    var r = img.getBoundingClientRect();
    return [clamp((e.clientX - r.left) * W / r.width, W),
            clamp((e.clientY - r.top) * H / r.height, H)];
  }
  /* The rectangle between two points, grown to whole pixels so that it
     covers all that was marked. */
  function rect(a, b) {
    var x = Math.floor(Math.min(a[0], b[0])), y = Math.floor(Math.min(a[1], b[1]));
    return [x, y, Math.ceil(Math.max(a[0], b[0])) - x,
            Math.ceil(Math.max(a[1], b[1])) - y];
  }
  function show(el, r) {
    el.style.left = (100 * r[0] / W) + "%";
    el.style.top = (100 * r[1] / H) + "%";
    el.style.width = (100 * r[2] / W) + "%";
    el.style.height = (100 * r[3] / H) + "%";
  }
  function region(r) {
    var el = document.createElement("span");
    el.className = "region";
    show(el, r);
    box.appendChild(el);
    return el;
  }
  function typed() {
    return field.value.split(";").map(function (s) {
      return s.split(",").map(Number);
    }).filter(function (r) {
      return r.length === 4 && r.every(function (n) { return n >= 0; });
    });
  }
  function draw() {
    Array.prototype.forEach.call(box.querySelectorAll(".region"),
                                 function (el) { el.remove(); });
    typed().forEach(region);
  }

  box.classList.add("on"); /* touch-action: none, so a finger draws */
  box.addEventListener("pointerdown", function (e) {
    if (!e.isPrimary || e.button !== 0) return;
    e.preventDefault();
    box.setPointerCapture(e.pointerId);
    var from = at(e);
    drag = { from: from, el: region(rect(from, from)) };
  });
  box.addEventListener("pointermove", function (e) {
    if (drag) show(drag.el, rect(drag.from, at(e)));
  });
  box.addEventListener("pointerup", function (e) {
    if (!drag) return;
    var r = rect(drag.from, at(e));
    drag = null;
    /* A tap, not a drag: nothing marked. */
    if (r[2] >= 4 && r[3] >= 4)
      field.value = (field.value.trim() ? field.value.trim() + ";" : "") +
        r.join(",");
    draw();
  });
  box.addEventListener("pointercancel", function () { drag = null; draw(); });
  field.addEventListener("input", draw);

  var hint = document.createElement("p"), clear = document.createElement("button");
  hint.className = "actions";
  hint.textContent = "Drag on the picture to mark each region to hide. ";
  clear.type = "button";
  clear.textContent = "Clear the marks";
  clear.addEventListener("click", function () { field.value = ""; draw(); });
  hint.appendChild(clear);
  box.parentNode.insertBefore(hint, box.nextSibling);
  draw();
})();

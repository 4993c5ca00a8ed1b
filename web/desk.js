/* desk.js: keeps the text of a desk form as the editor types, so that no
   text is lost, and shows who else has the update open. The forms work
   without it: it only sends each form's text to its data-autosave address
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

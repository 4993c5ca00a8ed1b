/* live.js: keeps a tracker's live page current from its event stream
   (/t/SLUG/live). The page is complete without it: this only applies the
   events the server sends, each with HTML the server rendered. */
(function () {
  "use strict";
  /* In a newsroom's article (/t/SLUG/embed, in a frame): post the page's
     height whenever it changes; the host page's embed.js sizes the frame.
     The message holds only the height, so any parent may read it. */
  if (window.parent !== window && document.body.classList.contains("framed")) {
    var posted = 0;
    var report = function () {
      var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (h === posted) return;
      posted = h;
      window.parent.postMessage({ vigil: "height", height: h }, "*");
    };
    if (window.ResizeObserver)
      new ResizeObserver(report).observe(document.documentElement);
    window.addEventListener("load", report);
    report();
  }
  var hook = document.getElementById("live");
  if (!hook || !window.EventSource) return;
  var keyOnly = hook.getAttribute("data-filter") === "key";
  var queue = [], bar = null;

  function frag(html) {
    var t = document.createElement("template");
    t.innerHTML = html;
    return t.content.firstElementChild;
  }

  /* The reader is reading further down: do not move the page under them. */
  function away() {
    return hook.getBoundingClientRect().top < 0;
  }

  /* Whether article a comes after update d, as a reload orders them:
     by publication time (<time datetime>, one fixed UTC format, so its
     text sorts), newest first, then by number. */
  function older(a, d) {
    var t = a.querySelector("p.meta time");
    var at = t ? t.getAttribute("datetime") : "";
    if (at !== d.at) return at < d.at;
    return +a.id.slice(1) < d.number;
  }

  function place(d) {
    var old = document.getElementById("u" + d.number);
    var el = frag(d.html);
    if (keyOnly && !d.key) {
      if (old) old.remove();
      return;
    }
    if (old && old.classList.contains("pinned") === d.pinned) {
      old.replaceWith(el);
      return;
    }
    if (old) old.remove();
    if (d.pinned) {
      hook.parentNode.insertBefore(el, document.querySelector("nav.filters"));
      return;
    }
    var sec = document.getElementById("day-" + d.day);
    if (!sec) {
      sec = frag(d.section);
      var after = hook;
      var days = document.querySelectorAll("section.day");
      for (var i = 0; i < days.length; i++)
        if (+days[i].id.slice(4) > d.day) after = days[i];
      after.parentNode.insertBefore(sec, after.nextSibling);
    }
    var arts = sec.querySelectorAll("article"), before = null;
    for (var j = 0; j < arts.length && !before; j++)
      if (older(arts[j], d)) before = arts[j];
    sec.insertBefore(el, before);
    var none = document.querySelector("p.none");
    if (none) none.remove();
  }

  function flush() {
    queue.splice(0).forEach(place);
    if (bar) bar.hidden = true;
  }

  function showBar() {
    if (!bar) {
      bar = document.createElement("button");
      bar.className = "newbar";
      bar.type = "button";
      bar.addEventListener("click", function () {
        flush();
        hook.scrollIntoView();
      });
      document.body.appendChild(bar);
    }
    /* The words the page's language gives; the count in its digits. */
    var words = hook.getAttribute("data-newbar") || "New updates: %s";
    var n = String(queue.length);
    try {
      n = new Intl.NumberFormat(document.documentElement.lang).format(n);
    } catch (e) { /* an unknown language: Latin digits */ }
    bar.textContent = words.replace("%s", n);
    bar.hidden = false;
  }

  var es = new EventSource(hook.getAttribute("data-stream"));
  es.addEventListener("update", function (e) {
    var d = JSON.parse(e.data);
    var known = document.getElementById("u" + d.number);
    if (known || !away()) return place(d);
    queue.push(d);
    showBar();
  });
  es.addEventListener("figures", function (e) {
    var box = document.querySelector("section.highlights");
    if (box) box.replaceWith(frag(JSON.parse(e.data).html));
  });
  es.addEventListener("day", function (e) {
    var d = JSON.parse(e.data), line = document.querySelector(".dayline");
    if (line) line.textContent = d.dayline;
    if (d.title) document.title = d.title;
  });
  es.addEventListener("tracker", function () { location.reload(); });
  es.addEventListener("reload", function () { location.reload(); });
  window.addEventListener("scroll", function () {
    if (queue.length && !away()) flush();
  }, { passive: true });
})();

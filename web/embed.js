/* embed.js: for a page that frames a Vigil tracker
   (<iframe src="https://VIGIL/t/SLUG/embed">): sizes each such frame to
   its content, from the height the embedded page posts. Only messages
   from the Vigil origin this script was loaded from count. */
(function () {
  "use strict";
  var s = document.currentScript;
  if (!s || !window.URL) return;
  var origin = new URL(s.src).origin;
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.origin !== origin || !d || d.vigil !== "height") return;
    var h = Math.ceil(+d.height);
    if (!(h > 0 && h < 1e5)) return;
    var f = document.getElementsByTagName("iframe");
    for (var i = 0; i < f.length; i++)
      if (f[i].contentWindow === e.source) f[i].style.height = h + "px";
  });
})();

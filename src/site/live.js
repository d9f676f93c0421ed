// Added by `guifan serve` to the pages it sends (never written to disk):
// reloads the page after a rebuild, shows the diagnostics of a failed one.
(function () {
  "use strict";
  var seen = Number(new URL(document.currentScript.src).searchParams.get("g"));
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "guifan-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:1000;" +
        "background:#fff;color:#1b1f24;border-top:4px solid #b3261e;padding:1rem;box-shadow:0 -2px 8px #0003";
      document.body.appendChild(box);
    }
    box.replaceChildren();
    var pre = document.createElement("pre");
    pre.textContent = text;
    box.appendChild(pre);
  }
  function poll() {
    fetch("/__guifan/state", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.generation !== seen) { location.reload(); return; }
        if (state.error) { show(state.error); } else if (box) { box.remove(); box = null; }
      })
      .catch(function () { /* server restarting: try again */ })
      .finally(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 1000);
})();

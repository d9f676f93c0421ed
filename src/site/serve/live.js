// Added by `guifan serve` to the pages it sends (never written to disk):
// reloads the page as soon as a build ends (server-sent events), and shows
// the diagnostics of a failed build over the page, until they are fixed or
// the reader closes them (the button, or Esc).
(function () {
  "use strict";
  var seen = Number(new URL(document.currentScript.src).searchParams.get("g"));
  var zh = /^zh/i.test(document.documentElement.lang || "zh");
  var words = zh
    ? { title: "构建失败：规范有错误，仍显示上次成功构建的站点", close: "关闭" }
    : { title: "Build failed: the spec has errors; the last good site is shown", close: "Close" };
  var box = null;
  var dismissed = null;

  function close() {
    if (box) { box.remove(); box = null; }
  }

  function show(text) {
    if (text === dismissed) { return; }
    close();
    // A labelled region; the alert inside it is announced, the button is
    // outside the alert (alerts hold no controls).
    box = document.createElement("section");
    box.id = "guifan-build-error";
    box.setAttribute("aria-labelledby", "guifan-build-error-title");
    box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:1000;" +
      "background:#fff;color:#1b1f24;border-top:4px solid #b3261e;padding:1rem;box-shadow:0 -2px 8px #0003";
    var head = document.createElement("div");
    head.style.cssText = "display:flex;gap:1rem;align-items:baseline;justify-content:space-between";
    var title = document.createElement("h2");
    title.id = "guifan-build-error-title";
    title.style.cssText = "margin:0;font-size:1rem;color:#b3261e";
    title.textContent = words.title;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = words.close;
    button.title = words.close + " (Esc)";
    button.setAttribute("aria-keyshortcuts", "Escape");
    button.style.cssText = "font:inherit;padding:.25rem .75rem;cursor:pointer";
    button.addEventListener("click", function () { dismissed = text; close(); });
    head.append(button);
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0";
    pre.textContent = text;
    var alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    alert.style.cssText = "flex:1;min-width:0";
    alert.append(title, pre);
    head.prepend(alert);
    box.append(head);
    document.body.appendChild(box);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box) { box.querySelector("button").click(); }
  });

  var events = new EventSource("/__guifan/events");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (state.generation !== seen) { events.close(); location.reload(); return; }
    if (state.error) { show(state.error); } else { dismissed = null; close(); }
  };
  // On an error (the server restarting) EventSource connects again by itself.
})();

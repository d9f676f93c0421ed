// Zoom for the flow diagrams. A diagram keeps its natural size (readable on
// a phone, its frame scrolls sideways, the page does not); these buttons
// scale it: − and + by steps, "fit" to the frame's width. Without script the
// buttons stay hidden and the diagram shows at its natural size. No server,
// no dependency: works from file://.
(function () {
  "use strict";
  var STEPS = [0.25, 0.33, 0.5, 0.67, 0.8, 1, 1.25, 1.5, 2];
  var MIN = STEPS[0], MAX = STEPS[STEPS.length - 1];

  function setUp(section) {
    var bar = section.querySelector(".diagram-zoom");
    var frame = section.querySelector(".diagram-frame");
    var svg = frame && frame.querySelector("svg");
    var box = svg && svg.viewBox && svg.viewBox.baseVal;
    if (!bar || !box || !box.width) return;
    var shown = bar.querySelector("output");
    var scale = 1;

    function apply(s) {
      scale = Math.min(MAX, Math.max(MIN, s));
      svg.setAttribute("width", String(Math.round(box.width * scale)));
      svg.setAttribute("height", String(Math.round(box.height * scale)));
      if (shown) shown.textContent = Math.round(scale * 100) + "%";
    }
    // The scale at which the whole width shows, never above natural size.
    function fit() {
      var style = window.getComputedStyle(frame);
      var room = frame.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return Math.min(1, room / box.width);
    }
    function next(up) {
      var eps = 0.001;
      var list = up ? STEPS : STEPS.slice().reverse();
      for (var i = 0; i < list.length; i++) {
        if (up ? list[i] > scale + eps : list[i] < scale - eps) return list[i];
      }
      return up ? MAX : MIN;
    }
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) return;
      var what = button.getAttribute("data-zoom");
      apply(what === "fit" ? fit() : next(what === "in"));
    });
    apply(1);
    bar.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".diagram"), setUp);
})();

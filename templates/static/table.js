// Sortable, filterable tables without a server: the table is complete in
// the HTML; this only hides rows and reorders them. Works from file://.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? Infinity : "";
    if (numeric) {
      var v = cell.getAttribute("data-value");
      return v === null || v === "" ? Infinity : parseFloat(v);
    }
    return cell.textContent.trim();
  }
  function makeSortable(table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.getAttribute("data-sort") === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var c = numeric ? (x === y ? 0 : x < y ? -1 : 1) : x.localeCompare(y, "zh-CN");
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function makeFilterable(tools) {
    var table = document.getElementById(tools.getAttribute("data-table"));
    if (!table) return;
    var text = tools.querySelector(".table-filter");
    var kind = tools.querySelector(".table-kind");
    var count = tools.querySelector(".table-count");
    var params = new URLSearchParams(window.location.search);
    if (kind && params.get("kind")) kind.value = params.get("kind");
    if (text && params.get("q")) text.value = params.get("q");
    function apply() {
      var words = (text ? text.value : "").toLowerCase().split(/\s+/).filter(Boolean);
      var k = kind ? kind.value : "";
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], content = row.textContent.toLowerCase();
        var ok = (!k || row.getAttribute("data-kind") === k) &&
          words.every(function (w) { return content.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + " / " + rows.length;
    }
    if (text) text.addEventListener("input", apply);
    if (kind) kind.addEventListener("change", apply);
    tools.hidden = false;
    apply();
  }
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll(".table-tools").forEach(makeFilterable);
})();

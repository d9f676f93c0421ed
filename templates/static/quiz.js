// The quiz player: the quiz grades itself in the page, no server, no network
// (works from file://). Shared by `guifan quiz --format html` (inlined) and
// the site's practice quizzes (static/quiz.js). The page holds the quiz as
// JSON in #quiz-data ({site, questions}) and its words as data-* attributes
// of #questions (data-right, data-wrong, data-source, data-score,
// data-choose, data-submit), so the page's language is the page's business.
(function () {
  "use strict";
  var quiz = JSON.parse(document.getElementById("quiz-data").textContent);
  var list = document.getElementById("questions");
  var words = list.dataset;
  var score = document.getElementById("score");
  var state;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shuffled(items) {
    var a = items.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  function feedback(q, right) {
    var box = el("div", { "class": "feedback" + (right ? "" : " wrong") });
    box.appendChild(el("span", { "class": "verdict" }, right ? words.right : words.wrong));
    box.appendChild(el("p", {}, q.explanation));
    if (q.citation) {
      var p = el("p", {}, words.source);
      var title = "《" + q.citation.standard_title + "》" + q.citation.clause + (q.citation.clause_title ? " " + q.citation.clause_title : "");
      p.appendChild(el("a", { "class": "clause", href: quiz.site + q.citation.page }, title));
      box.appendChild(p);
    }
    return box;
  }

  function answered(section, q, right) {
    state.done += 1;
    if (right) state.right += 1;
    section.appendChild(feedback(q, right));
    section.setAttribute("data-result", right ? "right" : "wrong");
    if (state.done === state.total) {
      score.textContent = words.score + state.right + " / " + state.total;
    }
  }

  function choice(section, q, order) {
    order.forEach(function (k) {
      var b = el("button", { "class": "opt", type: "button", "data-option": String(k) }, q.options[k]);
      b.addEventListener("click", function () {
        var right = k === q.answer;
        section.querySelectorAll(".opt").forEach(function (o) {
          o.disabled = true;
          if (Number(o.getAttribute("data-option")) === q.answer) o.classList.add("right");
        });
        if (!right) b.classList.add("wrong");
        answered(section, q, right);
      });
      section.appendChild(b);
    });
  }

  function matching(section, q, order) {
    var answers = shuffled(q.pairs.map(function (p) { return p.answer; }));
    var selects = [];
    order.forEach(function (k, n) {
      var row = el("div", { "class": "pair" });
      var id = q.id + "-" + n;
      row.appendChild(el("label", { "for": id }, q.pairs[k].prompt));
      var s = el("select", { id: id, "data-pair": String(k) });
      s.appendChild(el("option", { value: "" }, words.choose));
      answers.forEach(function (a) { s.appendChild(el("option", { value: a }, a)); });
      row.appendChild(s);
      section.appendChild(row);
      selects.push(s);
    });
    var submit = el("button", { "class": "opt submit", type: "button" }, words.submit);
    submit.addEventListener("click", function () {
      var right = selects.every(function (s) { return s.value === q.pairs[Number(s.getAttribute("data-pair"))].answer; });
      selects.forEach(function (s) { s.disabled = true; });
      submit.disabled = true;
      answered(section, q, right);
    });
    section.appendChild(submit);
  }

  function render(shuffle) {
    state = { done: 0, right: 0, total: quiz.questions.length };
    score.textContent = "";
    list.textContent = "";
    var questions = shuffle ? shuffled(quiz.questions) : quiz.questions;
    questions.forEach(function (q, n) {
      var section = el("section", { "class": "q", "data-id": q.id });
      section.appendChild(el("h2", {}, (n + 1) + ". " + q.stem));
      var count = q.form === "matching" ? q.pairs.length : q.options.length;
      var order = [];
      for (var i = 0; i < count; i++) order.push(i);
      if (shuffle && q.form !== "true_false") order = shuffled(order);
      if (q.form === "matching") matching(section, q, order); else choice(section, q, order);
      list.appendChild(section);
    });
  }

  document.getElementById("retry").addEventListener("click", function () { render(true); });
  render(false);
})();

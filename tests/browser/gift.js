// Parse a GIFT file guifan wrote with the npm package gift-pegjs (an
// independent GIFT parser) and compare it with the same quiz's JSON: the
// same questions, in the same categories, with the same right answers.
// Run by tests/quiz.rs: node gift.js QUIZ.gift QUIZ.json
'use strict';

const fs = require('node:fs');
const { parse } = require('gift-pegjs');

const [giftFile, jsonFile] = process.argv.slice(2);
const quiz = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
const items = parse(fs.readFileSync(giftFile, 'utf8'));
const problems = [];
const byId = new Map(quiz.questions.map((q) => [q.id, q]));
const parsed = items.filter((i) => i.type !== 'Category');
if (parsed.length !== quiz.questions.length) {
  problems.push(`${parsed.length} questions in GIFT, ${quiz.questions.length} in JSON`);
}
if (!items.some((i) => i.type === 'Category')) problems.push('no $CATEGORY');
for (const g of parsed) {
  const q = byId.get(g.title);
  if (!q) {
    problems.push(`GIFT question ${g.title} is not in the JSON`);
    continue;
  }
  byId.delete(g.title);
  if (g.stem.text !== q.stem) problems.push(`${q.id}: stem ${JSON.stringify(g.stem.text)}`);
  if (q.form === 'single') {
    const right = g.choices.filter((c) => c.isCorrect).map((c) => c.text.text);
    const texts = g.choices.map((c) => c.text.text);
    if (g.type !== 'MC' || right.length !== 1 || right[0] !== q.options[q.answer]) {
      problems.push(`${q.id}: right ${JSON.stringify(right)}, JSON says ${JSON.stringify(q.options[q.answer])}`);
    }
    if (JSON.stringify(texts) !== JSON.stringify(q.options)) problems.push(`${q.id}: options ${JSON.stringify(texts)}`);
  } else if (q.form === 'true_false') {
    if (g.type !== 'TF' || g.isTrue !== (q.answer === 0)) problems.push(`${q.id}: TF ${g.isTrue}`);
  } else {
    const pairs = (g.matchPairs || []).map((p) => [p.subquestion.text, p.subanswer]);
    const want = q.pairs.map((p) => [p.prompt, p.answer]);
    if (g.type !== 'Matching' || JSON.stringify(pairs) !== JSON.stringify(want)) {
      problems.push(`${q.id}: pairs ${JSON.stringify(pairs)}`);
    }
  }
  if (!g.globalFeedback || !g.globalFeedback.text.startsWith(q.explanation)) {
    problems.push(`${q.id}: feedback ${JSON.stringify(g.globalFeedback)}`);
  }
}
for (const id of byId.keys()) problems.push(`${id} is missing from the GIFT file`);
for (const p of problems) console.log(`FAIL ${p}`);
console.log(`${parsed.length} GIFT questions checked against the JSON, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);

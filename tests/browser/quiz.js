// The self-grading quiz page (guifan quiz --format html) in headless
// Chromium, opened from file:// with no server: all answers right give a
// full score; one wrong answer shows the explanation and the clause link.
// Run by tests/quiz.rs: node quiz.js QUIZ.html
'use strict';

const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { assert, launch, runChecks, waitFor } = require('./lib');

const file = process.argv[2];
if (!file) {
  console.error('usage: node quiz.js QUIZ.html');
  process.exit(2);
}
const url = pathToFileURL(path.resolve(file)).href;

// Answer every question as the quiz's own data says, except the first that
// `wrongly(q)` picks (answered wrongly); returns the quiz and the score line.
async function answerAll(page, wrongly) {
  await page.goto(url);
  const quiz = await page.evaluate(() => JSON.parse(document.getElementById('quiz-data').textContent));
  const wrongAt = quiz.questions.findIndex(wrongly);
  for (const [n, q] of quiz.questions.entries()) {
    const section = page.locator(`section.q[data-id="${q.id}"]`);
    const wrong = n === wrongAt;
    if (q.form === 'matching') {
      const selects = section.locator('select');
      for (let k = 0; k < q.pairs.length; k++) {
        const s = selects.nth(k);
        const pair = q.pairs[Number(await s.getAttribute('data-pair'))];
        const other = q.pairs.find((p) => p.answer !== pair.answer);
        await s.selectOption(wrong && k === 0 ? other.answer : pair.answer);
      }
      await section.locator('button.submit').click();
    } else {
      const pick = wrong ? (q.answer + 1) % q.options.length : q.answer;
      await section.locator(`button.opt[data-option="${pick}"]`).click();
    }
    const result = await section.getAttribute('data-result');
    assert(result === (wrong ? 'wrong' : 'right'), `question ${n + 1} (${q.id}) graded ${result}`);
  }
  return { quiz, score: await waitFor(page, () => document.getElementById('score').textContent) };
}

(async () => {
  const browser = await launch();
  const failed = await runChecks(browser, [
    ['all answers right give a full score', async (page, note) => {
      const { quiz, score } = await answerAll(page, () => false);
      const n = quiz.questions.length;
      assert(score === `得分：${n} / ${n}`, `score line: ${score}`);
      note(score);
    }],
    ['a wrong answer shows the explanation and the clause link', async (page, note) => {
      const { quiz, score } = await answerAll(page, (q) => q.citation && q.form === 'single');
      const n = quiz.questions.length;
      assert(score === `得分：${n - 1} / ${n}`, `score line: ${score}`);
      const q = quiz.questions.find((x) => x.citation && x.form === 'single');
      const box = page.locator(`section.q[data-id="${q.id}"] .feedback`);
      const text = await box.textContent();
      assert(text.includes('回答错误') && text.includes(q.explanation), `feedback: ${text}`);
      const href = await box.locator('a.clause').getAttribute('href');
      assert(href === quiz.site + q.citation.page, `clause link ${href}`);
      assert(href.includes('#clause-'), `not a clause anchor: ${href}`);
      note(`${q.id} answered wrongly: clause link ${href}`);
    }],
    ['retry in a new order starts again with every question', async (page) => {
      await answerAll(page, () => false);
      await page.click('#retry');
      const state = await page.evaluate(() => ({
        questions: document.querySelectorAll('section.q').length,
        answered: document.querySelectorAll('section.q[data-result]').length,
        score: document.getElementById('score').textContent,
      }));
      const quiz = await page.evaluate(() => JSON.parse(document.getElementById('quiz-data').textContent));
      assert(state.questions === quiz.questions.length && state.answered === 0 && state.score === '', JSON.stringify(state));
    }],
  ]);
  await browser.close();
  process.exit(failed ? 1 : 0);
})();

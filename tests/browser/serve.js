// `guifan serve` in headless Chromium: an open page reloads by itself when
// an edit is built; a broken edit shows the diagnostics over the page, in
// an overlay that axe-core finds no violation in and that the close
// button, or Esc, removes; a fix reloads the page. Run by tests/serve.rs
// with the served address and the spec file to edit.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { assert, launch } = require('./lib');

const [base, file] = process.argv.slice(2);
if (!base || !file) {
  console.error(`usage: node ${path.basename(process.argv[1])} BASE_URL SPEC_FILE (a limits.yaml with "duration: 15秒")`);
  process.exit(2);
}
setTimeout(() => {
  console.error('FAIL: gave up after 120 s');
  process.exit(1);
}, 120_000).unref();

const good = fs.readFileSync(file, 'utf8');
const BUILD_MS = 60_000; // a debug build of the test site on a busy machine
const OVERLAY = '#guifan-build-error';

// Write `text` to the spec file and wait until the page has reloaded.
async function editAndReload(page, text) {
  const reloaded = page.waitForEvent('load', { timeout: BUILD_MS });
  fs.writeFileSync(file, text);
  await reloaded;
}

// Break the spec: a role whose parent, `name`, does not exist.
async function breakSpec(page, name) {
  fs.writeFileSync(file, `${good}\nroles:\n  - { id: orphan, title: x, parent: ${name} }\n`);
  await page.locator(OVERLAY).waitFor({ timeout: BUILD_MS });
}

async function axe(page) {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate(async (selector) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run({ include: [selector] });
    return r.violations.map((v) => `${v.id}: ${v.help}`);
  }, OVERLAY);
  assert(result.length === 0, `axe: ${result.join('; ')}`);
}

const checks = [
  ['an edit reloads the open page; a broken one shows a closable overlay', async (page, note) => {
    await page.goto(`${base}/roles/agent.html`);
    await editAndReload(page, good.replace('duration: 15秒', 'duration: 18秒'));
    assert((await page.content()).includes('18秒'), 'the reloaded page shows the edit');
    note('reloaded with the edit');

    await breakSpec(page, 'broken-one');
    const overlay = page.locator(OVERLAY);
    assert((await overlay.locator('[role=alert]').innerText()).includes('E005'), 'the diagnostics are shown');
    await axe(page);
    await page.getByRole('button', { name: '关闭' }).click();
    assert(await overlay.count() === 0, 'the button closes the overlay');
    note('overlay shown, closed by its button');

    await breakSpec(page, 'broken-two');
    await page.keyboard.press('Escape');
    assert(await overlay.count() === 0, 'Esc closes the overlay');
    note('shown again for a new error, closed by Esc');

    await editAndReload(page, good);
    assert((await page.content()).includes('15秒'), 'the fix is shown');
    note('the fix reloaded the page');
  }],
];

// The page's console errors and uncaught exceptions; the event stream a
// reload cuts off is not one.
(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('console', (msg) => msg.type() === 'error' && problems.push(`console error: ${msg.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught ${e}`));
  let failed = 0;
  for (const [name, check] of checks) {
    const notes = [];
    try {
      await check(page, (line) => notes.push(line));
    } catch (e) {
      problems.push(e.message.split('\n')[0]);
    }
    failed += problems.length > 0;
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`);
    for (const line of [...notes, ...problems]) console.log(`     ${line}`);
  }
  await browser.close();
  fs.writeFileSync(file, good);
  process.exit(failed ? 1 : 0);
})();

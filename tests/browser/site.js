// What a trainee does in the built site, in headless Chromium: search
// (keyboard and mouse, Simplified and Traditional Chinese), follow a flow
// diagram's step boxes, sort and filter the limit table. Over file:// (the
// site opened from a USB stick) and over http from a sub-path. Any console
// error, uncaught exception or failed request fails the check that caused it.
//
//   node site.js SITE_DIR
'use strict';

const { assert, fileBase, launch, runChecks, serve, setup, waitFor } = require('./lib');

// Terms of the test site (tests/test_site/spec/) and the page each must lead to.
const SIMPLIFIED = { query: '话务员', page: 'roles/agent.html', heading: '话务员' };
// 故障修复流程 written in Traditional characters.
const TRADITIONAL = { query: '故障修復流程', page: 'flows/fault-repair.html', heading: '故障修复流程' };
const FLOW = 'flows/complaint-handling.html';

const OPTIONS = '[role=listbox] [role=option]';
// A result's link: inside the option, or the option itself.
const LINKS = '[role=listbox] [role=option] a[href], [role=listbox] a[role=option][href]';

// The search results on screen: for each option, whether it is the selected
// one, the page its link opens (without #fragment), its text and whether it
// highlights a match.
function results(page) {
  return page.evaluate((selector) => {
    const input = document.getElementById('search-input');
    const active = input && input.getAttribute('aria-activedescendant');
    return Array.from(document.querySelectorAll(selector))
      .filter((o) => o.getClientRects().length > 0)
      .map((o) => {
        const a = o.matches('a[href]') ? o : o.querySelector('a[href]');
        return {
          selected: (active && o.id === active) || o.getAttribute('aria-selected') === 'true',
          page: a ? a.href.replace(/[#?].*$/, '') : null,
          text: o.textContent.replace(/\s+/g, ' ').trim(),
          marked: o.querySelector('mark') !== null,
        };
      });
  }, OPTIONS);
}

function describe(list) {
  if (list.length === 0) return 'no visible [role=listbox] [role=option]';
  return `results: ${list.map((r) => `${r.text} → ${r.page || '(no <a href>)'}`).join(' | ')}`;
}

// Wait until a visible result links to `url`; return all results.
async function resultsLeadingTo(page, query, url) {
  const found = await waitFor(
    page,
    ([selector, want]) =>
      Array.from(document.querySelectorAll(selector)).some(
        (a) => a.getClientRects().length > 0 && a.href.replace(/[#?].*$/, '') === want,
      ),
    [LINKS, url],
  );
  const list = await results(page);
  assert(found, `searching ${query}: no result opens ${url}; ${describe(list)}`);
  return list;
}

async function expectPage(page, url, heading) {
  await page.waitForURL((u) => u.href.replace(/#.*$/, '') === url).catch(() => {});
  assert(page.url().replace(/#.*$/, '') === url, `expected to open ${url}, but the browser shows ${page.url()}`);
  const h1 = (await page.locator('h1').first().textContent()).trim();
  assert(h1 === heading, `${url}: heading is ${h1}, expected ${heading}`);
}

// `/` focuses the search box, the query is typed, ArrowDown/ArrowUp move the
// selection, Enter opens the selected result.
async function searchWithKeyboard(page, base) {
  const { query, page: target, heading } = SIMPLIFIED;
  const want = base + target;
  await page.goto(base + 'index.html');
  await page.locator('body').press('/');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  assert(focused === 'search-input', `pressing / focuses ${focused || 'nothing'}, not #search-input`);
  await page.keyboard.type(query);
  const value = await page.locator('#search-input').inputValue();
  assert(value === query, `the search box holds "${value}" after typing / and ${query}`);
  const list = await resultsLeadingTo(page, query, want);
  assert(list.some((r) => r.marked), `searching ${query}: no result highlights the match with <mark>; ${describe(list)}`);

  const selected = async () => (await results(page)).findIndex((r) => r.selected);
  const selectedPage = async () => (await results(page)).find((r) => r.selected)?.page;
  await page.keyboard.press('ArrowDown');
  const first = await selected();
  assert(first >= 0, 'ArrowDown selects no result (no aria-activedescendant on the box, no aria-selected="true")');
  if (list.length > 1) {
    await page.keyboard.press('ArrowDown');
    const second = await selected();
    assert(second !== first, `a second ArrowDown leaves result ${first} selected`);
    await page.keyboard.press('ArrowUp');
    const back = await selected();
    assert(back === first, `ArrowUp after ArrowDown selects result ${back}, expected ${first}`);
  }
  for (let i = 0; i <= list.length && (await selectedPage()) !== want; i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert((await selectedPage()) === want, `ArrowDown never selects the result that opens ${want}`);
  await page.keyboard.press('Enter');
  await expectPage(page, want, heading);
}

// From a page one folder down, a query in Traditional characters finds the
// page written in Simplified ones; a click on the result opens it.
async function searchTraditionalWithMouse(page, base) {
  const { query, page: target, heading } = TRADITIONAL;
  const want = base + target;
  await page.goto(base + SIMPLIFIED.page);
  await page.locator('#search-input').click();
  await page.locator('#search-input').fill(query);
  await resultsLeadingTo(page, query, want);
  const links = page.locator(LINKS);
  const index = await links.evaluateAll(
    (as, u) => as.findIndex((a) => a.getClientRects().length > 0 && a.href.replace(/[#?].*$/, '') === u),
    want,
  );
  await links.nth(index).click();
  await expectPage(page, want, heading);
}

// The flow's diagram is an inline SVG with a title; its step boxes are links
// to the steps below, and clicking one scrolls to that step.
async function flowDiagram(page, base) {
  const url = base + FLOW;
  await page.goto(url);
  const svg = page.locator('.diagram-frame svg');
  assert((await svg.count()) === 1, `${FLOW}: ${await svg.count()} <svg> in .diagram-frame, expected 1`);
  const facts = await svg.evaluate((s) => ({
    title: (s.querySelector(':scope > title') || { textContent: '' }).textContent.trim(),
    links: Array.from(s.querySelectorAll('a')).map((a) => a.getAttribute('href') || a.getAttribute('xlink:href')),
    width: s.getBoundingClientRect().width,
  }));
  assert(facts.title, `${FLOW}: the diagram has no <title>`);
  assert(facts.width > 0, `${FLOW}: the diagram is not displayed`);
  const steps = facts.links.filter((h) => h && h.startsWith('#step-'));
  assert(steps.length > 0, `${FLOW}: no <a href="#step-…"> in the diagram (links: ${facts.links.join(', ')})`);
  const missing = await page.evaluate((ids) => ids.filter((h) => !document.getElementById(h.slice(1))), steps);
  assert(missing.length === 0, `${FLOW}: diagram links to missing steps: ${missing.join(', ')}`);

  const target = steps[steps.length - 1];
  await svg.locator('a').nth(facts.links.lastIndexOf(target)).click();
  await page.waitForURL((u) => u.href === url + target).catch(() => {});
  assert(page.url() === url + target, `clicking the box of ${target} leads to ${page.url()}`);
  const landed = await page.evaluate(() => {
    const t = document.querySelector(':target');
    return t && { id: t.id, step: t.classList.contains('step'), top: t.getBoundingClientRect().top };
  });
  assert(landed && landed.step, `after clicking ${target}, no step is the :target`);
  const height = await page.evaluate(() => window.innerHeight);
  assert(landed.top >= -1 && landed.top < height, `step ${landed.id} is not scrolled into view (top ${landed.top})`);
}

// Sorting by the normalised duration orders the rows by it, both ways;
// filtering by a word and by kind hides the other rows and counts the rest.
async function limitTable(page, base) {
  await page.goto(base + 'limits.html');
  await page.locator('.table-tools').waitFor({ state: 'visible' }).catch(() => {});
  assert(await page.locator('.table-tools').isVisible(), 'limits.html: the filter tools stay hidden (table.js did not run)');
  const rows = page.locator('#limit-table tbody tr');
  const total = await rows.count();
  const visibleValues = () =>
    page.$$eval('#limit-table tbody tr:not([hidden])', (trs) =>
      trs
        .map((tr) => {
          // The normalised column, wherever the theme puts it.
          const heads = Array.from(tr.closest('table').tHead.rows[0].cells);
          return tr.cells[heads.findIndex((th) => th.dataset.sort === 'number')].getAttribute('data-value');
        })
        .filter((v) => v)
        .map(Number),
    );
  const header = page.locator('#limit-table th[data-sort=number]');
  for (const order of ['ascending', 'descending']) {
    await header.locator('button').click();
    const sort = await header.getAttribute('aria-sort');
    assert(sort === order, `limits.html: clicking the header sets aria-sort=${sort}, expected ${order}`);
    const values = await visibleValues();
    const sorted = [...values].sort((a, b) => (order === 'ascending' ? a - b : b - a));
    assert(values.length > 1, 'limits.html: fewer than 2 rows with a normalised duration');
    assert(values.join() === sorted.join(), `limits.html: rows not in ${order} order of duration: ${values.join(', ')}`);
  }

  const word = '投诉';
  await page.locator('.table-filter').fill(word);
  const shown = await page.$$eval('#limit-table tbody tr:not([hidden])', (trs) => trs.map((tr) => tr.textContent));
  assert(shown.length > 0 && shown.length < total, `limits.html: filtering by ${word} shows ${shown.length} of ${total} rows`);
  assert(shown.every((t) => t.includes(word)), `limits.html: filtering by ${word} shows rows without it`);
  const count = (await page.locator('.table-count').textContent()).trim();
  assert(count === `${shown.length} / ${total}`, `limits.html: the count says "${count}", ${shown.length} of ${total} rows are shown`);

  await page.locator('.table-filter').fill('');
  const kind = await page.locator('.table-kind option:not([value=""])').first().getAttribute('value');
  await page.locator('.table-kind').selectOption(kind);
  const kinds = await page.$$eval('#limit-table tbody tr:not([hidden])', (trs) => trs.map((tr) => tr.dataset.kind));
  assert(kinds.length > 0 && kinds.length < total, `limits.html: kind ${kind} shows ${kinds.length} of ${total} rows`);
  assert(kinds.every((k) => k === kind), `limits.html: kind ${kind} also shows rows of kind ${[...new Set(kinds)]}`);
}

// Printed (A4 width at 96 dpi): no navigation chrome, the diagram starts a
// page and fits its width, links show where they lead.
async function printView(page, base) {
  await page.setViewportSize({ width: 718, height: 1047 });
  await page.emulateMedia({ media: 'print' });
  await page.goto(base + FLOW);
  const facts = await page.evaluate(() => {
    const svg = document.querySelector('.diagram-frame svg');
    const link = document.querySelector('main dl.facts a[href]:not([href^="#"])');
    return {
      header: getComputedStyle(document.querySelector('.site-header')).display,
      search: getComputedStyle(document.querySelector('#search-input')).display === 'none' ||
        document.querySelector('#search-input').getClientRects().length === 0,
      breakBefore: getComputedStyle(document.querySelector('.diagram')).breakBefore,
      svgWidth: svg.getBoundingClientRect().width,
      mainWidth: document.querySelector('main').getBoundingClientRect().width,
      after: link ? getComputedStyle(link, '::after').content : '',
      href: link ? link.getAttribute('href') : '',
    };
  });
  assert(facts.header === 'none' && facts.search, `${FLOW} printed: the header is shown (display ${facts.header})`);
  assert(facts.breakBefore === 'page', `${FLOW} printed: the diagram does not start a page (break-before ${facts.breakBefore})`);
  assert(facts.svgWidth > 0 && facts.svgWidth <= facts.mainWidth + 1, `${FLOW} printed: diagram ${facts.svgWidth}px wide, page ${facts.mainWidth}px`);
  assert(facts.after.includes(facts.href), `${FLOW} printed: a link shows ${facts.after}, not its target ${facts.href}`);
}

function checksAt(label, base) {
  return [
    [`${label} search ${SIMPLIFIED.query} with / ArrowDown Enter → ${SIMPLIFIED.page}`, (p) => searchWithKeyboard(p, base)],
    [`${label} search ${TRADITIONAL.query} and click → ${TRADITIONAL.page}`, (p) => searchTraditionalWithMouse(p, base)],
    [`${label} diagram of ${FLOW}: svg, title, step links`, (p) => flowDiagram(p, base)],
    [`${label} limits.html sorts and filters`, (p) => limitTable(p, base)],
    [`${label} ${FLOW} printed`, (p) => printView(p, base)],
  ];
}

async function main() {
  const dir = setup();
  const server = await serve(dir, '/some/sub/path/');
  const browser = await launch();
  let failed;
  try {
    failed = await runChecks(browser, [...checksAt('file://', fileBase(dir)), ...checksAt('http sub-path', server.base)]);
  } finally {
    await browser.close();
    await server.close();
  }
  if (failed) {
    console.log(`${failed} browser check(s) failed`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// The trainee's queries (tests/search/trainee_queries.tsv) run through the
// site's real search.js in headless Chromium, from file://, on a built site
// (the bundled spec, by tests/bundled.rs). Every query must find its page
// among the results (paging through "显示更多" as a reader would), at least
// 90 % of them in the top 3. Then the widget as a reader sees it: a count,
// each result's page type and standard, a highlighted Chinese snippet, and
// "显示更多" adding results.
// Usage: node trainee.js SITE_DIR QUERIES.tsv
'use strict';

const fs = require('node:fs');
const { assert, fileBase, launch, runChecks, setup, waitFor } = require('./lib');

const TOP = 3;
const TOP_SHARE = 0.9;
// Results a query may page through to find its page.
const MAX_RESULTS = 500;

function queries(file) {
  return fs.readFileSync(file, 'utf8').split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [query, wanted, why] = line.split('\t');
      return { query, wanted: wanted.split(' | ').map((w) => w.trim()), why };
    });
}

// The rank (1-based) of the first wanted page among a query's results, or 0.
async function rankOf(page, q) {
  return page.evaluate(async ({ query, wanted, max }) => {
    const found = await window.__guifanSearch.search(query);
    const urls = found.results.map((r) => r.url);
    while (!urls.some((u) => wanted.includes(u)) && found.more && urls.length < max) {
      const more = await found.next();
      if (!more.length && !found.more) break;
      urls.push(...more.map((r) => r.url));
    }
    return { rank: urls.findIndex((u) => wanted.includes(u)) + 1, total: found.total, top: urls.slice(0, 3) };
  }, { query: q.query, wanted: q.wanted, max: MAX_RESULTS });
}

async function everyQuery(page, base, list, note) {
  await page.goto(base + 'index.html');
  await waitFor(page, () => !!(window.__guifanSearch && window.__guifanSearch.search));
  let top = 0;
  const missed = [];
  for (const q of list) {
    const r = await rankOf(page, q);
    if (r.rank >= 1 && r.rank <= TOP) top += 1;
    if (r.rank === 0 || r.rank > TOP) {
      note(`${q.query}: wanted ${q.wanted[0]} at ${r.rank || 'none'} of ${r.total}; top: ${r.top.join(', ')}`);
    }
    if (r.rank === 0) missed.push(q.query);
  }
  const share = top / list.length;
  note(`top ${TOP}: ${top} of ${list.length} (${(100 * share).toFixed(1)} %); among results: ${list.length - missed.length} of ${list.length}`);
  assert(missed.length === 0, `not found at all: ${missed.join(', ')}`);
  assert(share >= TOP_SHARE, `only ${(100 * share).toFixed(1)} % in the top ${TOP}`);
}

// The widget: type a query, read what a reader sees.
async function widget(page, base, query, note) {
  await page.goto(base + 'index.html');
  await page.locator('#search-input').fill(query);
  const seen = await waitFor(page, () => {
    const items = Array.from(document.querySelectorAll('#search-results .search-result'));
    if (!items.length) return null;
    return {
      count: document.getElementById('search-count').textContent,
      more: !document.getElementById('search-more').hidden,
      items: items.map((a) => ({
        kind: a.querySelector('.search-kind').textContent,
        standard: (a.querySelector('.search-standard') || {}).textContent || '',
        marked: !!a.querySelector('mark'),
        snippet: a.querySelector('.search-snippet').textContent,
      })),
    };
  });
  assert(seen, `searching ${query} shows no result`);
  note(`${query}: "${seen.count}", ${seen.items.length} shown, first: ${JSON.stringify(seen.items[0])}`);
  assert(/\d/.test(seen.count), `no result count: "${seen.count}"`);
  for (const it of seen.items) {
    assert(/\p{Script=Han}/u.test(it.kind), `a page type not in Chinese: ${JSON.stringify(it)}`);
    assert(it.marked, `a result without the match marked: ${JSON.stringify(it)}`);
    assert(!/[*`#]|\]\(/.test(it.snippet), `raw Markdown in a snippet: ${it.snippet}`);
  }
  assert(seen.items.some((it) => it.standard), 'no result names its standard');
  if (seen.more) {
    const before = seen.items.length;
    await page.locator('#search-more').click();
    const after = await waitFor(page, (n) => {
      const k = document.querySelectorAll('#search-results .search-result').length;
      return k > n ? k : null;
    }, before);
    assert(after, '显示更多 added nothing');
    note(`显示更多: ${before} → ${after}`);
  }
}

(async () => {
  const dir = setup();
  const list = queries(process.argv[3]);
  const base = fileBase(dir);
  const browser = await launch();
  let failed;
  try {
    failed = await runChecks(browser, [
      [`${list.length} trainee queries from file://`, (p, note) => everyQuery(p, base, list, note)],
      ['the search widget: count, page type, standard, snippet, 显示更多', (p, note) => widget(p, base, '投诉', note)],
    ]);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})();

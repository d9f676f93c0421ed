// No page of the built site scrolls sideways, on a phone (390 px) or a
// laptop (1366 px): for every HTML page, from file://, the document is no
// wider than the window. Prints the page count per width; any page that
// overflows fails with its width and the widest element that sticks out.
//
//   node widths.js SITE_DIR
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { fileBase, launch, setup } = require('./lib');

const WIDTHS = [390, 1366];

// Every .html file under `dir`, relative, sorted.
function pages(dir, rel = '') {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const name = path.posix.join(rel, e.name);
      if (e.isDirectory()) return pages(dir, name);
      return e.name.endsWith('.html') ? [name] : [];
    })
    .sort();
}

// The widest element whose right edge passes the window: what to fix.
function overflow() {
  const limit = window.innerWidth;
  const width = document.scrollingElement.scrollWidth;
  if (width <= limit) return null;
  let worst = null;
  for (const el of document.querySelectorAll('body *')) {
    const right = el.getBoundingClientRect().right;
    if (right > limit && (!worst || right > worst.right)) {
      const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
      worst = { right: Math.round(right), name, text: (el.textContent || '').trim().slice(0, 40) };
    }
  }
  return { width, limit, worst };
}

// The pages of `list` that scroll sideways in a window `width` px wide.
async function tooWide(browser, base, list, width) {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const wide = [];
  for (const rel of list) {
    await page.goto(base + rel);
    const o = await page.evaluate(overflow);
    if (o) wide.push(`${rel}: ${o.width} px wide in a ${o.limit} px window; widest: ${o.worst ? `${o.worst.name} to ${o.worst.right} px ("${o.worst.text}")` : '?'}`);
  }
  await context.close();
  return wide;
}

async function main() {
  const dir = setup();
  const base = fileBase(dir);
  const list = pages(dir);
  const browser = await launch();
  let failed = 0;
  for (const width of WIDTHS) {
    const wide = await tooWide(browser, base, list, width);
    console.log(`${wide.length === 0 ? 'ok  ' : 'FAIL'} ${list.length} pages at ${width} px, ${wide.length} scroll sideways`);
    for (const line of wide) console.log(`     ${line}`);
    if (wide.length > 0) failed += 1;
  }
  await browser.close();
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

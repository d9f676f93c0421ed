// The flow diagrams on a phone (390 px) and a laptop (1366 px), over file://:
// the page never scrolls sideways, the diagram keeps its natural size (its
// frame scrolls instead), the zoom buttons work from the keyboard, and no
// text of any diagram leaves its box (every <text>'s box inside the shape
// it belongs to, as the browser lays it out with its own fonts).
//
//   node diagram.js SITE_DIR
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { assert, fileBase, launch, runChecks, setup } = require('./lib');

const WIDTHS = [390, 1366];
// A flow of the test site with a decision, a loop and escalations.
const FLOW = 'flows/complaint-handling.html';

// Every <text> of the diagram on the page whose box is not inside the shape
// it belongs to (step texts in their step box, labels on their white
// background, note texts in their note, and so on), as descriptions.
function clippedTexts(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('.diagram-frame svg');
    const shapes = (selector) => Array.from(svg.querySelectorAll(selector)).map((r) => r.getBBox());
    const CONTAINERS = {
      'fd-step-title': 'rect.fd-step',
      'fd-limit': 'rect.fd-step',
      'fd-link': 'rect.fd-step, rect.fd-note-box',
      'fd-lane-title': 'rect.fd-lane-header',
      'fd-terminal-text': 'rect.fd-terminal-box',
      'fd-edge-label-text': 'rect.fd-edge-label-bg',
      'fd-note-head': 'rect.fd-note-box',
      'fd-note-text': 'rect.fd-note-box',
      'fd-question': 'rect.fd-lane-bg',
    };
    const SLACK = 0.5;
    const inside = (b, r) =>
      b.x >= r.x - SLACK && b.y >= r.y - SLACK && b.x + b.width <= r.x + r.width + SLACK && b.y + b.height <= r.y + r.height + SLACK;
    const meets = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const steps = shapes('rect.fd-step');
    const out = [];
    for (const t of svg.querySelectorAll('text')) {
      const selector = CONTAINERS[t.getAttribute('class')];
      if (!selector) {
        out.push(`text of unknown class ${t.getAttribute('class')}: ${t.textContent}`);
        continue;
      }
      const b = t.getBBox();
      // Its shape: the one of that kind around the text's anchor point.
      const x = Number(t.getAttribute('x'));
      const y = Number(t.getAttribute('y'));
      const own = shapes(selector).find((r) => r.x <= x && x <= r.x + r.width && r.y <= y && y <= r.y + r.height);
      if (!own) out.push(`"${t.textContent}" lies in no ${selector}`);
      else if (!inside(b, own)) {
        out.push(`"${t.textContent}" (${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}) leaves its ${selector} (${own.x},${own.y} ${own.width}×${own.height})`);
      }
      if (t.getAttribute('class') === 'fd-question' && steps.some((r) => meets(b, r))) {
        out.push(`question "${t.textContent}" overlaps a step box`);
      }
      if (t.textContent.endsWith('…')) out.push(`"${t.textContent}" is cut`);
    }
    return out;
  });
}

// The page at `width`: no sideways scroll, the diagram at natural size and
// every text inside its shape.
async function flowPage(page, base, rel, width, note) {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(base + rel);
  const facts = await page.evaluate(() => {
    const svg = document.querySelector('.diagram-frame svg');
    return {
      page: document.documentElement.scrollWidth,
      view: window.innerWidth,
      natural: svg.viewBox.baseVal.width,
      shown: svg.getBoundingClientRect().width,
    };
  });
  assert(facts.page <= facts.view, `${rel} at ${width} px: the page is ${facts.page} px wide, it scrolls sideways`);
  assert(Math.abs(facts.shown - facts.natural) < 1, `${rel} at ${width} px: the diagram shows ${facts.shown} px wide, its natural width is ${facts.natural} px`);
  const clipped = await clippedTexts(page);
  assert(clipped.length === 0, `${rel} at ${width} px: ${clipped.length} text(s) clipped: ${clipped.slice(0, 5).join('; ')}`);
  note(`${rel}: diagram ${facts.natural} px in a ${width} px window`);
}

// At 390 px the frame scrolls, not the page; the zoom buttons work with the
// keyboard (Tab, Enter, Space) and "fit" shows the whole width.
async function phoneZoom(page, base) {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(base + FLOW);
  const frame = page.locator('.diagram-frame');
  const scroll = await frame.evaluate((f) => {
    f.scrollLeft = 120;
    return { wide: f.scrollWidth, room: f.clientWidth, left: f.scrollLeft, window: window.scrollX };
  });
  assert(scroll.wide > scroll.room, `${FLOW} at 390 px: the frame (${scroll.room} px) does not need to scroll for a ${scroll.wide} px diagram`);
  assert(scroll.left > 0 && scroll.window === 0, `${FLOW} at 390 px: scrolling the frame moved it to ${scroll.left} and the window to ${scroll.window}`);
  const width = () => page.locator('.diagram-frame svg').evaluate((s) => s.getBoundingClientRect().width);
  const natural = await width();
  assert(await page.locator('.diagram-zoom').isVisible(), `${FLOW}: the zoom buttons are hidden`);
  // The keyboard reaches the buttons in order: −, +, fit.
  await page.locator('.diagram-zoom [data-zoom=out]').focus();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.getAttribute('data-zoom'));
  assert(focused === 'in', `Tab from − focuses ${focused}, not +`);
  await page.keyboard.press('Enter');
  const bigger = await width();
  assert(bigger > natural * 1.2, `+ with Enter: the diagram is ${bigger} px, was ${natural} px`);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  const back = await width();
  assert(Math.abs(back - natural) < 1, `− with Space: the diagram is ${back} px, expected ${natural} px`);
  await page.locator('.diagram-zoom [data-zoom=fit]').press('Enter');
  const fitted = await page.evaluate(() => {
    const f = document.querySelector('.diagram-frame');
    return { svg: f.querySelector('svg').getBoundingClientRect().width, room: f.clientWidth, wide: f.scrollWidth, label: document.querySelector('.diagram-zoom output').textContent };
  });
  assert(fitted.svg <= fitted.room && fitted.wide <= fitted.room, `fit: the diagram is ${fitted.svg} px in a ${fitted.room} px frame`);
  assert(/^\d+%$/.test(fitted.label), `fit: the zoom level reads "${fitted.label}"`);
}

async function main() {
  const dir = setup();
  const base = fileBase(dir);
  const flows = fs
    .readdirSync(path.join(dir, 'flows'))
    .filter((f) => f.endsWith('.html') && f !== 'index.html')
    .map((f) => `flows/${f}`);
  assert(flows.length > 0, `no flow pages in ${dir}/flows`);
  const browser = await launch();
  let failed;
  try {
    failed = await runChecks(browser, [
      ...WIDTHS.map((w) => [
        `${flows.length} flow pages at ${w} px: no sideways page, natural size, no text clipped`,
        async (page, note) => {
          for (const rel of flows) await flowPage(page, base, rel, w, note);
          // Let the last page's favicon load before the context closes.
          await page.waitForLoadState('networkidle');
        },
      ]),
      [`${FLOW} at 390 px: the frame scrolls, zoom by keyboard, fit`, (page) => phoneZoom(page, base)],
    ]);
  } finally {
    await browser.close();
  }
  if (failed) {
    console.log(`${failed} diagram check(s) failed`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

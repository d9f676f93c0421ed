// axe-core over file:// on the pages a trainee sees most (the home page, a
// role page, a flow page with its diagram), one page of each other template,
// and the home page with search results open. Prints every violation; fails
// on those of impact serious or critical.
//
//   node axe.js SITE_DIR
'use strict';

const { assert, fileBase, launch, runChecks, setup } = require('./lib');

const AXE = require.resolve('axe-core/axe.min.js');
const PAGES = [
  'index.html',
  'roles/agent.html',
  'flows/complaint-handling.html',
  'limits.html',
  'standards/hotline-service.html',
  'scripts/hotline-greeting.html',
  'checklists/onsite-conduct.html',
  'records.html',
  'glossary.html',
  'findings.html',
  'rules/SLA003.html',
  'source/hotline/roles.yaml.html',
  'roles/index.html',
  'quiz/role/agent.html',
  'quiz/index.html',
];
const BLOCKING = ['serious', 'critical'];
// A query of the test site with several results.
const QUERY = '话务员';

async function audit(page, note) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // No preload: axe would fetch the stylesheets with XHR, which file:// refuses.
    const result = await window.axe.run(document, { resultTypes: ['violations'], preload: false });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      target: v.nodes[0].target.join(' '),
      html: v.nodes[0].html,
      why: (v.nodes[0].failureSummary || '').replace(/\s+/g, ' '),
    }));
  });
  for (const v of violations) {
    note(`${v.impact} ${v.id}: ${v.help} (${v.nodes} element(s), first: ${v.target})`);
    note(`  ${v.html.replace(/\s+/g, ' ')}`);
    note(`  ${v.why}`);
  }
  const blocking = violations.filter((v) => BLOCKING.includes(v.impact));
  assert(blocking.length === 0, `${blocking.length} serious or critical violation(s): ${blocking.map((v) => v.id).join(', ')}`);
}

async function main() {
  const base = fileBase(setup());
  const browser = await launch();
  let failed;
  try {
    failed = await runChecks(
      browser,
      [
        ...PAGES.map((p) => [
          `axe ${p}`,
          async (page, note) => {
            await page.goto(base + p);
            await audit(page, note);
          },
        ]),
        [
          'axe flows/complaint-handling.html at 390 px (the diagram in its scrolling frame, zoom buttons)',
          async (page, note) => {
            await page.setViewportSize({ width: 390, height: 800 });
            await page.goto(base + 'flows/complaint-handling.html');
            await audit(page, note);
          },
        ],
        [
          `axe index.html with the results of searching ${QUERY}, one selected`,
          async (page, note) => {
            await page.goto(base + 'index.html');
            await page.locator('#search-input').fill(QUERY);
            await page
              .locator('[role=listbox] [role=option]')
              .first()
              .waitFor({ state: 'visible' })
              .catch(() => assert(false, `searching ${QUERY} shows no [role=listbox] [role=option] to audit`));
            await page.keyboard.press('ArrowDown');
            await audit(page, note);
          },
        ],
      ],
    );
  } finally {
    await browser.close();
  }
  if (failed) {
    console.log(`${failed} accessibility check(s) failed`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

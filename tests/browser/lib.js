// What the browser checks share: the headless Chromium, a static server for
// sub-path hosting, the collector of console errors and failed requests, and
// the runner that reports each check. Run by tests/browser.rs.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { chromium } = require('playwright-core');

// Debian's chromium; tests/browser.rs checks it exists and passes it on.
const CHROMIUM = process.env.GUIFAN_CHROMIUM || '/usr/bin/chromium';

// A hung browser must not hang the test suite.
const WATCHDOG_MS = 120_000;
// A user-visible reaction (results, a sorted table) takes well under this.
const ACTION_TIMEOUT_MS = 5_000;

// The site folder given on the command line; also arms the watchdog.
function setup() {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`usage: node ${path.basename(process.argv[1])} SITE_DIR (a built site with index.html)`);
    process.exit(2);
  }
  setTimeout(() => {
    console.error(`FAIL: gave up after ${WATCHDOG_MS / 1000} s`);
    process.exit(1);
  }, WATCHDOG_MS).unref();
  return path.resolve(dir);
}

function fileBase(dir) {
  return pathToFileURL(dir + path.sep).href;
}

function launch() {
  // Playwright gives each launch a fresh --user-data-dir.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

// What the site is made of; anything else is served as bytes.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

// Serve `dir` under `prefix` (like `/some/sub/path/`) on 127.0.0.1; anything
// outside the prefix is a 404, so a link that escapes the site root fails.
function serve(dir, prefix) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) return notFound(res);
    rel = rel.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep)) return notFound(res);
    fs.readFile(file, (err, body) => {
      if (err) return notFound(res);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        base: `http://127.0.0.1:${server.address().port}${prefix}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

// A fresh browser context that records every console error, uncaught
// exception, failed request and HTTP error of the pages it opens.
async function watchedContext(browser) {
  const context = await browser.newContext();
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const problems = [];
  const where = (page) => (page ? page.url() : '(no page)');
  context.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const from = msg.location().url;
    problems.push(`${where(msg.page())}: console error: ${msg.text()}${from ? ` (${from})` : ''}`);
  });
  context.on('weberror', (e) => problems.push(`${where(e.page())}: uncaught ${e.error()}`));
  // ERR_ABORTED is a request the page gave up as it was left (the next
  // check navigates while the favicon loads); a missing file is
  // ERR_FILE_NOT_FOUND and still fails.
  context.on('requestfailed', (req) => {
    const error = req.failure().errorText;
    if (error === 'net::ERR_ABORTED') return;
    problems.push(`${where(req.frame().page())}: request failed: ${req.url()} (${error})`);
  });
  context.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${where(res.frame().page())}: HTTP ${res.status()} for ${res.url()}`);
  });
  return { context, problems };
}

// Run each check in its own watched context, print `ok` or `FAIL`, the
// check's notes and the reasons it failed; return the number of failures.
// A check is `async (page, note) => …`; `note(line)` adds to its report.
async function runChecks(browser, checks) {
  let failed = 0;
  for (const [name, check] of checks) {
    const started = Date.now();
    const { context, problems } = await watchedContext(browser);
    const page = await context.newPage();
    const notes = [];
    const errors = [];
    try {
      await check(page, (line) => notes.push(line));
    } catch (e) {
      errors.push(e.message.split('\n')[0]);
    }
    await context.close();
    errors.push(...problems);
    const ms = Date.now() - started;
    if (errors.length > 0) failed += 1;
    console.log(`${errors.length === 0 ? 'ok  ' : 'FAIL'} ${name} (${ms} ms)`);
    for (const line of [...notes, ...errors]) console.log(`     ${line}`);
  }
  return failed;
}

// Poll `probe` in the page until it returns a truthy value or the timeout
// passes; then return the last value (null when it never held).
async function waitFor(page, probe, arg) {
  const deadline = Date.now() + ACTION_TIMEOUT_MS;
  for (;;) {
    const value = await page.evaluate(probe, arg);
    if (value || Date.now() > deadline) return value || null;
    await page.waitForTimeout(50);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

module.exports = { assert, fileBase, launch, runChecks, serve, setup, waitFor };

// What a first search downloads: runs static/search.js of a built site in a
// `vm` context whose minimal DOM evaluates each inserted <script> from disk
// and counts its bytes, one fresh context per query (nothing cached).
//
// Usage: node benches/search_size.mjs SITE_DIR [--json] [--all] [QUERY...]
// Without queries, runs a fixed list. --json prints one JSON array instead
// of the table (the Rust tests read it).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';

const QUERIES = [
  '投诉', // common Chinese word
  '投诉处理', // common, three pairs
  '處理', // Traditional form of a common word
  '業務', // Traditional form (业务)
  '升级处理', // rarer
  '合成规范4242', // rare through its number
  '携号转网', // rare or absent
  'sort-hi-4242', // an ASCII id
  'complaint', // an ASCII word, prefix-matched
  'SLA007', // a rule code
  '拣', // one character
  '投诉处理 升级处理', // two common words: every result has both
  '分拣 携号转网', // two words on no page together: no result
];

const args = process.argv.slice(2);
const json = args.includes('--json');
// --all: page through every result ("显示更多" until there are no more).
const all = args.includes('--all');
const [site, ...given] = args.filter((a) => a !== '--json' && a !== '--all');
if (!site) {
  console.error('usage: node benches/search_size.mjs SITE_DIR [--json] [--all] [QUERY...]');
  process.exit(2);
}
const scriptPath = path.resolve(site, 'static', 'search.js');
const scriptCode = fs.readFileSync(scriptPath, 'utf8');

// Whether document `doc` of the site has every word of `query` (split at
// spaces), read from its chunk as the search script reads it.
const chunkDocs = (() => {
  const m = /"chunk":(\d+)/.exec(fs.readFileSync(path.resolve(site, 'search', 'meta.js'), 'utf8'));
  return m ? Number(m[1]) : 16;
})();
function hasEveryWord(doc, query) {
  let rows = [];
  const context = { __guifanSearch: { docs: (n, data) => (rows = data) } };
  const file = path.resolve(site, 'search', 'd', `${Math.floor(doc / chunkDocs)}.js`);
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), context);
  const [, , title, id, , heads, text, keys] = rows[doc % chunkDocs];
  const all = [title, id, heads, text, keys].join(' ').toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => all.includes(w));
}

async function firstQuery(query) {
  const files = [];
  const context = {};
  const head = {
    appendChild(el) {
      setImmediate(() => {
        const file = fileURLToPath(el.src);
        let code;
        try {
          code = fs.readFileSync(file, 'utf8');
        } catch {
          el.onerror?.();
          return;
        }
        files.push({ file: path.relative(site, file), bytes: Buffer.byteLength(code) });
        vm.runInContext(code, context, { filename: file });
        el.onload?.();
      });
    },
  };
  const document = {
    currentScript: { src: pathToFileURL(scriptPath).href },
    readyState: 'complete',
    head,
    createElement: (tag) => ({ tagName: tag.toUpperCase(), remove() {} }),
    getElementById: () => null,
  };
  Object.assign(context, { document, setTimeout, clearTimeout, console });
  vm.createContext(context);
  vm.runInContext(scriptCode, context, { filename: scriptPath });
  const started = performance.now();
  const found = await context.__guifanSearch.search(query);
  while (all && found.more) {
    const more = await found.next();
    if (!more.length && !found.more) break;
    found.results.push(...more);
  }
  const ms = performance.now() - started;
  return {
    query,
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    ms: Math.round(ms),
    total: found.total,
    approx: found.approx,
    // For a query of several words: whether every result has every word.
    exact: /\s/.test(query.trim()) ? found.results.every((r) => hasEveryWord(r.doc, query)) : null,
    more: found.more,
    results: found.results.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      url: r.url,
      standard: r.standard,
      // The snippet with its marked matches in [brackets], and whether the
      // id is shown (only when the query matched it).
      snippet: r.snippet.map(([t, m]) => (m ? `[${t}]` : t)).join(''),
      idShown: r.idMarks.length > 0,
    })),
    loaded: files,
  };
}

const rows = [];
for (const q of given.length ? given : QUERIES) rows.push(await firstQuery(q));

if (json) {
  console.log(JSON.stringify(rows));
} else {
  const own = Buffer.byteLength(scriptCode);
  console.log(`static/search.js: ${own} bytes (loaded with every page, not counted below)`);
  console.log(['query', 'files', 'bytes', 'ms', 'results', 'every word', 'top result'].join('\t'));
  for (const r of rows) {
    const top = r.results[0];
    const shown = top ? `${top.kind} ${top.title} (${top.id}) ${top.url}` : '-';
    const total = `${r.approx ? '~' : ''}${r.total}`;
    const exact = r.exact === null ? '-' : r.exact ? 'yes' : 'NO';
    console.log([r.query, r.files, r.bytes, r.ms, total, exact, shown].join('\t'));
  }
  const max = Math.max(...rows.map((r) => r.bytes));
  console.log(`max bytes for one first query: ${max} (${(max / 1024).toFixed(1)} KiB; ` +
    `${((max + own) / 1024).toFixed(1)} KiB with search.js)`);
}

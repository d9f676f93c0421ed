// Site search, in the browser, from the index that `guifan build` writes
// under search/ (format: src/site/search/mod.rs). Index files are scripts
// that call __guifanSearch, so they load from file:// as well as a server.
// Folding and tokenising mirror src/site/search/text.rs: change both.
(() => {
  'use strict';

  const MAX_RESULTS = 10;
  // Index tokens a prefix (the word still being typed) may stand for.
  const MAX_EXPANSIONS = 20;
  // Term shards one query loads, to bound its bytes (8 KB each, see
  // Params::shard_bytes).
  const MAX_SHARDS = 10;
  // The longest ASCII token, as text::MAX_WORD.
  const MAX_WORD = 64;
  // Characters of a snippet, and of context kept before its first match.
  const SNIPPET = 80;
  const LEAD = 20;
  const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

  // The site root, from this script's own URL: the site works under any
  // sub-path and from file://.
  const here = document.currentScript && document.currentScript.src;
  const root = here ? here.replace(/static\/search\.js(?:[?#].*)?$/, '') : '';

  // ------------------------------------------------------------ loading

  const waiting = new Map();
  const loaded = new Map();

  function settle(key, data) {
    const resolve = waiting.get(key);
    if (resolve) {
      waiting.delete(key);
      resolve(data);
    }
  }

  // The data of one index file, loaded once; null if it cannot be.
  function load(key, path) {
    if (!loaded.has(key)) {
      loaded.set(key, new Promise((resolve) => {
        waiting.set(key, resolve);
        const el = document.createElement('script');
        el.src = root + path;
        // After the file ran (a no-op if it registered), or failed.
        el.onload = el.onerror = () => {
          el.remove();
          settle(key, null);
        };
        document.head.appendChild(el);
      }));
    }
    return loaded.get(key);
  }

  let meta = null;
  const t2s = new Map();

  async function loadMeta() {
    if (!meta) {
      const m = await load('meta', 'search/meta.js');
      if (!m) throw new Error('search index not found');
      const pairs = Array.from(m.t2s);
      for (let i = 0; i + 1 < pairs.length; i += 2) t2s.set(pairs[i], pairs[i + 1]);
      meta = m;
    }
    return meta;
  }

  const shard = (n) => load('t' + n, 'search/t/' + n + '.js');
  // The term shards loaded: number → [term, code, term, code, ...].
  const flats = new Map();
  const chunk = (n) => load('d' + n, 'search/d/' + n + '.js');

  // ------------------------------------------------------------ text

  function isHan(c) {
    const p = c.codePointAt(0);
    return (p >= 0x3400 && p <= 0x4dbf) || (p >= 0x4e00 && p <= 0x9fff) ||
      (p >= 0xf900 && p <= 0xfaff) || (p >= 0x20000 && p <= 0x323af);
  }
  const isWord = (c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  const isJoiner = (c) => c === '-' || c === '.' || c === '_';

  // One character (a code point) to one character, so that positions in
  // the folded text are positions in the text as written.
  function foldChar(c) {
    let p = c.codePointAt(0);
    if (p === 0x3000) return ' ';
    if (p >= 0xff01 && p <= 0xff5e) p -= 0xfee0;
    if (p < 128) return String.fromCharCode(p).toLowerCase();
    return t2s.get(c) || c;
  }
  const fold = (text) => Array.from(text, foldChar);

  // The query's tokens: like the index's, except that a run of Han
  // characters gives its pairs only (one character alone gives itself),
  // and the word that ends the query is a prefix (it may be unfinished).
  function tokens(query) {
    const cs = fold(query);
    const out = new Map();
    const add = (term, prefix) => {
      if (term.length > MAX_WORD) return;
      const seen = out.get(term);
      out.set(term, { term, prefix: seen ? seen.prefix && prefix : prefix });
    };
    let i = 0;
    while (i < cs.length) {
      let j = i + 1;
      if (isHan(cs[i])) {
        while (j < cs.length && isHan(cs[j])) j++;
        if (j - i === 1) add(cs[i], false);
        for (let k = i; k + 1 < j; k++) add(cs[k] + cs[k + 1], false);
      } else if (isWord(cs[i])) {
        for (;;) {
          if (j < cs.length && isWord(cs[j])) j++;
          else if (j + 1 < cs.length && isJoiner(cs[j]) && isWord(cs[j + 1])) j += 2;
          else break;
        }
        const run = cs.slice(i, j).join('');
        const open = j === cs.length;
        const words = run.split(/[-._]/);
        words.forEach((w, k) => add(w, open && k === words.length - 1));
        if (words.length > 1) add(run, open);
      }
      i = j;
    }
    return Array.from(out.values());
  }

  // ------------------------------------------------------------ index

  // The shard a token lives in: the last whose separator is <= it.
  function shardOf(term) {
    const seps = meta.seps;
    let lo = 0;
    let hi = seps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (seps[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // Whether shard n holds tokens that start with `prefix`, for a shard
  // after the one where the prefix itself would be.
  const continues = (n, prefix) => n < meta.seps.length && meta.seps[n].startsWith(prefix);

  // The shards that may hold `tok`: a prefix's tokens may run on into the
  // next shard (only one more is loaded, to bound the bytes).
  function shardsFor(tok) {
    const n = shardOf(tok.term);
    return tok.prefix && continues(n + 1, tok.term) ? [n, n + 1] : [n];
  }

  // First index (of a term) in the flat [term, code, ...] array >= term.
  function lowerBound(flat, term) {
    let lo = 0;
    let hi = flat.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flat[2 * mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return 2 * lo;
  }

  // The index terms a query token matches in its shards, with their
  // postings codes, and whether these are all of them (a prefix may stand
  // for more terms than are taken, or run on past the shards loaded).
  function matches(tok, shards) {
    const terms = [];
    for (const flat of shards.map((n) => flats.get(n))) {
      for (let i = lowerBound(flat, tok.term); i < flat.length; i += 2) {
        const term = flat[i];
        const exact = term === tok.term;
        if (!exact && !(tok.prefix && term.startsWith(tok.term))) return { terms, complete: true };
        terms.push({ exact, code: flat[i + 1] });
        if (!tok.prefix) return { terms, complete: true };
        if (terms.length >= MAX_EXPANSIONS) return { terms, complete: false };
      }
    }
    const last = shards[shards.length - 1];
    return { terms, complete: !(tok.prefix && continues(last + 1, tok.term)) };
  }

  const DIGIT = new Map(Array.from(DIGITS, (c, i) => [c, i]));

  // See index::encode: df, kept title hits, then gaps.
  function decode(code) {
    const nums = [];
    let n = 0;
    for (const c of code) {
      const d = DIGIT.get(c);
      n = n * 32 + (d & 31);
      if (d < 32) {
        nums.push(n);
        n = 0;
      }
    }
    const gaps = (from, to) => {
      let doc = 0;
      return nums.slice(from, to).map((g) => (doc += g));
    };
    const kept = 2 + nums[1];
    return { df: nums[0], title: gaps(2, kept), body: gaps(kept, nums.length) };
  }

  // Documents ranked: fewer query tokens surely missing first, then more
  // tokens matched, then more of them in the title or id, then rarer
  // tokens (idf), exact over prefix; then index order. A token is surely
  // missing from a document only when its postings are complete: a very
  // common token's are capped (see index::encode), and a document beyond
  // the cap may have it. Documents that cannot match half the tokens are
  // left out. A long query uses the tokens whose shards fit in MAX_SHARDS.
  async function rank(query) {
    const need = new Set();
    const toks = query.filter((t) => {
      const more = shardsFor(t).filter((n) => !need.has(n));
      if (need.size + more.length > MAX_SHARDS) return false;
      more.forEach((n) => need.add(n));
      return true;
    });
    await Promise.all(Array.from(need, async (n) => flats.set(n, (await shard(n)) || [])));
    const scores = new Map();
    let sure = 0;
    for (const tok of toks) {
      // Per document, its best hit of this token.
      const best = new Map();
      const hit = (doc, inTitle, w) => {
        const b = best.get(doc);
        if (!b || w > b.w) best.set(doc, { inTitle, w });
      };
      const found = matches(tok, shardsFor(tok));
      let complete = found.complete;
      for (const m of found.terms) {
        const p = decode(m.code);
        complete = complete && p.title.length + p.body.length === p.df;
        const idf = Math.log(1 + meta.docs / p.df) * (m.exact ? 1 : 0.5);
        p.title.forEach((d) => hit(d, true, 3 * idf));
        p.body.forEach((d) => hit(d, false, idf));
      }
      if (complete) sure += 1;
      for (const [doc, b] of best) {
        let s = scores.get(doc);
        if (!s) scores.set(doc, (s = { doc, matched: 0, sure: 0, title: 0, weight: 0 }));
        s.matched += 1;
        s.sure += complete ? 1 : 0;
        s.title += b.inTitle ? 1 : 0;
        s.weight += b.w;
      }
    }
    const half = Math.ceil(toks.length / 2);
    const missing = (s) => sure - s.sure;
    return Array.from(scores.values())
      .filter((s) => toks.length - missing(s) >= half)
      .sort((a, b) => missing(a) - missing(b) || b.matched - a.matched || b.title - a.title ||
        b.weight - a.weight || a.doc - b.doc);
  }

  // ------------------------------------------------------------ snippets

  // Text cut around its first match, as [text, marked] pieces.
  function highlight(text, toks, cut) {
    const cs = Array.from(text);
    const folded = cs.map(foldChar);
    const marked = new Array(cs.length).fill(false);
    for (const tok of toks) {
      const t = Array.from(tok.term);
      const word = isWord(t[0]);
      for (let i = 0; i + t.length <= cs.length; i++) {
        if (word && i > 0 && isWord(folded[i - 1])) continue;
        if (word && !tok.prefix && i + t.length < cs.length && isWord(folded[i + t.length])) continue;
        if (t.every((c, k) => folded[i + k] === c)) marked.fill(true, i, i + t.length);
      }
    }
    let start = 0;
    let end = cs.length;
    if (cut && cs.length > SNIPPET) {
      const first = marked.indexOf(true);
      start = Math.max(0, Math.min(first - LEAD, cs.length - SNIPPET));
      end = start + SNIPPET;
    }
    const pieces = start > 0 ? [['…', false]] : [];
    for (let i = start; i < end; i++) {
      const last = pieces[pieces.length - 1];
      if (last && last[1] === marked[i] && i > start) last[0] += cs[i];
      else pieces.push([cs[i], marked[i]]);
    }
    if (end < cs.length) pieces.push(['…', false]);
    return pieces;
  }

  // ------------------------------------------------------------ search

  // The query's results: { total, results: [{ kind, url, href, title, id,
  // titleMarks, idMarks, snippet }] }, the marks as [text, marked] pieces.
  async function search(query) {
    await loadMeta();
    const toks = tokens(query);
    if (!toks.length) return { total: 0, results: [] };
    const ranked = await rank(toks);
    const top = ranked.slice(0, MAX_RESULTS);
    const chunks = new Map();
    await Promise.all(Array.from(new Set(top.map((s) => Math.floor(s.doc / meta.chunk))), async (n) =>
      chunks.set(n, (await chunk(n)) || [])));
    const results = [];
    for (const s of top) {
      const row = chunks.get(Math.floor(s.doc / meta.chunk))[s.doc % meta.chunk];
      if (!row) continue;
      const [kind, url, title, id, text] = row;
      results.push({
        kind: meta.kinds[kind],
        url,
        href: root + url,
        title,
        id,
        titleMarks: highlight(title, toks, false),
        idMarks: highlight(id, toks, false),
        snippet: highlight(text, toks, true),
      });
    }
    return { total: ranked.length, results };
  }

  globalThis.__guifanSearch = {
    meta: (data) => settle('meta', data),
    shard: (n, data) => settle('t' + n, data),
    docs: (n, data) => settle('d' + n, data),
    search,
  };

  // ------------------------------------------------------------ widget

  // Text nodes and <mark>s; never innerHTML, the index holds spec text.
  function pieces(el, marks) {
    for (const [text, mark] of marks) {
      if (mark) {
        const m = document.createElement('mark');
        m.textContent = text;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(text));
      }
    }
    return el;
  }

  function span(cls, marks) {
    const el = document.createElement('span');
    el.className = cls;
    return pieces(el, marks);
  }

  function init() {
    const input = document.getElementById('search-input');
    const list = document.getElementById('search-results');
    const status = document.getElementById('search-status');
    if (!input || !list) return;
    let options = [];
    let active = -1;
    let seq = 0;
    let timer = 0;

    const isOpen = () => !list.hidden;
    const say = (text) => {
      if (status) status.textContent = text;
    };
    function open(yes) {
      list.hidden = !yes;
      input.setAttribute('aria-expanded', yes ? 'true' : 'false');
      if (!yes) select(-1);
    }

    function select(i) {
      active = i;
      options.forEach((a, k) => {
        a.setAttribute('aria-selected', k === i ? 'true' : 'false');
        // A visible pointer that needs no stylesheet.
        a.firstChild.textContent = k === i ? '▸ ' : '';
      });
      const a = options[i];
      if (a) {
        input.setAttribute('aria-activedescendant', a.id);
        a.scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    // Each result is a link (it opens as links do, in a new tab too) in the
    // role of an option; the focus stays in the box, so no tab stop.
    function render(found, query) {
      options = found.results.map((r, i) => {
        const a = document.createElement('a');
        a.id = 'search-result-' + i;
        a.className = 'search-result';
        a.href = r.href;
        a.tabIndex = -1;
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        const pointer = document.createElement('span');
        pointer.className = 'search-pointer';
        pointer.setAttribute('aria-hidden', 'true');
        const snippet = pieces(document.createElement('div'), r.snippet);
        snippet.className = 'search-snippet';
        a.append(pointer, span('search-kind', [[r.kind, false]]), ' ',
          span('search-title', r.titleMarks), ' ', span('search-id', r.idMarks), snippet);
        return a;
      });
      list.replaceChildren(...options.map((a) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'none');
        li.append(a);
        return li;
      }));
      say(options.length || !query.trim() ? '' : input.dataset.noResults || '');
      open(options.length > 0);
    }

    async function run() {
      const mine = ++seq;
      const query = input.value;
      try {
        const found = query.trim() ? await search(query) : { results: [] };
        if (mine === seq) render(found, query);
      } catch (e) {
        if (mine === seq) say(String(e.message || e));
      }
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    }

    input.addEventListener('input', (e) => {
      if (!e.isComposing) schedule();
    });
    input.addEventListener('compositionend', schedule);
    input.addEventListener('focus', () => {
      loadMeta().catch(() => {});
      if (input.value.trim()) schedule();
    });
    input.addEventListener('blur', () => {
      open(false);
      say('');
    });
    input.addEventListener('keydown', (e) => {
      if (e.isComposing) return;
      const n = options.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!n) return;
        e.preventDefault();
        if (!isOpen()) open(true);
        const step = e.key === 'ArrowDown' ? 1 : -1;
        select(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
      } else if (e.key === 'Enter') {
        if (!n || !isOpen()) return;
        e.preventDefault();
        window.location.href = options[Math.max(active, 0)].href;
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (isOpen()) {
          open(false);
        } else {
          input.value = '';
          run();
        }
      }
    });
    // Keep the focus in the box while a result is clicked.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    document.addEventListener('keydown', (e) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

// Site search, in the browser, from the index that `guifan build` writes
// under search/ (format: src/site/search/mod.rs). Index files are scripts
// that call __guifanSearch, so they load from file:// as well as a server.
// Folding and tokenising mirror src/site/search/text.rs: change both.
//
// A query is cut into words (a run of Han characters, an ASCII word or id);
// a result contains every word: a Chinese word as written (its characters
// consecutive), or one of its synonyms (the theme's table, in meta.js). When
// fewer than a page of documents have them all and the query has no space,
// it falls back to the characters of each word in order (禁语 finds 禁用语),
// then to the documents that share the most of its character pairs and
// synonyms (投诉多久要处理), listed after the stricter matches.
(() => {
  'use strict';

  // Results shown at once; "more" shows as many again.
  const PAGE_RESULTS = 10;
  // Index tokens a prefix (the word still being typed) may stand for.
  const MAX_EXPANSIONS = 20;
  // Term shards one query loads, to bound its bytes (8 KB each, see
  // Params::shard_bytes), and words it considers.
  const MAX_SHARDS = 12;
  const MAX_WORDS = 8;
  // The longest word whose characters are matched in order.
  const MAX_ORDER = 3;
  // Pages of postings after the first that one call may load, and while
  // it has found nothing yet.
  const MAX_PAGES = 6;
  const MAX_PAGES_NONE = 16;
  // Documents whose text one call may read to check them.
  const MAX_CHECKS = 48;
  // The longest ASCII token, as text::MAX_WORD.
  const MAX_WORD = 64;
  // Characters of a snippet, and of context kept before its first match.
  const SNIPPET = 80;
  const LEAD = 20;
  // A synonym counts less than the word typed; a prefix's longer tokens
  // less than the word itself; a title, id or heading more than the text.
  const SYNONYM = 0.6;
  const LONGER = 0.5;
  const STRONG = 3;
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
  // Folded word → the words of its synonym group.
  const synonyms = new Map();

  async function loadMeta() {
    if (!meta) {
      const m = await load('meta', 'search/meta.js');
      if (!m) throw new Error('search index not found');
      const pairs = Array.from(m.t2s);
      for (let i = 0; i + 1 < pairs.length; i += 2) t2s.set(pairs[i], pairs[i + 1]);
      for (const group of m.synonyms || []) for (const w of group) synonyms.set(w, group);
      meta = m;
    }
    return meta;
  }

  const shard = (n) => load('t' + n, 'search/t/' + n + '.js');
  const page = (key) => load('p' + key, 'search/p/' + key + '.js');
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

  // The words of a query: runs of Han characters, and ASCII words or
  // compounds (`complaint.sorting`); the ASCII word that ends the query is
  // a prefix (it may be unfinished).
  function words(query) {
    const cs = fold(query);
    const out = [];
    let i = 0;
    while (i < cs.length) {
      let j = i + 1;
      if (isHan(cs[i])) {
        while (j < cs.length && isHan(cs[j])) j++;
        out.push({ text: cs.slice(i, j).join(''), han: true, prefix: false });
      } else if (isWord(cs[i])) {
        for (;;) {
          if (j < cs.length && isWord(cs[j])) j++;
          else if (j + 1 < cs.length && isJoiner(cs[j]) && isWord(cs[j + 1])) j += 2;
          else break;
        }
        out.push({ text: cs.slice(i, j).join(''), han: false, prefix: j === cs.length });
      }
      i = j;
    }
    const seen = new Set();
    return out.filter((w) => !seen.has(w.text) && seen.add(w.text)).slice(0, MAX_WORDS);
  }

  // The index tokens of a word as written: a Han character alone, or the
  // pairs of a Han run; an ASCII word or compound as one token (the index
  // keeps compounds whole), or its parts when too long to be one.
  function termsOf(text, han) {
    const cs = Array.from(text);
    if (han) {
      if (cs.length === 1) return [text];
      return cs.slice(1).map((c, k) => cs[k] + c);
    }
    if (text.length <= MAX_WORD) return [text];
    return text.split(/[-._]/).filter((w) => w && w.length <= MAX_WORD);
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

  // The shards that may hold a term: a prefix's tokens may run on into the
  // next shard (only one more is loaded, to bound the bytes).
  function shardsFor(term, prefix) {
    const n = shardOf(term);
    return prefix && continues(n + 1, term) ? [n, n + 1] : [n];
  }

  // First index (of a term) in a flat [term, code, ...] array >= term.
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

  const DIGIT = new Map(Array.from(DIGITS, (c, i) => [c, i]));

  // The numbers of a postings code (see index::encode).
  function numbers(code) {
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
    return nums;
  }

  // A token's postings as loaded so far: doc → in its title, id or a
  // heading; `upto`, the last document they decide (Infinity when all are
  // loaded); the next page and the shard whose page files hold it.
  const postings = new Map();

  function addPostings(p, nums) {
    for (const g of nums) {
      p.last += g >> 1;
      p.docs.set(p.last, (g & 1) === 1);
    }
    p.upto = p.docs.size >= p.df ? Infinity : p.last;
  }

  function termPostings(term, code, n) {
    if (!postings.has(term)) {
      const nums = numbers(code);
      const p = { term, df: nums[0] || 0, docs: new Map(), last: 0, upto: Infinity, shard: n, next: 1 };
      addPostings(p, nums.slice(1));
      postings.set(term, p);
    }
    return postings.get(term);
  }

  // The next page of an incomplete token's postings.
  async function morePostings(p) {
    const key = p.shard + '-' + p.next;
    p.next += 1;
    const flat = (await page(key)) || [];
    const i = lowerBound(flat, p.term);
    if (flat[i] === p.term) addPostings(p, numbers(flat[i + 1]));
    else p.upto = Infinity;
  }

  // The index tokens a term matches (itself, or those it is a prefix of),
  // loading its shards.
  async function lookup(term, prefix) {
    const ns = shardsFor(term, prefix);
    const flats = await Promise.all(ns.map(async (n) => [n, (await shard(n)) || []]));
    const found = [];
    for (const [n, flat] of flats) {
      for (let i = lowerBound(flat, term); i < flat.length; i += 2) {
        const t = flat[i];
        if (t !== term && !(prefix && t.startsWith(term))) break;
        found.push({ p: termPostings(t, flat[i + 1], n), exact: t === term });
        if (!prefix || found.length >= MAX_EXPANSIONS) return found;
      }
    }
    return found;
  }

  // ------------------------------------------------------------ matching

  // The ways a word may be found: as typed, and as each of its synonyms.
  // A form is the text that must be in the document, how (`phrase`,
  // `order`: its characters in order), its tokens and its weight.
  function forms(word, fallback) {
    const texts = [[word.text, 1]];
    for (const s of synonyms.get(word.text) || []) if (s !== word.text) texts.push([s, SYNONYM]);
    return texts.map(([text, weight]) => {
      const han = Array.from(text).every(isHan);
      const inOrder = fallback && han && text.length > 1;
      return {
        text,
        han,
        prefix: word.prefix && !han,
        how: inOrder ? 'order' : 'phrase',
        terms: inOrder ? Array.from(new Set(Array.from(text))) : termsOf(text, han),
        weight,
      };
    });
  }

  const idf = (p) => Math.log(1 + meta.docs / Math.max(1, p.df));

  // Load what the forms need: per form, per term, its postings (a prefix's
  // longer tokens as alternatives). Terms past MAX_SHARDS are left out.
  async function resolve(allForms) {
    const need = new Set();
    const fits = (term, prefix) => {
      const more = shardsFor(term, prefix).filter((n) => !need.has(n));
      if (need.size + more.length > MAX_SHARDS) return false;
      more.forEach((n) => need.add(n));
      return true;
    };
    for (const f of allForms) f.terms = f.terms.filter((t) => fits(t, f.prefix));
    await Promise.all(allForms.map(async (f) => {
      f.alts = await Promise.all(f.terms.map((t) => lookup(t, f.prefix)));
    }));
  }

  // How a form matches document d from the postings: 0 no, 1 perhaps (a
  // token's postings are not loaded that far, or the text must be checked),
  // 2 yes; with its weight and whether it is in the title, id or a heading.
  function formAt(f, d) {
    if (!f.alts || !f.alts.length) return { m: 0 };
    let m = f.how === 'phrase' && (!f.han || f.terms.length < 2) ? 2 : 1;
    let w = 0;
    let strong = true;
    let open = false;
    for (const alts of f.alts) {
      let best = null;
      let later = false;
      for (const a of alts) {
        const s = a.p.docs.get(d);
        if (s !== undefined) {
          const v = idf(a.p) * (s ? STRONG : 1) * (a.exact ? 1 : LONGER);
          if (!best || v > best.v) best = { v, s };
        } else if (d > a.p.upto) later = true;
      }
      if (!best && !later) return { m: 0 };
      if (!best) {
        m = 1;
        strong = false;
        open = true;
      } else {
        w += best.v;
        strong = strong && best.s;
      }
    }
    return { m, w: w * f.weight, strong, open, typed: f.weight === 1 };
  }

  // A document's score for the words, or null when a word is surely not
  // there. `need` words must match (all of them, but for the loosest way).
  function score(words, d, need) {
    let matched = 0;
    let sure = true;
    let strong = 0;
    let typed = 0;
    let open = false;
    let weight = 0;
    for (const w of words) {
      let best = { m: 0 };
      for (const f of w.forms) {
        const r = formAt(f, d);
        const better = r.m > best.m || (r.m === best.m && r.m > 0 &&
          (r.typed > best.typed || (r.typed === best.typed && r.w > best.w)));
        if (better) best = r;
      }
      if (best.m === 0) continue;
      matched += 1;
      if (best.m === 1) sure = false;
      if (best.open) open = true;
      if (best.strong) strong += 1;
      if (best.typed) typed += 1;
      weight += best.w;
    }
    if (matched < need) return null;
    return { d, tier: tierOf(d), matched, sure, open, strong, typed, weight };
  }

  // The tier of a document from its number: documents are sorted by kind.
  function tierOf(d) {
    let k = 0;
    while (k + 1 < meta.starts.length && meta.starts[k + 1] <= d) k++;
    return meta.tiers[k];
  }

  // Ranked: more words matched; data pages before records and standards,
  // clauses and rules; words as typed before synonyms; in the title, id or
  // a heading before the text; rarer words; the index's order of kinds.
  const order = (a, b) => b.matched - a.matched || a.tier - b.tier || b.typed - a.typed ||
    b.strong - a.strong || b.weight - a.weight || a.d - b.d;

  // Every candidate of the loaded postings, ranked.
  function candidates(words, need, skip) {
    const docs = new Set();
    for (const w of words) for (const f of w.forms) for (const alts of f.alts || []) {
      for (const a of alts) for (const d of a.p.docs.keys()) if (!skip.has(d)) docs.add(d);
    }
    const out = [];
    for (const d of docs) {
      const s = score(words, d, need);
      if (s) out.push(s);
    }
    return out.sort(order);
  }

  // Whether folded text `hay` has form f (for a prefix, a word starting so).
  function has(hay, f) {
    if (f.how === 'order') {
      let i = 0;
      for (const c of f.text) {
        i = hay.indexOf(c, i);
        if (i < 0) return false;
        i += c.length;
      }
      return true;
    }
    if (f.han) return hay.includes(f.text);
    for (let i = hay.indexOf(f.text); i >= 0; i = hay.indexOf(f.text, i + 1)) {
      const before = i === 0 || !isWord(hay[i - 1]);
      const end = i + f.text.length;
      if (before && (f.prefix || end === hay.length || !isWord(hay[end]))) return true;
    }
    return false;
  }

  // The index row of document d (loading its chunk).
  async function row(d) {
    const rows = (await chunk(Math.floor(d / meta.chunk))) || [];
    return rows[d % meta.chunk] || null;
  }

  // Whether a document's row has `need` of the words: true, false, or
  // null when its text is cut short in the index (ending in …) and the
  // words may be in what was cut.
  function check(words, r, need) {
    const [, , title, id, , heads, text, keys] = r;
    const hay = fold([title, id, heads, text, keys].join(' \u0000 ')).join('');
    const n = words.filter((w) => w.forms.some((f) => has(hay, f))).length;
    if (n >= need) return true;
    return text.endsWith('…') || keys.endsWith('…') ? null : false;
  }

  // ------------------------------------------------------------ snippets

  // Text cut around its first match, as [text, marked] pieces.
  function highlight(text, marks, cut) {
    const cs = Array.from(text);
    const folded = cs.map(foldChar);
    const marked = new Array(cs.length).fill(false);
    for (const f of marks) {
      const t = Array.from(f.text);
      if (f.how === 'order') {
        let k = 0;
        for (let i = 0; i < cs.length && k < t.length; i++) {
          if (folded[i] === t[k]) {
            marked[i] = true;
            k++;
          }
        }
        continue;
      }
      for (let i = 0; i + t.length <= cs.length; i++) {
        if (!f.han && i > 0 && isWord(folded[i - 1])) continue;
        if (!f.han && !f.prefix && i + t.length < cs.length && isWord(folded[i + t.length])) continue;
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

  const anyMark = (pieces) => pieces.some((p) => p[1]);

  // A result as shown: kind, standard, title and snippet marked; the id
  // and the other words only when the query found it by them.
  function result(r, marks) {
    const [kind, url, title, id, standard, , text, keys] = r;
    const idMarks = highlight(id, marks, false);
    let snippet = highlight(text, marks, true);
    if (!anyMark(snippet) && (!anyMark(highlight(title, marks, false)) || !text)) {
      const other = highlight(keys, marks, true);
      if (anyMark(other)) snippet = other;
    }
    return {
      kind: meta.kinds[kind],
      url,
      href: root + url,
      title,
      id,
      standard,
      titleMarks: highlight(title, marks, false),
      idMarks: anyMark(idMarks) ? idMarks : [],
      snippet,
    };
  }

  // ------------------------------------------------------------ search

  // The ways of matching, strictest first: every word as written (or a
  // synonym); every word's characters in order; the most words and pairs.
  // A query of words typed apart (with spaces) is matched the first way
  // only: every result has every word.
  const STAGES = ['exact', 'order', 'loose'];

  // The words of a stage: for `loose`, each Han character pair of the
  // query and each synonym found inside a longer word count as words, and
  // half of them must match.
  function stageWords(ws, stage) {
    if (stage !== 'loose') return ws.map((w) => ({ ...w, forms: forms(w, stage === 'order') }));
    const out = [];
    for (const w of ws) {
      if (!w.han || w.text.length <= 2) {
        out.push({ ...w, forms: forms(w, false) });
        continue;
      }
      const cs = Array.from(w.text);
      const covered = new Array(cs.length).fill(false);
      for (const [s] of synonyms) {
        const at = w.text.indexOf(s);
        if (s.length < 2 || at < 0 || s === w.text) continue;
        const start = Array.from(w.text.slice(0, at)).length;
        Array.from(s).forEach((_, k) => (covered[start + k] = true));
        out.push({ text: s, han: true, prefix: false, forms: forms({ text: s, prefix: false }, false) });
      }
      for (let k = 0; k + 1 < cs.length; k++) {
        if (covered[k] && covered[k + 1]) continue;
        const pair = { text: cs[k] + cs[k + 1], han: true, prefix: false };
        out.push({ ...pair, forms: forms(pair, false) });
      }
    }
    const seen = new Set();
    return out.filter((w) => !seen.has(w.text) && seen.add(w.text));
  }

  // How well a result's title answers the words: 2 when it is one of them
  // (or a synonym), else the share of its characters they cover.
  function closeness(title, ws) {
    const t = fold(title).join('');
    let covered = 0;
    for (const w of ws) {
      let best = 0;
      for (const f of w.forms) {
        if (f.text === t) return 2;
        if (f.how === 'phrase' && t.includes(f.text)) best = Math.max(best, f.text.length);
      }
      covered += best;
    }
    return t.length ? Math.min(1, covered / t.length) : 0;
  }

  // A page of results in their final order: a title that is the query
  // first (but for clauses and rules), then by tier, the loosest matches
  // last, words as typed, in the title, the stricter stage, how much of the
  // title the query is; else as ranked.
  function rerank(page) {
    const key = (x) => [x.close === 2 && x.s.tier < 2 ? 0 : 1, x.s.tier, STAGES[x.stage] === 'loose' ? 1 : 0,
      -x.s.typed, -x.s.strong, x.stage, -x.close, x.at];
    const cmp = (a, b) => {
      const ka = key(a);
      const kb = key(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
      return 0;
    };
    return page.sort(cmp).map((x) => x.r);
  }

  // A search: `next()` gives the next results, checked, ranked. The
  // stages run in turn while the stricter ones find fewer than a page.
  class Search {
    constructor(query) {
      this.query = query;
      this.stage = -1;
      this.accepted = new Set();
      this.before = 0;
      this.found = 0;
      this.total = 0;
      this.approx = false;
      this.more = false;
    }

    async start() {
      await loadMeta();
      this.words = words(this.query);
      if (!this.words.length) return [];
      // Words typed apart must each be there as written: no fallback.
      const stages = /\s/.test(this.query.trim()) ? 1 : STAGES.length;
      const page = [];
      while (page.length < PAGE_RESULTS && this.stage + 1 < stages) {
        this.before += this.found;
        this.stage += 1;
        // Characters in order: for short words (禁语, 首问), whose
        // characters' postings are few to load; longer ones go on to pairs.
        if (STAGES[this.stage] === 'order' && this.words.some((w) => w.han && w.text.length > MAX_ORDER)) continue;
        await this.prepare();
        page.push(...(await this.batch(PAGE_RESULTS - page.length)));
      }
      this.total += this.before;
      return rerank(page);
    }

    async prepare() {
      const stage = STAGES[this.stage];
      this.ws = stageWords(this.words, stage);
      this.need = stage === 'loose' ? Math.max(1, Math.ceil(this.ws.length / 2)) : this.ws.length;
      await resolve(this.ws.flatMap((w) => w.forms));
      this.marks = (this.marks || []).concat(this.ws.flatMap((w) => w.forms));
      this.shown = new Set(this.accepted);
      this.found = 0;
      this.pending = candidates(this.ws, this.need, this.shown);
      this.count();
    }

    // The count: the results so far and the candidates left; an estimate
    // (the rarest word's document frequency, for a match of all words)
    // while postings are not all loaded or candidates' texts unchecked.
    count() {
      const open = this.incomplete().length > 0;
      this.total = this.found + this.pending.length;
      this.approx = open || this.pending.some((s) => !s.sure);
      if (open && this.need === this.ws.length) {
        const dfOf = (f) => Math.min(...(f.alts || []).map((alts) => alts.reduce((n, a) => n + a.p.df, 0)));
        const words = this.ws.map((w) => w.forms.reduce((n, f) => n + (f.alts && f.alts.length ? dfOf(f) : 0), 0));
        this.total = Math.max(this.total, Math.min(...words));
      }
    }

    // The postings whose next pages may bring new results, lowest first:
    // none when a word's postings are all loaded (every result is among
    // its documents, and their texts decide the rest) or when fewer than
    // every word must match.
    incomplete() {
      if (this.need < this.ws.length) return [];
      // A form with a token in no document never matches.
      const open = (f) => (!f.alts || f.alts.some((alts) => !alts.length) ? []
        : f.alts.flat().filter((a) => a.p.upto !== Infinity).map((a) => a.p));
      const per = this.ws.map((w) => w.forms.flatMap(open));
      if (per.some((ps) => !ps.length)) return [];
      return per.flat().sort((a, b) => a.upto - b.upto);
    }

    // The next page of results, in their final order.
    async next() {
      if (!this.ws) return [];
      const page = await this.batch(PAGE_RESULTS);
      this.total += this.before;
      return rerank(page);
    }

    // Up to `want` more results of this stage, each checked against its
    // text, as { r, s, stage, close, at } for rerank.
    async batch(want) {
      const out = [];
      let checks = 0;
      let pages = 0;
      while (out.length < want) {
        if (!this.pending.length) {
          const open = this.incomplete();
          if (!open.length || pages >= (out.length ? MAX_PAGES : MAX_PAGES_NONE)) break;
          const lowest = open[0].upto;
          const batch = open.filter((p) => p.upto === lowest);
          pages += batch.length;
          await Promise.all(batch.map(morePostings));
          this.pending = candidates(this.ws, this.need, this.shown);
          continue;
        }
        if (checks >= MAX_CHECKS) break;
        const batch = this.pending.splice(0, want - out.length);
        checks += batch.length;
        const rows = await Promise.all(batch.map((s) => row(s.d)));
        batch.forEach((s, k) => {
          const r = rows[k];
          const ok = !r ? false : s.sure || check(this.ws, r, this.need);
          // A cut text cannot tell: its tokens' postings will, once
          // loaded; with all of them there, the phrase is taken as there.
          if (ok === null && s.open && this.incomplete().length) return;
          this.shown.add(s.d);
          if (ok === false) return;
          this.accepted.add(s.d);
          const shown = { ...result(r, this.marks), doc: s.d };
          out.push({ r: shown, s, stage: this.stage, close: closeness(r[2], this.ws), at: out.length });
        });
      }
      this.found += out.length;
      this.count();
      this.more = this.pending.length > 0 || this.incomplete().length > 0;
      return out;
    }
  }

  // The query's first results: { total, approx, more, results, next() }
  // with next() giving the following results; results are { kind, url,
  // href, title, id, standard, titleMarks, idMarks, snippet, doc }, the
  // marks as [text, marked] pieces, doc the document's number.
  async function search(query) {
    const s = new Search(query);
    const results = await s.start();
    const found = {
      results,
      next: async () => {
        const more = await s.next();
        Object.assign(found, { total: s.total, approx: s.approx, more: s.more });
        return more;
      },
    };
    return Object.assign(found, { total: s.total, approx: s.approx, more: s.more });
  }

  globalThis.__guifanSearch = {
    meta: (data) => settle('meta', data),
    shard: (n, data) => settle('t' + n, data),
    page: (key, data) => settle('p' + key, data),
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
    const panel = document.getElementById('search-panel');
    const list = document.getElementById('search-results');
    const status = document.getElementById('search-status');
    const countLine = document.getElementById('search-count');
    const moreButton = document.getElementById('search-more');
    if (!input || !list) return;
    let options = [];
    let active = -1;
    let seq = 0;
    let timer = 0;
    let found = null;

    const isOpen = () => !list.hidden;
    const say = (text) => {
      if (status) status.textContent = text;
    };
    function open(yes) {
      list.hidden = !yes;
      if (panel) panel.hidden = !yes;
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
    function option(r, i) {
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
      a.append(pointer, span('search-kind', [[r.kind, false]]), ' ', span('search-title', r.titleMarks));
      if (r.idMarks.length) a.append(' ', span('search-id', r.idMarks));
      if (r.standard) a.append(' ', span('search-standard', [[r.standard, false]]));
      a.append(snippet);
      const li = document.createElement('li');
      li.setAttribute('role', 'none');
      li.append(a);
      return li;
    }

    function showCount() {
      if (countLine) {
        const template = (found.approx ? input.dataset.countApprox : input.dataset.count) || '{n}';
        countLine.textContent = template.replace('{n}', String(found.total));
      }
      if (moreButton) moreButton.hidden = !found.more;
    }

    function append(results) {
      const items = results.map((r, k) => option(r, options.length + k));
      options = options.concat(items.map((li) => li.firstChild));
      list.append(...items);
    }

    function render(result, query) {
      found = result;
      options = [];
      list.replaceChildren();
      append(found.results);
      showCount();
      say(options.length || !query.trim() ? '' : input.dataset.noResults || '');
      open(options.length > 0);
    }

    async function showMore() {
      const mine = seq;
      const more = await found.next();
      if (mine !== seq) return;
      append(more);
      showCount();
      if (more.length) select(options.length - more.length);
    }

    async function run() {
      const mine = ++seq;
      const query = input.value;
      try {
        const result = query.trim() ? await search(query) : { results: [], total: 0, more: false };
        if (mine === seq) render(result, query);
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
    // Keep the focus in the box while a result or "more" is clicked.
    (panel || list).addEventListener('mousedown', (e) => e.preventDefault());
    if (moreButton) moreButton.addEventListener('click', () => showMore().catch((e) => say(String(e.message || e))));
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

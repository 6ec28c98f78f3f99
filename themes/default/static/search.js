// zhpress search: no server, and only what a query needs. The index of the
// page's variant (folder search/, made by src/render/search/) is scripts,
// each handing its data to window.zhpressSearch, because a page opened from
// file:// may load a script but not fetch() JSON:
//
//   search/index.js   the manifest, loaded when the reader first focuses or
//                     types in the search box: the first key of each shard,
//                     the folding pairs, the separators;
//   search/i/N.js     a shard of the inverted index: posting lists of folded
//                     bigrams, loaded for the keys of a query;
//   search/d/N.js     the text of a few documents, loaded for the results
//                     shown (titles, links, snippets), six at a time.
//
// Text and query are folded to one script character by character, so a query
// in either script finds text in either. Folding keeps the length in UTF-16
// units, so a match in the folded text highlights the same place in the
// original. A term matches where it occurs as a substring of the folded text:
// its bigrams one after another (段简 is found in 一段简单). Every term
// must occur; names rank first, then summaries, then the number of
// occurrences.
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form) return;
  var input = form.querySelector('input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var d = form.dataset;
  var MAX = 30; // results listed
  var BATCH = 6; // results whose text is loaded at once: about what the list shows
  var NARROW = 12; // documents few enough to count a term in their text
  var CHEAP = 32; // KB: a key in a shard of the usual size (about 24 KB)
  var state = 'idle'; // idle → loading → ready | failed
  var manifest = null; // { docs, per, firsts, sep }
  var foldMap = null;
  var shards = []; // n → { keys, lists } once loaded
  var chunks = []; // n → documents once loaded
  var pending = {}; // script url → Promise
  var parsed = new Map(); // key → entries
  var generation = 0;
  var observer = null;
  var next = null; // lists the next batch, while there is one to list

  window.zhpressSearch = {
    manifest: function (m) { manifest = m; },
    shard: function (n, flat) {
      var s = { keys: [], lists: [] };
      for (var i = 0; i + 1 < flat.length; i += 2) { s.keys.push(flat[i]); s.lists.push(flat[i + 1]); }
      shards[n] = s;
    },
    docs: function (n, docs) { chunks[n] = docs; }
  };

  // A script of the index, once: resolves when it has run.
  function script(path) {
    var url = d.index + path;
    if (!pending[url]) {
      pending[url] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = url;
        s.async = true;
        s.onload = resolve;
        s.onerror = function () { delete pending[url]; reject(new Error(url)); };
        document.head.appendChild(s);
      });
    }
    return pending[url];
  }

  function load() {
    if (state !== 'idle') return pending[d.index + 'index.js'];
    state = 'loading';
    return script('index.js').then(function () {
      var m = manifest;
      if (!m || typeof m.shards !== 'string') throw new Error('manifest');
      foldMap = new Map();
      var pairs = Array.from(m.fold);
      for (var i = 0; i + 1 < pairs.length; i += 2) foldMap.set(pairs[i], pairs[i + 1]);
      m.firsts = m.shards ? m.shards.split(',') : [];
      m.sepSet = new Set(Array.from(m.sep));
      m.kb = [];
      for (var at = 0; at < m.sizes.length;) {
        var v = 0, mul = 1, x;
        while ((x = DIGIT[m.sizes.charCodeAt(at++)]) >= 32) { v += (x - 32) * mul; mul *= 32; }
        m.kb.push(v + x * mul);
      }
      state = 'ready';
    }, function (e) { fail(); throw e; });
  }

  function fail() {
    state = 'failed';
    say(d.failed);
  }

  // The same folding as src/render/search/fold.rs.
  function fold(text) {
    var out = '';
    for (var ch of text) {
      var to = foldMap.get(ch);
      if (to === undefined) {
        var c = ch.charCodeAt(0);
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
        else if (c === 0x3000) c = 0x20;
        if (c >= 0x41 && c <= 0x5A) c += 0x20;
        to = ch.length === 1 ? String.fromCharCode(c) : ch;
      }
      out += to;
    }
    return out;
  }

  // The folded query split at the manifest's separators, each term once.
  function terms(query) {
    var seen = [], term = '';
    for (var ch of fold(query) + ' ') {
      if (!manifest.sepSet.has(ch) && ch !== ' ') { term += ch; continue; }
      if (term && seen.indexOf(term) < 0) seen.push(term);
      term = '';
    }
    return seen;
  }

  // Keys compare by code point, as the index sorts them.
  function cmp(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var p = x[i].codePointAt(0), q = y[i].codePointAt(0);
      if (p !== q) return p < q ? -1 : 1;
    }
    return x.length - y.length;
  }

  function lowerBound(key) {
    var f = manifest.firsts, lo = 0, hi = f.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(f[mid], key) < 0) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // The shards that may hold `key` (two characters), or every key starting
  // with `key` (one character): a shard holds the keys from its first up to
  // the next shard's first; a key too long for one has shards of its own.
  function shardsFor(key, prefix) {
    var f = manifest.firsts, at = lowerBound(key), out = [];
    if (at > 0 && f[at] !== key) out.push(at - 1);
    for (var i = at; i < f.length; i++) {
      var head = prefix ? Array.from(f[i])[0] : f[i];
      if (head !== key) break;
      out.push(i);
    }
    return out;
  }

  // Where in a term (of characters `cs`) the bigrams that cover it start:
  // every other one and the last. A term occurs where these do, one after
  // another, as surely as where all its bigrams do, and a long name loads
  // half the shards.
  function cover(cs) {
    var at = [];
    for (var i = 0; i + 1 < cs.length; i += 2) at.push(i);
    if (cs.length % 2) at.push(cs.length - 2);
    return at;
  }

  function bigram(cs, i) { return cs[i] + cs[i + 1]; }

  // What loading a key costs, in KB: its shards not loaded yet.
  function cost(key) {
    return shardsFor(key, false).reduce(function (n, s) { return n + (shards[s] ? 0 : manifest.kb[s]); }, 0);
  }

  // Where in a term of two or more characters its cheap bigrams start: those
  // that share a shard of the usual size with other keys.
  function rare(cs) {
    var at = [];
    for (var i = 0; i + 1 < cs.length; i++) if (cost(bigram(cs, i)) <= CHEAP) at.push(i);
    return at;
  }

  // The shards a query needs first: for each term its covering bigrams, or,
  // when some of them are common (their posting lists large), its cheap
  // bigrams: they may narrow the term down to a few documents, whose text
  // then settles it.
  function plan(ts) {
    var need = [];
    ts.forEach(function (t) {
      var cs = Array.from(t);
      if (cs.length === 1) { need = need.concat(shardsFor(cs[0], true)); return; }
      var few = rare(cs), all = cover(cs).every(function (i) { return few.indexOf(i) >= 0; });
      var at = few.length && !all ? few : cover(cs);
      at.forEach(function (i) { need = need.concat(shardsFor(bigram(cs, i), false)); });
    });
    return need.filter(function (n, i) { return need.indexOf(n) === i; });
  }

  function shardScripts(ns) {
    return Promise.all(ns.filter(function (n) { return !shards[n]; }).map(function (n) { return script('i/' + n + '.js'); }));
  }

  // Numbers as src/render/search/code.rs writes them: five bits a character,
  // low bits first; the first 32 characters of the alphabet end a number.
  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT = new Int8Array(128);
  for (var a = 0; a < 64; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  // A posting list: [{ d: doc, f: field (0 title, 1 summary, 2 rest),
  // t: the title's length, p: positions }], by document and field.
  function decode(text, out) {
    var at = 0, n = text.length, doc = 0;
    function num() {
      var v = 0, mul = 1;
      for (;;) {
        var x = DIGIT[text.charCodeAt(at++)];
        if (x < 32) return v + x * mul;
        v += (x - 32) * mul;
        mul *= 32;
      }
    }
    while (at < n) {
      var h = num();
      doc += Math.floor(h / 4);
      var e = { d: doc - 1, f: h & 3, t: 0, p: [] };
      if (e.f === 0) e.t = num();
      // The first position plus one, then the gaps, then 0.
      var pos = num() - 1;
      e.p.push(pos);
      for (var gap = num(); gap; gap = num()) { pos += gap; e.p.push(pos); }
      out.push(e);
    }
    return out;
  }

  // The entries of one key, from every shard that carries part of it.
  function entries(key) {
    var got = parsed.get(key);
    if (got) return got;
    got = [];
    shardsFor(key, false).forEach(function (n) {
      var s = shards[n];
      var i = s ? s.keys.indexOf(key) : -1;
      if (i >= 0) decode(s.lists[i], got);
    });
    parsed.set(key, got);
    return got;
  }

  // Where a term occurs: doc → { p: positions in the title, the summary,
  // the rest; t: the title's length }.
  function occurrences(term) {
    var cs = Array.from(term);
    if (cs.length === 1) return Promise.resolve(single(cs[0]));
    var few = rare(cs);
    if (!few.length || cover(cs).every(function (i) { return few.indexOf(i) >= 0; })) return exact(cs, term);
    // Some bigrams are common: the cheap ones first. If they leave few
    // documents, the term is counted in their text (loaded to show them anyway).
    var found = new Map();
    aligned(cs, few, -1, function (d) { return found.get(d) || found.set(d, true); });
    var docs = Array.from(found.keys());
    if (docs.length > NARROW || docs.some(function (d) { return manifest.cut.indexOf(d) >= 0; })) return exact(cs, term);
    return texts(docs.map(function (d) { return { i: d }; })).then(function () { return counted(term, docs); });
  }

  function exact(cs, term) {
    var at = cover(cs), ns = [];
    at.forEach(function (i) { ns = ns.concat(shardsFor(bigram(cs, i), false)); });
    return shardScripts(ns).then(function () {
      var found = new Map();
      aligned(cs, at, term.length, function (d) {
        var o = found.get(d);
        if (!o) { o = { p: [[], [], []], t: 0 }; found.set(d, o); }
        return o;
      });
      return found;
    });
  }

  // Every key the character starts: it and what follows it.
  function single(c) {
    var keys = [], found = new Map();
    shardsFor(c, true).forEach(function (n) {
      (shards[n] ? shards[n].keys : []).forEach(function (k) {
        if (Array.from(k)[0] === c && keys.indexOf(k) < 0) keys.push(k);
      });
    });
    keys.forEach(function (k) {
      entries(k).forEach(function (e) {
        var o = found.get(e.d);
        if (!o) { o = { p: [[], [], []], t: 0 }; found.set(e.d, o); }
        if (e.f === 0) o.t = e.t;
        for (var i = 0; i < e.p.length; i++) o.p[e.f].push(e.p[i]);
      });
    });
    found.forEach(function (o) { o.p.forEach(function (p) { p.sort(function (x, y) { return x - y; }); }); });
    return found;
  }

  // Where the bigrams of `cs` starting at `at` occur one after another, each
  // at its offset (UTF-16) from where the term starts: per document and
  // field, the places, counted without overlap (as indexOf from the end of
  // the last one counts them) when `len` is the term's length, into
  // `doc(d)`'s record.
  function aligned(cs, at, len, doc) {
    var units = [0];
    for (var i = 0; i < cs.length; i++) units.push(units[i] + cs[i].length);
    var lists = at.map(function (i) { return entries(bigram(cs, i)); });
    var offsets = at.map(function (i) { return units[i]; });
    var sets = lists.slice(1).map(function (l) {
      var m = new Map();
      l.forEach(function (e) { m.set(e.d * 4 + e.f, new Set(e.p)); });
      return m;
    });
    lists[0].forEach(function (e) {
      var others = sets.map(function (m) { return m.get(e.d * 4 + e.f); });
      if (others.some(function (s) { return !s; })) return;
      var hits = e.p.filter(function (p) {
        return others.every(function (s, k) { return s.has(p + offsets[k + 1] - offsets[0]); });
      });
      if (!hits.length) return;
      var o = doc(e.d);
      if (len < 0) return;
      if (e.f === 0) o.t = e.t;
      var free = -1; // where an occurrence may start without overlapping the last
      hits.forEach(function (h) { if (h >= free) { o.p[e.f].push(h - offsets[0]); free = h + len; } });
    });
  }

  // A term counted in the text of these documents, as the index would count it.
  function counted(term, docs) {
    var found = new Map();
    docs.forEach(function (d) {
      var doc = chunks[Math.floor(d / manifest.per)][d % manifest.per];
      var fields = doc.slice(2).map(fold);
      var o = { p: [[], [], []], t: fields[0].length }, n = 0;
      fields.forEach(function (text, f) {
        for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
          o.p[Math.min(f, 2)].push(at);
          n++;
        }
      });
      if (n) found.set(d, o);
    });
    return found;
  }

  // Every term must occur somewhere; the rank puts an exact name first, then
  // name matches, then matches in the summary, then the number of occurrences.
  function search(ts) {
    return Promise.all(ts.map(occurrences)).then(function (occ) { return rank(ts, occ); });
  }

  function rank(ts, occ) {
    var hits = [];
    occ[0].forEach(function (o0, doc) {
      var inTitle = 0, inLede = 0, total = 0;
      for (var t = 0; t < ts.length; t++) {
        var o = occ[t].get(doc);
        if (!o) return;
        if (o.p[0].length) inTitle++;
        if (o.p[1].length) inLede++;
        total += o.p[0].length + o.p[1].length + o.p[2].length;
      }
      // The title is the terms one after another, and nothing else.
      var exact = 1, from = 0;
      for (var k = 0; k < ts.length && exact; k++) {
        if (occ[k].get(doc).p[0].indexOf(from) < 0) exact = 0;
        from += ts[k].length;
      }
      if (exact && from !== o0.t) exact = 0;
      hits.push({ i: doc, key: [exact, inTitle, inLede, total] });
    });
    hits.sort(function (a, b) {
      for (var k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return b.key[k] - a.key[k];
      return a.i - b.i;
    });
    return hits;
  }

  // `original` with every occurrence of the terms (found in `folded`, the same
  // length) wrapped in <mark>, from `start` to `end`.
  function marked(original, folded, ts, start, end) {
    var marks = [];
    ts.forEach(function (t) {
      for (var at = folded.indexOf(t, start); at >= 0 && at < end; at = folded.indexOf(t, at + t.length)) {
        marks.push([at, Math.min(at + t.length, end)]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var frag = document.createDocumentFragment();
    var pos = start;
    marks.forEach(function (m) {
      if (m[0] < pos) { if (m[1] > pos) m[0] = pos; else return; }
      frag.appendChild(document.createTextNode(original.slice(pos, m[0])));
      var mark = document.createElement('mark');
      mark.textContent = original.slice(m[0], m[1]);
      frag.appendChild(mark);
      pos = m[1];
    });
    frag.appendChild(document.createTextNode(original.slice(pos, end)));
    return frag;
  }

  function isLow(s, i) { var c = s.charCodeAt(i); return c >= 0xDC00 && c <= 0xDFFF; }

  // A window of the first field after the name that holds a term.
  function snippet(doc, fields, ts) {
    for (var f = 1; f < fields.length; f++) {
      var text = fields[f], at = -1, len = 0;
      for (var t = 0; t < ts.length; t++) {
        var p = text.indexOf(ts[t]);
        if (p >= 0 && (at < 0 || p < at)) { at = p; len = ts[t].length; }
      }
      if (at < 0) continue;
      var start = Math.max(0, at - 18), end = Math.min(text.length, at + len + 42);
      if (start > 0 && isLow(text, start)) start--;
      if (end < text.length && isLow(text, end)) end++;
      var p2 = document.createElement('p');
      if (start > 0) p2.appendChild(document.createTextNode('…'));
      p2.appendChild(marked(doc[f + 2], text, ts, start, end));
      if (end < text.length) p2.appendChild(document.createTextNode('…'));
      return p2;
    }
    return null;
  }

  // The documents of these hits, loaded.
  function texts(hits) {
    var per = manifest.per, need = [];
    hits.forEach(function (h) {
      var n = Math.floor(h.i / per);
      if (!chunks[n] && need.indexOf(n) < 0) need.push(n);
    });
    return Promise.all(need.map(function (n) { return script('d/' + n + '.js'); }));
  }

  function item(h, ts) {
    var doc = chunks[Math.floor(h.i / manifest.per)][h.i % manifest.per];
    var fields = doc.slice(2).map(fold);
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = d.root + doc[0];
    var kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = d['kind' + doc[1].toUpperCase()] || '';
    a.appendChild(kind);
    a.appendChild(marked(doc[2], fields[0], ts, 0, fields[0].length));
    li.appendChild(a);
    var p = snippet(doc, fields, ts);
    if (p) li.appendChild(p);
    return li;
  }

  function say(text) {
    status.textContent = text || '';
  }

  function clear() {
    generation++;
    next = null;
    if (observer) observer.disconnect();
    list.textContent = '';
    list.hidden = true;
    say('');
  }

  // Lists the next batch of `shown` once its text is in; the batch after it
  // when the last one listed is wholly in view or focused, not while it is
  // cut off at the bottom of the list.
  function more(gen, shown, ts) {
    var from = list.children.length, batch = shown.slice(from, from + BATCH);
    if (!batch.length) return Promise.resolve();
    return texts(batch).then(function () {
      if (gen !== generation || list.children.length !== from) return;
      batch.forEach(function (h) { list.appendChild(item(h, ts)); });
      list.hidden = false;
      if (list.children.length >= shown.length) return;
      if (!('IntersectionObserver' in window)) { more(gen, shown, ts); return; }
      var last = list.lastElementChild;
      next = function () {
        next = null;
        observer.disconnect();
        more(gen, shown, ts).catch(fail);
      };
      if (observer) observer.disconnect();
      // Nearly whole: at 1 exactly a fraction of a pixel cut off would never count.
      observer = new IntersectionObserver(function (seen) {
        if (next && seen.some(function (e) { return e.intersectionRatio >= 0.9; })) next();
      }, { root: list, threshold: [0.9, 1] });
      observer.observe(last);
    });
  }

  function run() {
    var q = input.value.trim();
    if (!q) { clear(); return Promise.resolve(); }
    var gen = ++generation;
    if (state === 'failed') return Promise.resolve();
    if (state !== 'ready') say(d.loading);
    return load().then(function () {
      if (gen !== generation) return;
      var ts = terms(q);
      if (!ts.length) { clear(); return; }
      var need = plan(ts).filter(function (n) { return !shards[n]; });
      if (need.length) say(d.loading);
      return shardScripts(need).then(function () {
        return search(ts);
      }).then(function (hits) {
        if (gen !== generation) return;
        var shown = hits.slice(0, MAX);
        return texts(shown.slice(0, BATCH)).then(function () {
          if (gen !== generation) return;
          next = null;
          if (observer) observer.disconnect();
          list.textContent = '';
          list.hidden = true;
          if (!hits.length) say(d.none);
          else if (hits.length > MAX) say(d.shown.replace('{n}', hits.length).replace('{shown}', MAX));
          else say(d.found.replace('{n}', hits.length));
          return more(gen, shown, ts);
        });
      });
    }).catch(function () { if (state !== 'failed') fail(); });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  input.addEventListener('focus', function () { if (state === 'idle') load().catch(function () {}); });
  input.addEventListener('input', run);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run().then(function () {
      var first = links()[0];
      if (first) first.focus();
    });
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' && !list.hidden) {
      var first = links()[0];
      if (first) { e.preventDefault(); first.focus(); }
    } else if (e.key === 'Escape') {
      input.value = '';
      clear();
    }
  });
  // ArrowDown to the last result listed lists the next batch too (the link
  // it focuses comes into view, its snippet may not).
  list.addEventListener('focusin', function (e) {
    if (next && list.lastElementChild && list.lastElementChild.contains(e.target)) next();
  });
  list.addEventListener('keydown', function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && i < all.length - 1) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
  });
  // A query already in the box (the browser restored it, or ?q= in the address).
  var fromUrl = new URLSearchParams(location.search).get('q');
  if (fromUrl) input.value = fromUrl;
  if (input.value) run();
})();

// zhpress search: no server. The index of the page's variant (search-index.js,
// which assigns window.zhpressSearchIndex) is loaded by a <script> element,
// which works from file:// where fetch() of JSON does not, and only when the
// reader first focuses or types in the search box.
//
// Text and query are folded to one script character by character (the
// index ships the Traditional → Simplified pairs it needs), so a query in
// either script finds text in either. Folding keeps the length in UTF-16
// units, so a match in the folded text highlights the same place in the
// original. Matching is plain substring search: 段简 is found in 一段简单.
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form) return;
  var input = form.querySelector('input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var d = form.dataset;
  var MAX = 30;
  var state = 'idle'; // idle → loading → ready | failed
  var index = null; // { docs, folded }
  var foldMap = null;

  function load() {
    if (state !== 'idle') return;
    state = 'loading';
    var s = document.createElement('script');
    s.src = d.index;
    s.async = true;
    s.onload = function () {
      var raw = window.zhpressSearchIndex;
      if (!raw || !raw.docs) { fail(); return; }
      foldMap = new Map();
      var pairs = Array.from(raw.fold);
      for (var i = 0; i + 1 < pairs.length; i += 2) foldMap.set(pairs[i], pairs[i + 1]);
      index = {
        docs: raw.docs,
        folded: raw.docs.map(function (doc) { return doc.slice(2).map(fold); })
      };
      state = 'ready';
      run();
    };
    s.onerror = fail;
    document.head.appendChild(s);
  }

  function fail() {
    state = 'failed';
    say(d.failed);
  }

  // The same folding as src/render/search.rs `fold`.
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

  function terms(query) {
    var seen = [];
    fold(query).split(/[\s,，、。;；:：!！?？'"“”‘’「」《》()（）]+/).forEach(function (t) {
      if (t && seen.indexOf(t) < 0) seen.push(t);
    });
    return seen;
  }

  function count(text, term) {
    var n = 0;
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) n++;
    return n;
  }

  // Every term must occur somewhere; the rank puts name matches first, then
  // matches in the summary, then the number of occurrences.
  function search(ts) {
    var hits = [];
    index.folded.forEach(function (fields, i) {
      var inTitle = 0, inLede = 0, total = 0;
      for (var t = 0; t < ts.length; t++) {
        var found = false;
        for (var f = 0; f < fields.length; f++) {
          var n = count(fields[f], ts[t]);
          if (!n) continue;
          found = true;
          total += n;
          if (f === 0) inTitle++;
          else if (f === 1) inLede++;
        }
        if (!found) return;
      }
      var exact = fields[0] === ts.join('') ? 1 : 0;
      hits.push({ i: i, key: [exact, inTitle, inLede, total] });
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

  function say(text) {
    status.textContent = text || '';
  }

  function clear() {
    list.textContent = '';
    list.hidden = true;
    say('');
  }

  function run() {
    var q = input.value.trim();
    if (!q) { clear(); return; }
    if (state === 'idle') load();
    if (state === 'loading') { say(d.loading); return; }
    if (state !== 'ready') return;
    var ts = terms(q);
    if (!ts.length) { clear(); return; }
    var hits = search(ts);
    list.textContent = '';
    hits.slice(0, MAX).forEach(function (h) {
      var doc = index.docs[h.i], fields = index.folded[h.i];
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
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
    if (!hits.length) say(d.none);
    else if (hits.length > MAX) say(d.shown.replace('{n}', hits.length).replace('{shown}', MAX));
    else say(d.found.replace('{n}', hits.length));
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a')); }

  input.addEventListener('focus', load);
  input.addEventListener('input', run);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    run();
    var first = links()[0];
    if (first) first.focus();
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

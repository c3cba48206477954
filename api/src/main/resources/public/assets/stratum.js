// The stratum detail page: capture patterns (UpSet-style), list sizes, candidate models (with the Bayesian ones'
// posterior intervals and dga's model weights), fit, warnings.
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const fmt = x => x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en');
  const el = (tag, text, attrs = {}) => {
    const e = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const PLAIN = {
    FRAGILE: 'The estimate depends strongly on the model: read it with care.',
    SPARSE: 'Few people were seen by several lists: the table is sparse and the estimate uncertain.',
  };
  const plain = w => Object.entries(PLAIN).reduce((text, [k, v]) => text.includes(k) ? v + ' (' + w + ')' : text, w);
  const bar = (canvas, labels, values, label, horizontal) => new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label, data: values, backgroundColor: '#0072B2' }] },
    options: { indexAxis: horizontal ? 'y' : 'x', responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: false } } },
  });

  // An UpSet plot (Lex et al. 2014): one column per capture pattern, its people as a bar, and under it a dot for
  // each list that recorded them (filled) or not (grey), the filled dots joined. Drawn as SVG, with the same
  // numbers as a table for screen readers and for copying.
  const SVG = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const upset = (box, lists, patterns) => {
    const col = 26;
    const row = 20;
    const left = Math.max(...lists.map(l => l.length)) * 7 + 12;
    const barHeight = 160;
    const width = left + patterns.length * col + 10;
    const height = barHeight + 30 + lists.length * row + 10;
    const max = Math.max(1, ...patterns.map(p => p.n));
    const chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img',
      'aria-label': 'UpSet plot: people per capture pattern, the lists of each pattern marked by dots' });
    patterns.forEach((p, i) => {
      const x = left + i * col + col / 2;
      const h = Math.max(1, Math.round(p.n / max * barHeight));
      const barRect = svg('rect', { x: x - 8, y: barHeight + 10 - h, width: 16, height: h, fill: '#0072B2', class: 'upset-bar' });
      barRect.append(svg('title', {}, p.label + ': ' + fmt(p.n) + ' people'));
      chart.append(barRect);
      chart.append(svg('text', { x, y: barHeight + 24, 'text-anchor': 'middle', 'font-size': 10 }, fmt(p.n)));
      const on = lists.map((l, j) => (p.bits & (1 << j)) !== 0);
      const ys = lists.map((l, j) => barHeight + 40 + j * row);
      const first = on.indexOf(true);
      const last = on.lastIndexOf(true);
      if (first >= 0 && last > first) {
        chart.append(svg('line', { x1: x, x2: x, y1: ys[first], y2: ys[last], stroke: '#333', 'stroke-width': 2 }));
      }
      on.forEach((o, j) => chart.append(svg('circle', { cx: x, cy: ys[j], r: 6, fill: o ? '#333' : '#d0d0d0',
        class: o ? 'upset-dot on' : 'upset-dot' })));
    });
    lists.forEach((l, j) => chart.append(svg('text', { x: left - 8, y: barHeight + 44 + j * row, 'text-anchor': 'end',
      'font-size': 11 }, l)));
    const table = el('table', undefined, { class: 'visually-hidden', 'aria-label': 'people per capture pattern' });
    const head = el('tr');
    head.append(el('th', 'Lists that recorded them'), el('th', 'People'));
    table.append(head);
    patterns.forEach(p => { const tr = el('tr'); tr.append(el('td', p.label), el('td', fmt(p.n))); table.append(tr); });
    const scroll = el('div', undefined, { class: 'upset' });
    scroll.append(chart);
    box.replaceWith(scroll);
    scroll.id = 'patterns';
    scroll.after(table);
  };

  const main = async () => {
    const info = $('stratum').dataset;
    // the release in the address (?release=), else the current one
    const asked = new URLSearchParams(location.search).get('release');
    const release = await (await fetch('/api/v1/estimates' + (asked ? '?release=' + encodeURIComponent(asked) : ''))).json();
    const s = release.strata.find(x => x.population === info.population && x.country === info.country
      && String(x.year) === info.year && x.stratum === 'all');
    if (!s) { $('summary').textContent = 'No such stratum in release ' + release.releaseId + '.'; return; }
    const e = s.estimate;
    $('summary').textContent = 'Release ' + release.releaseId + ': ' + fmt(s.observed) + ' people observed, estimated '
      + fmt(e.total) + ' [' + fmt(e.lower) + ', ' + fmt(e.upper) + '] with ' + e.model + ' (' + e.status + ').';
    // capture patterns: cell i of patternCounts is the pattern whose bit j says "seen by list j+1"
    const patterns = (s.patternCounts || []).map((n, i) => ({ n, bits: i, label: s.lists.filter((l, j) => i & (1 << j)).join(' + ') }))
      .filter(p => p.n > 0).sort((a, b) => b.n - a.n).slice(0, 30);
    upset($('patterns'), s.lists, patterns);
    bar($('lists'), s.lists, s.listSizes || [], 'people on the list', false);
    $('notation-lists').textContent = 'Here: ' + s.lists.map((l, j) => (j + 1) + ' = ' + l).join(', ') + '.';
    const candidates = (s.candidates || []).slice().sort((a, b) => (a.bic ?? Infinity) - (b.bic ?? Infinity));
    const head = el('tr');
    ['Model', 'Estimate', 'Interval', 'Std. error', 'AIC', 'BIC', 'Deviance', 'df', 'Status'].forEach(h => head.append(el('th', h)));
    $('candidates').append(head);
    candidates.forEach(c => {
      const tr = el('tr', undefined, c.model === e.model ? { class: 'selected' } : {});
      const interval = c.interval ? '[' + fmt(c.lower) + ', ' + fmt(c.upper) + '] ' + c.interval : '—';
      [c.model + (c.model === e.model ? ' (published)' : ''), fmt(c.total), interval, c.stderr?.toFixed(1) ?? '—',
        c.aic?.toFixed(1) ?? '—', c.bic?.toFixed(1) ?? '—', c.deviance?.toFixed(2) ?? '—', c.df ?? '—', c.status]
        .forEach(v => tr.append(el('td', String(v))));
      $('candidates').append(tr);
    });
    // Bayesian comparison candidates: what they assume, their posterior interval, and dga's model weights
    candidates.filter(c => c.interval === 'posterior').forEach(c => {
      const dga = c.model.startsWith('dga');
      const li = el('li', (dga
        ? 'dga (averaging over all decomposable graphical models of the lists, weighted by how well each fits): '
        : 'LCMCR (people fall into latent groups that differ in how likely each list is to record them): ')
        + 'median ' + fmt(c.total) + ', 95% posterior interval ' + fmt(c.lower) + ' to ' + fmt(c.upper) + '.'
        + (c.weights ? ' Most probable models: ' + c.weights.slice(0, 5)
          .map(w => w.model + ' ' + (100 * w.probability).toFixed(1) + '%').join('; ') + '.' : '')
        + (c.note ? ' ' + c.note : ''));
      $('bayes').append(li);
    });
    const ok = candidates.filter(c => c.total !== null && c.total !== undefined).slice(0, 15);
    bar($('models'), ok.map(c => c.model), ok.map(c => c.total), 'estimate', true);
    if (s.diagnostics) {
      $('fit').textContent = 'Goodness of fit of the selected model: deviance ' + s.diagnostics.deviance?.toFixed(2) + ' on '
        + s.diagnostics.df + ' df' + (s.diagnostics.pValue !== null && s.diagnostics.pValue !== undefined
          ? ', p = ' + s.diagnostics.pValue.toFixed(3) : '') + '. Selection: ' + (s.selection || '') + '.';
    }
    (e.warnings.length ? e.warnings : ['None.']).forEach(w => $('warnings').append(el('li', plain(w))));
    if (s.linkageSensitivity) {
      $('linkage').textContent = 'With people linked at match probability 0.2 and 0.8 instead, the estimate would be between '
        + fmt(s.linkageSensitivity.low) + ' and ' + fmt(s.linkageSensitivity.high) + '.';
    }
  };
  document.addEventListener('DOMContentLoaded', () => main().catch(err => { $('summary').textContent = 'Could not load: ' + err; }));
})();

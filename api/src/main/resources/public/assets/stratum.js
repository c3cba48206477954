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
    const patterns = (s.patternCounts || []).map((n, i) => ({ n, label: s.lists.filter((l, j) => i & (1 << j)).join(' + ') }))
      .filter(p => p.n > 0).sort((a, b) => b.n - a.n).slice(0, 30);
    bar($('patterns'), patterns.map(p => p.label), patterns.map(p => p.n), 'people', true);
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

// Draws one chart per country from /api/v1/estimates: the estimated total with its confidence band
// and the observed count per year. Okabe–Ito colours (safe for colour-blind readers).
'use strict';

// Okabe-Ito hues; orange darkened (#E69F00 -> #B36B00) so that the line stands out from white at least 3:1 (issue 18)
const COLOURS = { estimate: '#0072B2', band: 'rgba(86, 180, 233, 0.25)', observed: '#B36B00' };

function fmt(x) {
  return x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en');
}

// The share of the estimated total that no agency recorded (the "dark figure"), when there is an estimate.
function unseen(s) {
  const e = s.estimate;
  return e.status === 'OK' && e.total > 0 && s.observed !== null && s.observed !== undefined
    ? Math.max(0, 1 - s.observed / e.total) : null;
}

// The estimate's quality flag as published (or, for releases before flags, derived from status and warnings
// the way the platform derives it), with its label for people.
const QUALITY = { RELIABLE: 'Reliable', CAUTION: 'Use with caution', NOT_ESTIMABLE: 'Not estimable',
  SUPPRESSED: 'Suppressed (too few people)' };
function quality(e) {
  if (e.quality) return e.quality;
  if (e.status === 'TOO_FEW_OBSERVATIONS' || e.status === 'SUPPRESSED') return { flag: 'SUPPRESSED', reasons: [] };
  if (e.status !== 'OK') return { flag: 'NOT_ESTIMABLE', reasons: e.warnings && e.warnings.length ? e.warnings : [e.status] };
  return { flag: e.warnings && e.warnings.length ? 'CAUTION' : 'RELIABLE', reasons: e.warnings || [] };
}

// The quality cell: the label, and the reasons one click away.
function qualityCell(e) {
  const q = quality(e);
  const td = el('td', { class: 'quality quality-' + q.flag.toLowerCase() });
  if (!q.reasons.length) {
    td.textContent = QUALITY[q.flag] || q.flag;
    return td;
  }
  const details = el('details');
  details.appendChild(el('summary', {}, QUALITY[q.flag] || q.flag));
  const list = el('ul');
  q.reasons.forEach(r => list.appendChild(el('li', {}, r)));
  details.appendChild(list);
  td.appendChild(details);
  return td;
}

// Country names from the page (the JDK's), so that people read names, not ISO codes.
function nameOf(code) {
  const holder = document.getElementById('charts');
  const names = holder && holder.dataset.countries ? JSON.parse(holder.dataset.countries) : {};
  return names[code] || code;
}

// A number of people as a headline says it: to the nearest 10 below 1,000, else to the nearest 100.
function about(x) {
  const step = x < 1000 ? 10 : 100;
  return (Math.round(x / step) * step).toLocaleString('en');
}

// The headline: the latest year's estimate in words with its uncertainty, and the unseen part with its own
// interval (the interval of the total less the people recorded); what cannot be estimated is said as such.
function headline(rows, where, level) {
  const latest = rows.filter(s => s.observed !== null && s.observed !== undefined).sort((a, b) => b.year - a.year)[0];
  if (!latest) return '';
  const e = latest.estimate;
  const q = quality(e);
  const pctLevel = Math.round(level * 100) + '%';
  if (q.flag === 'NOT_ESTIMABLE' || q.flag === 'SUPPRESSED' || e.total === null || e.total === undefined) {
    return latest.observed.toLocaleString('en') + ' smuggled migrants were recorded in ' + where + ' in ' + latest.year
      + '; how many no agency recorded cannot be estimated' + (q.reasons.length ? ': ' + q.reasons[0] : '.');
  }
  const unseen = Math.max(0, e.total - latest.observed);
  let text = 'An estimated ' + about(e.total) + ' smuggled migrants (' + pctLevel + ' interval ' + about(e.lower)
    + ' to ' + about(e.upper) + ') in ' + where + ' in ' + latest.year + ', of whom about ' + about(unseen) + ' ('
    + about(Math.max(0, e.lower - latest.observed)) + ' to ' + about(Math.max(0, e.upper - latest.observed))
    + ') were recorded by no agency.';
  if (q.flag === 'CAUTION') text += ' Use with caution: ' + q.reasons[q.reasons.length - 1];
  return text;
}

// The model in words for policy readers (the stratum page keeps the technical names).
function modelLabel(e) {
  const m = e.model;
  if (!m) return '—';
  if (e.method === 'model-averaging') return 'Average of several models' + (m.includes('(') ? ' ' + m.slice(m.indexOf('(')) : '');
  if (e.method === 'years-together') return 'All pairs of agencies dependent, years estimated together';
  const lists = (1 + Math.sqrt(1 + 8 * m.length / 4)) / 2;
  if (Number.isInteger(lists)) {
    let all = '';
    for (let i = 1; i <= lists; i++) for (let j = i + 1; j <= lists; j++) all += '[' + i + j + ']';
    if (m === all) return 'All pairs of agencies dependent (log-linear, ' + lists + ' lists)';
  }
  if (m === 'chapman') return 'Chapman (two lists)';
  return m;
}

function pct(x) {
  return x === null ? '—' : Math.round(x * 100) + '%';
}

// Researchers and admins may open a stratum's detail page (issue 18): the year links there, with the release.
function detailLink(s, releaseId) {
  if (document.getElementById('charts').dataset.details !== 'true' || !s.country || s.stratum !== 'all') return null;
  const href = '/strata/' + encodeURIComponent(s.population) + '/' + encodeURIComponent(s.country) + '/' + s.year
    + '?release=' + encodeURIComponent(releaseId);
  return el('a', { href, title: 'The stratum in detail: capture patterns, models, fit' }, String(s.year));
}

function table(rows, releaseId) {
  const t = el('table', { 'aria-label': 'estimates by year' });
  const head = el('tr');
  ['Year', 'Observed', 'Estimate', 'Lower', 'Upper', 'Unseen', 'Model', 'Quality'].forEach(h => head.appendChild(el('th', {}, h)));
  t.appendChild(head);
  rows.forEach(s => {
    const tr = el('tr');
    const e = s.estimate;
    const hidden = quality(e).flag === 'SUPPRESSED';
    const link = detailLink(s, releaseId);
    const year = el('td', {}, link ? undefined : String(s.year));
    if (link) year.appendChild(link);
    tr.appendChild(year);
    [hidden ? 'suppressed' : fmt(s.observed), hidden ? 'suppressed' : fmt(e.total), fmt(e.lower), fmt(e.upper),
      pct(unseen(s)), hidden ? '—' : modelLabel(e)]
      .forEach(v => tr.appendChild(el('td', {}, String(v))));
    tr.appendChild(qualityCell(e));
    if (quality(e).flag === 'NOT_ESTIMABLE') tr.className = 'error';
    t.appendChild(tr);
  });
  return t;
}

function chart(canvas, rows, level, releaseId) {
  const years = rows.map(s => String(s.year));
  // issue 18, item 7: for researchers and admins a point opens its stratum page (the tooltip says so)
  const details = rows.map(s => detailLink(s, releaseId));
  const usable = s => s.estimate.status === 'OK';
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: years,
      datasets: [
        { label: 'Lower ' + Math.round(level * 100) + '% bound', data: rows.map(s => usable(s) ? s.estimate.lower : null),
          borderColor: 'transparent', pointRadius: 0, fill: false },
        { label: Math.round(level * 100) + '% confidence band', data: rows.map(s => usable(s) ? s.estimate.upper : null),
          borderColor: 'transparent', backgroundColor: COLOURS.band, pointRadius: 0, fill: '-1' },
        { label: 'Estimated total', data: rows.map(s => usable(s) ? s.estimate.total : null),
          borderColor: COLOURS.estimate, backgroundColor: COLOURS.estimate, borderWidth: 2,
          // an estimate to use with caution: a hollow triangle, and a dashed line into it
          pointStyle: rows.map(s => quality(s.estimate).flag === 'CAUTION' ? 'triangle' : 'circle'),
          pointRadius: rows.map(s => quality(s.estimate).flag === 'CAUTION' ? 6 : 3),
          pointBackgroundColor: rows.map(s => quality(s.estimate).flag === 'CAUTION' ? '#ffffff' : COLOURS.estimate),
          segment: { borderDash: ctx => quality(rows[ctx.p1DataIndex].estimate).flag === 'CAUTION' ? [5, 4] : undefined } },
        { label: 'Observed (distinct people)', data: rows.map(s => s.observed),
          borderColor: COLOURS.observed, backgroundColor: COLOURS.observed, borderDash: [6, 4], borderWidth: 2 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      onClick: (event, elements) => {
        const link = elements.length ? details[elements[0].index] : null;
        if (link) location.href = link.getAttribute('href');
      },
      onHover: (event, elements) => {
        event.native.target.style.cursor = elements.length && details[elements[0].index] ? 'pointer' : 'default';
      },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'people' } } },
      plugins: {
        legend: { labels: { filter: item => !item.text.startsWith('Lower') } },
        tooltip: {
          filter: item => item.datasetIndex >= 2,
          callbacks: {
            afterBody: items => {
              const s = rows[items[0].dataIndex];
              const e = s.estimate;
              return ['Interval: ' + fmt(e.lower) + ' – ' + fmt(e.upper), 'Unseen: ' + pct(unseen(s)) + ' of the estimate',
                'Model: ' + modelLabel(e), 'Quality: ' + (QUALITY[quality(e).flag] || quality(e).flag)]
                .concat(quality(e).reasons.slice(0, 2))
                .concat(details[items[0].dataIndex] ? ['Click for this stratum in detail'] : []);
            },
          },
        },
      },
    },
  });
}

function csvOf(rows) {
  const lines = ['year,observed,estimate,lower,upper,unseen_share,model,status,quality,quality_reasons'];
  rows.forEach(s => {
    const e = s.estimate;
    const u = unseen(s);
    const q = quality(e);
    lines.push([s.year, s.observed, e.total === null || e.total === undefined ? null : Math.round(e.total),
      e.lower === null || e.lower === undefined ? null : Math.round(e.lower),
      e.upper === null || e.upper === undefined ? null : Math.round(e.upper), u === null ? '' : u.toFixed(4), e.model,
      e.status, q.flag, q.reasons.join('; ')].map(csvCell).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

// Issue 18: suppressed is not zero. The years a chart leaves out, said under the chart and in its download.
function suppressedNote(rows) {
  const years = rows.filter(s => quality(s.estimate).flag === 'SUPPRESSED').map(s => s.year);
  return years.length ? 'No value for ' + years.join(', ') + ': suppressed (too few people to publish), not zero; '
    + 'the lines break there.' : null;
}

function downloads(name, rows, canvas, title, releaseId, level) {
  const lines = ['darkfigure release ' + releaseId + '. Source: the member states\' agencies\' records, linked; '
      + 'capture-recapture estimates.',
      'The band is the ' + Math.round(level * 100) + '% interval of the published default; on simulated data like '
      + 'these it held the true total in about 89% to 96% of cases; linkage errors beyond those simulated are not in '
      + 'it. Triangles: use with caution (reasons in the table).'];
  const suppressed = suppressedNote(rows);
  if (suppressed) lines.push(suppressed);
  return downloadLinks(name, csvOf(rows), canvas, {
    title: 'Smuggled migrants, ' + title + ': estimated total and people recorded, by year', lines });
}

function section(id, title, rows, level, releaseId) {
  const box = el('section', { class: 'country', id: id });
  box.appendChild(el('h2', {}, title));
  const pair = el('div', { class: 'pair' });
  const holder = el('div', { class: 'chart' });
  const canvas = el('canvas', { role: 'img', 'aria-label': 'Estimated and observed totals for ' + title });
  holder.appendChild(canvas);
  pair.appendChild(holder);
  pair.appendChild(table(rows, releaseId));
  box.appendChild(pair);
  const suppressed = suppressedNote(rows);
  if (suppressed) box.appendChild(el('p', { class: 'note suppressed-note' }, suppressed));
  box.appendChild(downloads('darkfigure-' + releaseId + '-' + id, rows, canvas, title, releaseId, level));
  document.getElementById('charts').appendChild(box);
  chart(canvas, rows, level, releaseId);
}

/** The sub-strata a release has (aggregated tables may be split by sex, age band, citizenship group). */
function fillStrata(select, release) {
  const chosen = select.value || 'all';
  const values = [...new Set(release.strata.filter(s => s.population === 'migrant').map(s => s.stratum))]
    .sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)));
  select.replaceChildren(...values.map(v => el('option', { value: v }, v === 'all' ? 'Everyone (no sub-stratum)' : v)));
  select.value = values.includes(chosen) ? chosen : 'all';
  return select.value;
}

async function show(releaseId, country) {
  const meta = document.getElementById('release');
  const holder = document.getElementById('charts');
  holder.replaceChildren();
  const response = await fetch('/api/v1/estimates' + (releaseId ? '?release=' + encodeURIComponent(releaseId) : ''));
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }));
    meta.textContent = problem.detail;
    return null;
  }
  const release = await response.json();
  meta.textContent = 'Release ' + release.releaseId + ' (published ' + release.createdAt + ').';
  const stratum = fillStrata(document.getElementById('stratum-select'), release);
  const byCountry = new Map();
  release.strata.filter(s => s.population === 'migrant' && s.stratum === stratum).forEach(s => {
    if (!byCountry.has(s.country)) byCountry.set(s.country, []);
    byCountry.get(s.country).push(s);
  });
  if (!country && stratum === 'all') {
    // all countries together: the release's yearly totals (sums with a log-normal interval)
    const totals = (release.totals || []).filter(t => t.population === 'migrant').sort((a, b) => a.year - b.year)
      .map(t => ({ year: t.year, observed: t.observed,
        estimate: { total: t.total, lower: t.lower, upper: t.upper, model: 'sum of ' + t.countries.length + ' countries',
          status: t.status || 'OK', warnings: t.warnings || [], quality: t.quality } }));
    if (totals.length) section('country-all', 'All countries', totals, release.level, release.releaseId);
  }
  const headlineRows = !country && stratum === 'all'
    ? (release.totals || []).filter(t => t.population === 'migrant').map(t => ({ year: t.year, observed: t.observed,
      estimate: { total: t.total, lower: t.lower, upper: t.upper, status: t.status || 'OK', warnings: t.warnings || [],
        quality: t.quality } }))
    : (byCountry.get(country) || []);
  document.getElementById('headline').textContent =
    headline(headlineRows, country ? nameOf(country) : 'all countries together', release.level);
  [...byCountry.keys()].sort().filter(c => !country || c === country).forEach(c => {
    section('country-' + c, nameOf(c), byCountry.get(c).sort((a, b) => a.year - b.year), release.level, release.releaseId);
  });
  return [...byCountry.keys()].sort();
}

async function main() {
  const releaseSelect = document.getElementById('release-select');
  const countrySelect = document.getElementById('country-select');
  // Shareable state: release, country and stratum are in the address, so a link shows what its sender saw.
  const asked = new URLSearchParams(window.location.search);
  const releases = await fillReleases(releaseSelect, asked.get('release'));
  const stratumSelect = document.getElementById('stratum-select');
  const remember = () => {
    const state = new URLSearchParams();
    if (releaseSelect.value && releaseSelect.value !== releases.current) state.set('release', releaseSelect.value);
    if (countrySelect.value) state.set('country', countrySelect.value);
    if (stratumSelect.value && stratumSelect.value !== 'all') state.set('stratum', stratumSelect.value);
    const query = state.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  };
  // The countries of the release shown: refilled when another release is chosen (it may have others),
  // keeping the chosen country when the new release has it.
  const fillCountries = countries => {
    const chosen = countrySelect.value;
    const all = countrySelect.querySelector('option[value=""]') || el('option', { value: '' }, 'All countries');
    countrySelect.replaceChildren(all, ...(countries || []).map(c => el('option', { value: c }, nameOf(c))));
    countrySelect.value = (countries || []).includes(chosen) ? chosen : '';
  };
  fillCountries(await show(releases.chosen, ''));
  const again = async () => {
    await show(releaseSelect.value, countrySelect.value);
    remember();
  };
  if (asked.get('stratum')) {
    stratumSelect.value = asked.get('stratum');
  }
  if (asked.get('country') && [...countrySelect.options].some(o => o.value === asked.get('country'))) {
    countrySelect.value = asked.get('country');
  }
  if (countrySelect.value || stratumSelect.value !== 'all') await again();
  releaseSelect.addEventListener('change', async () => {
    fillCountries(await show(releaseSelect.value, ''));
    await again();
  });
  stratumSelect.addEventListener('change', again);
  countrySelect.addEventListener('change', again);
}

document.addEventListener('DOMContentLoaded', () => {
  main().catch(err => {
    document.getElementById('release').textContent = 'Could not load the estimates: ' + err;
  });
});

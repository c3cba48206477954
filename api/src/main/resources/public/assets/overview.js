// Draws one chart per country from /api/v1/estimates: the estimated total with its confidence band
// and the observed count per year. Okabe–Ito colours (safe for colour-blind readers).
'use strict';

const COLOURS = { estimate: '#0072B2', band: 'rgba(86, 180, 233, 0.25)', observed: '#E69F00' };

function fmt(x) {
  return x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en');
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function table(rows) {
  const t = el('table', { 'aria-label': 'estimates by year' });
  const head = el('tr');
  ['Year', 'Observed', 'Estimate', 'Lower', 'Upper', 'Model', 'Status'].forEach(h => head.appendChild(el('th', {}, h)));
  t.appendChild(head);
  rows.forEach(s => {
    const tr = el('tr');
    const e = s.estimate;
    [s.year, fmt(s.observed), fmt(e.total), fmt(e.lower), fmt(e.upper), e.model, e.status]
      .forEach(v => tr.appendChild(el('td', {}, String(v))));
    if (e.status !== 'OK') tr.className = 'error';
    t.appendChild(tr);
  });
  return t;
}

function chart(canvas, rows, level) {
  const years = rows.map(s => String(s.year));
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
          borderColor: COLOURS.estimate, backgroundColor: COLOURS.estimate, borderWidth: 2 },
        { label: 'Observed (distinct people)', data: rows.map(s => s.observed),
          borderColor: COLOURS.observed, backgroundColor: COLOURS.observed, borderDash: [6, 4], borderWidth: 2 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'people' } } },
      plugins: {
        legend: { labels: { filter: item => !item.text.startsWith('Lower') } },
        tooltip: {
          filter: item => item.datasetIndex >= 2,
          callbacks: {
            afterBody: items => {
              const s = rows[items[0].dataIndex];
              const e = s.estimate;
              return ['Interval: ' + fmt(e.lower) + ' – ' + fmt(e.upper), 'Model: ' + e.model, 'Status: ' + e.status];
            },
          },
        },
      },
    },
  });
}

async function main() {
  const meta = document.getElementById('release');
  const holder = document.getElementById('charts');
  const response = await fetch('/api/v1/estimates');
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }));
    meta.textContent = problem.detail;
    return;
  }
  const release = await response.json();
  meta.textContent = 'Release ' + release.releaseId + ' (published ' + release.createdAt + ').';
  const byCountry = new Map();
  release.strata.filter(s => s.population === 'migrant' && s.stratum === 'all').forEach(s => {
    if (!byCountry.has(s.country)) byCountry.set(s.country, []);
    byCountry.get(s.country).push(s);
  });
  [...byCountry.keys()].sort().forEach(country => {
    const rows = byCountry.get(country).sort((a, b) => a.year - b.year);
    const section = el('section', { class: 'country', id: 'country-' + country });
    section.appendChild(el('h2', {}, country));
    const pair = el('div', { class: 'pair' });
    const box = el('div', { class: 'chart' });
    const canvas = el('canvas', { role: 'img', 'aria-label': 'Estimated and observed totals for ' + country });
    box.appendChild(canvas);
    pair.appendChild(box);
    pair.appendChild(table(rows));
    section.appendChild(pair);
    holder.appendChild(section);
    chart(canvas, rows, release.level);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  main().catch(err => {
    document.getElementById('release').textContent = 'Could not load the estimates: ' + err;
  });
});

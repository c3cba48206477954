// What was detected, for one country of one release: incidents and persons by route and by transport mode
// over the years, the dead and missing, facilitators detected, and the justice funnel. Each chart has its
// table beside it, the table as CSV and the chart as PNG. Values hidden by disclosure control are null in
// the data: gaps in the charts, "suppressed" in the tables, empty with status C in the CSV.
'use strict';

// Okabe–Ito (safe for colour-blind readers)
// Okabe-Ito, with orange, sky blue and yellow darkened to stand out from white at least 3:1 (issue 18)
const PALETTE = ['#0072B2', '#B36B00', '#009E73', '#CC79A7', '#2A8BC4', '#D55E00', '#8A7A00', '#000000'];
const STAGES = ['SUSPECTED', 'ARRESTED', 'PROSECUTED', 'CONVICTED', 'ACQUITTED', 'IMPRISONED'];

const fmt = x => Math.round(x).toLocaleString('en');
// labels of the codes shown, from the standard's code lists (the page embeds them): labels, not codes
const LABELS = JSON.parse(document.getElementById('charts').dataset.labels || '{}');
const label = (list, code) => ((LABELS[list] || {})[code]) || code;
const hidden = (row, field) => (row.suppressed || []).includes(field);

// A table's cell: a number or a suppressed value (named, never its value). No row is nothing recorded in a
// year for which the country has other rows of the table: 0.
function cell(row, field) {
  if (!row) return { text: '0', value: '0', status: '' };
  if (hidden(row, field)) return { text: 'suppressed', value: '', status: 'C', suppressed: true };
  return { text: fmt(row[field]), value: String(row[field]), status: '' };
}

function years(rows) {
  return [...new Set(rows.map(r => r.year))].sort((a, b) => a - b);
}

// A table as data: header, and rows of cells; drawn as HTML and written as CSV from the same data.
function htmlTable(label, header, body) {
  const t = el('table', { 'aria-label': label });
  const head = el('tr');
  header.forEach(h => head.appendChild(el('th', {}, h)));
  t.appendChild(head);
  body.forEach(cells => {
    const tr = el('tr');
    cells.forEach(c => {
      const td = el('td', c.suppressed ? { class: 'suppressed', title: 'hidden by disclosure control' } : {}, c.text);
      tr.appendChild(td);
    });
    t.appendChild(tr);
  });
  return t;
}

function csvOf(header, body) {
  const lines = [header.flatMap(h => [h, h + ' status']).map(csvCell).join(',')];
  body.forEach(cells => lines.push(cells.flatMap(c => [c.value, c.status]).map(csvCell).join(',')));
  return lines.join('\r\n') + '\r\n';
}

function downloads(name, header, body, canvas) {
  return downloadLinks(name, csvOf(header, body), canvas);
}

// One section: a title, the chart and its table side by side, the downloads.
function section(id, title, note, config, header, body, fileName) {
  const box = el('section', { class: 'country', id: id });
  box.appendChild(el('h2', {}, title));
  if (note) box.appendChild(el('p', { class: 'meta' }, note));
  const pair = el('div', { class: 'pair' });
  const holder = el('div', { class: 'chart' });
  const canvas = el('canvas', { role: 'img', 'aria-label': title });
  holder.appendChild(canvas);
  pair.appendChild(holder);
  pair.appendChild(htmlTable(title, header, body));
  box.appendChild(pair);
  box.appendChild(downloads(fileName, header, body, canvas));
  document.getElementById('charts').appendChild(box);
  config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
  new Chart(canvas, config);
}

const valueOf = (row, field) => !row ? 0 : hidden(row, field) ? null : row[field];

// Persons involved per category (route or transport mode) and year: a line per category.
function byCategory(id, title, rows, field, base, list) {
  const ys = years(rows);
  const categories = [...new Set(rows.map(r => r[field]))].sort();
  const find = (y, c) => rows.find(r => r.year === y && r[field] === c);
  const datasets = categories.map((c, i) => ({
    label: label(list, c), data: ys.map(y => valueOf(find(y, c), 'persons')), spanGaps: false,
    borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], borderWidth: 2,
  }));
  const header = ['Year'].concat(categories.flatMap(c => [label(list, c) + ': persons', label(list, c) + ': incidents']));
  const body = ys.map(y => [{ text: String(y), value: String(y), status: '' }]
    .concat(categories.flatMap(c => [cell(find(y, c), 'persons'), cell(find(y, c), 'incidents')])));
  section(id, title, 'Persons involved (including the dead and missing) in the incidents recorded; a gap is a suppressed value.',
    { type: 'line', data: { labels: ys.map(String), datasets },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'persons involved' } } } } },
    header, body, base + '-' + id);
}

// People per year (the incidents count goes in the table only); colours start at `firstColour` of the palette.
function perYear(id, title, note, rows, fields, labels, base, firstColour) {
  const ys = years(rows);
  const find = y => rows.find(r => r.year === y);
  const charted = fields.filter(f => f !== 'incidents');
  const datasets = charted.map((f, i) => ({
    label: labels[fields.indexOf(f)], data: ys.map(y => valueOf(find(y), f)),
    backgroundColor: PALETTE[(i + firstColour) % PALETTE.length],
  }));
  const header = ['Year'].concat(labels);
  const body = ys.map(y => [{ text: String(y), value: String(y), status: '' }].concat(fields.map(f => cell(find(y), f))));
  section(id, title, note, { type: 'bar', data: { labels: ys.map(String), datasets },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'people' } } } } }, header, body, base + '-' + id);
}

function funnel(rows, base) {
  const ys = years(rows);
  const stages = STAGES.filter(s => rows.some(r => r.stage === s));
  const find = (y, s) => rows.find(r => r.year === y && r.stage === s);
  const datasets = ys.map((y, i) => ({
    label: String(y), data: stages.map(s => valueOf(find(y, s), 'offenders')), backgroundColor: PALETTE[i % PALETTE.length],
  }));
  const header = ['Stage'].concat(ys.map(String));
  const body = stages.map(s => [{ text: label('cj_stage', s), value: label('cj_stage', s), status: '' }]
    .concat(ys.map(y => cell(find(y, s), 'offenders'))));
  section('justice-funnel', 'Justice funnel: suspects to convictions',
    'Distinct people at each criminal-justice stage in the year the stage was reached (a case suspected in one year may be judged in a later one).',
    { type: 'bar', data: { labels: stages.map(s => label('cj_stage', s)), datasets },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, title: { display: true, text: 'offenders' } } } } },
    header, body, base + '-justice-funnel');
}

async function show(releaseId, country) {
  const meta = document.getElementById('release');
  document.getElementById('charts').replaceChildren();
  if (!releaseId) {
    meta.textContent = 'No release has been published yet.';
    return null;
  }
  const response = await fetch('/api/v1/releases/' + encodeURIComponent(releaseId) + '/detections');
  if (!response.ok) {
    const problem = await response.json().catch(() => ({ detail: response.statusText }));
    meta.textContent = problem.detail;
    return null;
  }
  const data = await response.json();
  const chosen = country && data.countries.includes(country) ? country : data.countries[0];
  meta.textContent = 'Release ' + data.releaseId + (chosen ? ', ' + label('country', chosen)
    : ': no incidents or offenders were submitted') + '.';
  document.getElementById('disclosure').textContent = 'Counts of people from 1 to ' + (data.threshold - 1)
    + ' are suppressed, and where another figure would give one away, that figure too (shown as "suppressed").';
  if (!chosen) return data.countries;
  const of = rows => rows.filter(r => r.country === chosen);
  const base = 'darkfigure-' + data.releaseId + '-' + chosen;
  byCategory('by-route', 'Persons involved by smuggling route', of(data.byRoute), 'route', base, 'route');
  byCategory('by-transport-mode', 'Persons involved by mode of transport', of(data.byTransportMode), 'transportMode', base, 'transport_mode');
  perYear('deaths-and-missing', 'Dead and missing', 'Incidents with anyone dead or missing, the confirmed dead and the missing.',
    of(data.deathsAndMissing), ['incidents', 'dead', 'missing'], ['Incidents with dead or missing', 'Dead', 'Missing'], base, 5);
  perYear('facilitators', 'Facilitators detected', 'Facilitators the recording agencies reported as detected in the incidents.',
    of(data.facilitators), ['incidents', 'facilitators'], ['Incidents with facilitators', 'Facilitators detected'], base, 2);
  funnel(of(data.justiceFunnel), base);
  return data.countries;
}

async function main() {
  const releaseSelect = document.getElementById('release-select');
  const countrySelect = document.getElementById('country-select');
  const releases = await fillReleases(releaseSelect);
  const fill = countries => {
    const keep = countrySelect.value;
    countrySelect.replaceChildren();
    (countries || []).forEach(c => countrySelect.appendChild(el('option', { value: c }, label('country', c))));
    if ((countries || []).includes(keep)) countrySelect.value = keep;
  };
  fill(await show(releases.current, ''));
  releaseSelect.addEventListener('change', async () => fill(await show(releaseSelect.value, countrySelect.value)));
  countrySelect.addEventListener('change', () => show(releaseSelect.value, countrySelect.value));
}

document.addEventListener('DOMContentLoaded', () => {
  main().catch(err => {
    document.getElementById('release').textContent = 'Could not load the detections: ' + err;
  });
});

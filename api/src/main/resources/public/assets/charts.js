// What the chart pages share (loaded before each page's own script): building elements, the CSV/PNG
// downloads under a chart, and the release selector.
'use strict';

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// One CSV cell as the server's CsvWriter writes it: quoted when it holds a comma, quote or line break (quotes
// doubled), and a text that a spreadsheet would run as a formula (= + - @, tab, CR) neutralised with a '.
function csvCell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// "Table (CSV) · Chart (PNG)": the table as given, the image taken when asked for, from the chart as drawn.
function downloadLinks(name, csvText, canvas) {
  const p = el('p', { class: 'downloads' });
  const csv = el('a', { class: 'download-csv', download: name + '.csv' }, 'Table (CSV)');
  csv.href = URL.createObjectURL(new Blob([csvText], { type: 'text/csv' }));
  const png = el('a', { class: 'download-png', download: name + '.png', href: '#' }, 'Chart (PNG)');
  png.addEventListener('click', () => { png.href = canvas.toDataURL('image/png'); });
  p.append(csv, ' · ', png);
  return p;
}

// Fills a <select> with the published releases, newest first, the current one chosen; returns the list.
async function fillReleases(select) {
  const releases = await fetch('/api/v1/releases').then(r => r.ok ? r.json() : { current: '', releases: [] });
  releases.releases.forEach(id => {
    const o = el('option', { value: id }, id + (id === releases.current ? ' (current)' : ''));
    if (id === releases.current) o.selected = true;
    select.appendChild(o);
  });
  return releases;
}

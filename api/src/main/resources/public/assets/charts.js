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

// Fills a <select> with the published releases, newest first, labelled by date; the one asked for (a shared
// link's) chosen, else the current one; returns the list and the choice.
async function fillReleases(select, wanted) {
  const releases = await fetch('/api/v1/releases').then(r => r.ok ? r.json() : { current: '', releases: [] });
  const chosen = wanted && releases.releases.includes(wanted) ? wanted : releases.current;
  releases.releases.forEach(id => {
    const o = el('option', { value: id }, releaseLabel(id) + (id === releases.current ? ' (current)' : ''));
    if (id === chosen) o.selected = true;
    select.appendChild(o);
  });
  releases.chosen = chosen;
  return releases;
}

// A release by its date (its id begins with the time it was made, UTC), the id kept for citing.
function releaseLabel(id) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z-/.exec(id);
  if (!m) return id;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1];
  return Number(m[3]) + ' ' + month + ' ' + m[1] + ', ' + m[4] + ':' + m[5] + ' UTC — ' + id;
}

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

// "Table (CSV) · Chart (PNG)": the table as given; the image, when asked for, is the chart as drawn on a white
// background with its caption (title above; release, source and what the band means below), so that it stands
// alone wherever it is pasted.
function downloadLinks(name, csvText, canvas, caption) {
  const p = el('p', { class: 'downloads' });
  const csv = el('a', { class: 'download-csv', download: name + '.csv' }, 'Table (CSV)');
  csv.href = URL.createObjectURL(new Blob([csvText], { type: 'text/csv' }));
  const png = el('a', { class: 'download-png', download: name + '.png', href: '#' }, 'Chart (PNG)');
  png.addEventListener('click', () => { png.href = framedPng(canvas, caption || { title: name, lines: [] }); });
  p.append(csv, ' · ', png);
  return p;
}

function framedPng(canvas, caption) {
  const pad = 16;
  const width = Math.max(canvas.width, 480) + 2 * pad;
  const measure = document.createElement('canvas').getContext('2d');
  // words wrapped to the image's width, so that nothing is clipped however narrow the chart was drawn
  const wrap = (text, font) => {
    measure.font = font;
    const lines = [];
    let line = '';
    text.split(' ').forEach(word => {
      const next = line ? line + ' ' + word : word;
      if (line && measure.measureText(next).width > width - 2 * pad) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    });
    if (line) lines.push(line);
    return lines;
  };
  const titleFont = 'bold 16px sans-serif';
  const noteFont = '12px sans-serif';
  const title = wrap(caption.title, titleFont);
  const notes = caption.lines.flatMap(l => wrap(l, noteFont));
  const out = document.createElement('canvas');
  out.width = width;
  out.height = pad + title.length * 22 + 8 + canvas.height + 8 + notes.length * 16 + pad;
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#111111';
  g.font = titleFont;
  title.forEach((t, i) => g.fillText(t, pad, pad + 16 + i * 22));
  const top = pad + title.length * 22 + 8;
  g.drawImage(canvas, pad, top);
  g.font = noteFont;
  g.fillStyle = '#333333';
  notes.forEach((t, i) => g.fillText(t, pad, top + canvas.height + 8 + 12 + i * 16));
  return out.toDataURL('image/png');
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

// The upload page: sends the chosen (or dropped) file to the intake API with the session's CSRF token,
// shows the progress, then the validation report.
'use strict';
(() => {
  const form = document.getElementById('upload');
  const fileInput = document.getElementById('file');
  const drop = document.getElementById('drop');
  const progress = document.getElementById('progress');
  const report = document.getElementById('report');
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let dropped = null;

  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };

  drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', e => {
    e.preventDefault();
    drop.classList.remove('over');
    dropped = e.dataTransfer.files[0] || null;
    if (dropped) drop.firstChild.textContent = 'Chosen: ' + dropped.name + ' ';
  });

  const formatOf = name => name.endsWith('.jsonl') || name.endsWith('.jsonl.gz') ? 'jsonl'
    : name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.parquet') ? 'parquet' : 'csv';

  const show = (status, body) => {
    report.replaceChildren();
    const ok = status === 200 || status === 201;
    const title = ok ? (body.alreadyReceived ? 'Already received: the same file is the current submission'
      : 'Accepted: ' + body.rows + ' rows, revision ' + body.revision) : (body.title || 'Refused') + ': ' + (body.detail || '');
    report.append(el('h2', { class: ok ? 'ok' : 'error', id: 'outcome' }, title));
    const r = body.report;
    if (!r) return;
    report.append(el('p', {}, r.rowsRead + ' rows read, ' + r.errors + ' errors, ' + r.warnings + ' warnings'));
    if (body.id) {
      report.append(el('a', { href: '/api/v1/submissions/' + encodeURIComponent(body.id) + '/report.csv' }, 'Download the report (CSV)'));
    }
    // issue 18, item 10: by rule first (errors, then warnings, the most frequent first), then the problems themselves
    if (r.groups && r.groups.length) {
      report.append(el('h3', {}, 'What to fix, by rule'));
      const groups = el('table', { id: 'groups', class: 'report' });
      const head = el('tr');
      ['Kind', 'Where', 'Columns', 'For example', 'How to fix'].forEach(h => head.append(el('th', {}, h)));
      groups.append(head);
      r.groups.forEach(g => {
        const tr = el('tr', { class: g.severity === 'ERROR' ? 'error' : 'warning' });
        [g.severity === 'ERROR' ? 'Error' : 'Warning', g.where, (g.columns || []).join(', '), shorten(g.example, 160),
          g.hint || ''].forEach(v => tr.append(el('td', {}, String(v))));
        tr.firstChild.title = g.rule;
        groups.append(tr);
      });
      report.append(groups);
    }
    if (r.problems && r.problems.length) {
      const shown = r.problems.slice().sort((a, b) => (a.severity === 'ERROR' ? 0 : 1) - (b.severity === 'ERROR' ? 0 : 1))
        .slice(0, 200);
      report.append(el('h3', {}, 'The problems, row by row'));
      const table = el('table', { id: 'problems', class: 'report' });
      const head = el('tr');
      ['Row', 'Column', 'Value', 'Rule', 'Message', 'How to fix'].forEach(h => head.append(el('th', {}, h)));
      table.append(head);
      shown.forEach(p => {
        const tr = el('tr', { class: p.severity === 'ERROR' ? 'error' : 'warning' });
        [p.row ? p.row : 'header', p.column ?? '', shorten(p.value ?? '', 40), p.rule, shorten(p.message, 200), p.hint ?? '']
          .forEach(v => tr.append(el('td', {}, String(v))));
        table.append(tr);
      });
      report.append(table);
      const total = r.errors + r.warnings;
      if (total > shown.length) {
        const more = el('p', { class: 'meta', id: 'more-problems' }, 'Showing ' + shown.length + ' of ' + total
          + ' problems; the counts by rule above cover them all' + (body.id ? ', and the report lists each: ' : '.'));
        if (body.id) {
          more.append(el('a', { href: '/api/v1/submissions/' + encodeURIComponent(body.id) + '/report.csv' },
            'the full report (CSV)'));
        }
        report.append(more);
      }
    }
  };

  // Long values (a whole row pasted into one cell) would stretch the table past the page.
  const shorten = (text, max) => {
    const t = String(text ?? '');
    return t.length > max ? t.slice(0, max - 1) + '…' : t;
  };

  // The file's SHA-256, sent with it so that the server refuses a file cut short on the way (issue 17). Web
  // Crypto exists only on https and localhost pages; elsewhere the file goes without it. Files beyond 1 GB are
  // not read into memory for it.
  const sha256 = async file => {
    if (!(window.crypto && crypto.subtle) || file.size > 1e9) return null;
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
  };

  // Declaring a source (issue 18, item 11): the declared ones plus the new one replace the state's list; the page
  // reloads so that the source selector offers it.
  const declare = document.getElementById('declare-source');
  declare.addEventListener('submit', async e => {
    e.preventDefault();
    const out = document.getElementById('declared');
    const sources = {};
    document.querySelectorAll('#declared-sources li').forEach(li => { sources[li.dataset.code] = li.dataset.label; });
    sources[document.getElementById('new-source').value.trim().toUpperCase()] =
      document.getElementById('new-source-label').value.trim();
    const response = await fetch('/api/v1/profiles/' + encodeURIComponent(declare.dataset.country) + '/sources', {
      method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(sources) });
    if (response.status === 201) {
      window.location.reload();
      return;
    }
    let p = {};
    try { p = await response.json(); } catch (err) { p = { title: 'Refused', detail: response.statusText }; }
    out.className = 'error';
    out.textContent = (p.title || 'Refused') + ': ' + (p.detail || '');
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const file = dropped || fileInput.files[0];
    if (!file) { show(0, { title: 'No file', detail: 'choose or drop a file first' }); return; }
    const type = document.getElementById('recordType');
    const query = new URLSearchParams({
      country: form.dataset.country, source: document.getElementById('source').value.trim(),
      recordType: type.value, schemaVersion: type.selectedOptions[0].dataset.version,
      period: document.getElementById('period').value.trim(), format: formatOf(file.name.toLowerCase())
    });
    const digest = await sha256(file).catch(() => null);
    if (digest) query.set('sha256', digest);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/submissions?' + query);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    progress.hidden = false;
    progress.value = 0;
    xhr.upload.addEventListener('progress', p => { if (p.lengthComputable) progress.value = 100 * p.loaded / p.total; });
    xhr.addEventListener('load', () => {
      progress.value = 100;
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (err) { body = { title: 'Unexpected answer', detail: xhr.statusText }; }
      show(xhr.status, body);
    });
    xhr.addEventListener('error', () => show(0, { title: 'Upload failed', detail: 'the connection was lost; nothing was stored' }));
    xhr.send(file);
  });
})();

// The runs page: starts a run (with the session's CSRF token) and follows it until it ends: its stage, elapsed
// time and row in the table as it goes (issue 18, item 12), then a summary in words of the release it published
// above the raw log.
'use strict';
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = id => document.getElementById(id);
  const fmt = x => Math.round(x).toLocaleString('en');
  const cell = text => { const td = document.createElement('td'); td.textContent = text ?? ''; return td; };

  // the run's row in the table: added at once, updated as the run goes
  const row = run => {
    let tr = document.querySelector('#runs tbody tr[data-run="' + CSS.escape(run.id) + '"]');
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.run = run.id;
      $('runs').querySelector('tbody').prepend(tr);
    }
    const log = document.createElement('td');
    const a = document.createElement('a');
    a.href = '/api/v1/runs/' + encodeURIComponent(run.id) + '/log';
    a.textContent = 'log';
    log.append(a);
    tr.replaceChildren(cell(run.id), cell(run.status), cell(run.stage), cell((run.stagesDone || 0) + '/' + (run.stagesTotal || 4)),
      cell(run.inputs), cell(run.releaseId), cell(run.message), log);
  };

  const elapsed = run => {
    const start = Date.parse(run.createdAt);
    const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
    if (!(end >= start)) return '';
    const s = Math.round((end - start) / 1000);
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  };

  // the release in words: strata estimated, with cautions, not estimable; records withheld from researchers
  const summary = async releaseId => {
    const box = $('run-summary');
    box.replaceChildren();
    const link = document.createElement('a');
    link.href = '/?release=' + encodeURIComponent(releaseId);
    link.textContent = 'release ' + releaseId;
    box.append('Published ', link, '. ');
    try {
      const estimates = await (await fetch('/api/v1/estimates?release=' + encodeURIComponent(releaseId))).json();
      const strata = estimates.strata || [];
      const flag = s => (s.estimate.quality || {}).flag;
      const caution = strata.filter(s => flag(s) === 'CAUTION').length;
      const none = strata.filter(s => flag(s) === 'NOT_ESTIMABLE' || s.estimate.status !== 'OK').length;
      box.append(fmt(strata.length) + ' strata estimated: ' + fmt(strata.length - caution - none) + ' reliable, '
        + fmt(caution) + ' to use with caution, ' + fmt(none) + ' not estimable. ');
      const data = await fetch('/api/v1/releases/' + encodeURIComponent(releaseId) + '/data');
      if (data.ok) {
        const d = await data.json();
        const withheld = (d.datasets || []).reduce((n, x) => n + (x.withheld || 0), 0);
        const rows = (d.datasets || []).reduce((n, x) => n + (x.rows || 0), 0);
        box.append('Researcher downloads: ' + fmt(rows) + ' rows, ' + fmt(withheld) + ' withheld by disclosure control.');
      }
    } catch (e) {
      box.append('(its summary could not be read: ' + e.message + ')');
    }
  };

  const follow = async id => {
    $('run-id').textContent = id;
    let run;
    for (;;) {
      const response = await fetch('/api/v1/runs/' + encodeURIComponent(id));
      run = await response.json();
      $('run-status').textContent = run.status;
      $('run-stage').textContent = run.stage ? '(' + run.stage + ')' : '';
      $('run-elapsed').textContent = elapsed(run);
      $('run-progress').max = run.stagesTotal || 4;
      $('run-progress').value = run.stagesDone || 0;
      $('run-message').textContent = run.message || '';
      // issue 18, item 12: what the stage is doing now, counted where it can be (records, strata)
      const w = run.within;
      const counted = w && w.total > 0 && w.count !== null && w.count !== undefined;
      $('run-within').textContent = !w ? '' : w.stage + ': ' + (w.detail || '')
        + (counted ? ' (' + fmt(w.count) + ' of ' + fmt(w.total) + ' ' + (w.unit || '') + ')' : '');
      $('run-within-progress').hidden = !counted;
      if (counted) { $('run-within-progress').max = w.total; $('run-within-progress').value = w.count; }
      row(run);
      if (run.status !== 'running') break;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    if (run.releaseId) await summary(run.releaseId);
    const log = await fetch('/api/v1/runs/' + encodeURIComponent(id) + '/log');
    $('run-log').textContent = await log.text();
  };

  $('start').addEventListener('click', async () => {
    // the parameters filled in on the form; empty ones take their defaults (the server checks them all)
    const query = new URLSearchParams();
    document.querySelectorAll('[data-parameter]').forEach(input => {
      if (input.value.trim()) query.set(input.dataset.parameter, input.value.trim());
    });
    const response = await fetch('/api/v1/runs' + (query.toString() ? '?' + query : ''),
      { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
    const body = await response.json();
    if (response.status !== 202) {
      $('run-status').textContent = body.title + ': ' + body.detail;
      $('parameters').open = true;
      return;
    }
    follow(body.id);
  });

  const active = $('run').dataset.active;
  if (active) follow(active);
})();

// The runs page: starts a run (with the session's CSRF token) and follows it until it ends, then shows its log.
'use strict';
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = id => document.getElementById(id);

  const follow = async id => {
    $('run-id').textContent = id;
    for (;;) {
      const response = await fetch('/api/v1/runs/' + encodeURIComponent(id));
      const run = await response.json();
      $('run-status').textContent = run.status;
      $('run-stage').textContent = run.stage ? '(' + run.stage + ')' : '';
      $('run-progress').max = run.stagesTotal || 4;
      $('run-progress').value = run.stagesDone || 0;
      $('run-message').textContent = run.message || '';
      if (run.status !== 'running') break;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    const log = await fetch('/api/v1/runs/' + encodeURIComponent(id) + '/log');
    $('run-log').textContent = await log.text();
  };

  $('start').addEventListener('click', async () => {
    const response = await fetch('/api/v1/runs', { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
    const body = await response.json();
    if (response.status !== 202) {
      $('run-status').textContent = body.title + ': ' + body.detail;
      return;
    }
    follow(body.id);
  });

  const active = $('run').dataset.active;
  if (active) follow(active);
})();

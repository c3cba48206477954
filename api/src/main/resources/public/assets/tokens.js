// The tokens page (issue 18, item 12): issue a token (its secret shown once), revoke one. The server checks the
// session's CSRF token on both.
'use strict';
(() => {
  const csrf = () => document.querySelector('meta[name=csrf-token]').content;
  const cell = text => { const td = document.createElement('td'); td.textContent = text ?? ''; return td; };
  const problem = async response => {
    try { const p = await response.json(); return (p.title || 'Refused') + ': ' + (p.detail || ''); }
    catch (e) { return 'Refused (' + response.status + ')'; }
  };

  const revoke = async button => {
    const row = button.closest('tr');
    const response = await fetch('/api/v1/tokens/' + encodeURIComponent(row.dataset.id),
      { method: 'DELETE', headers: { 'X-CSRF-Token': csrf() } });
    if (response.status === 204) {
      row.children[7].textContent = 'revoked now';
      button.remove();
    } else {
      row.children[7].textContent = await problem(response);
    }
  };

  const issue = async e => {
    e.preventDefault();
    const out = document.getElementById('issued');
    const country = document.getElementById('country').value.trim().toUpperCase();
    const body = { role: document.getElementById('role').value, label: document.getElementById('label').value.trim(),
      days: Number(document.getElementById('days').value) };
    if (country) body.country = country;
    const response = await fetch('/api/v1/tokens', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() }, body: JSON.stringify(body) });
    out.replaceChildren();
    if (response.status !== 201) {
      const p = document.createElement('p');
      p.className = 'error';
      p.textContent = await problem(response);
      out.append(p);
      return;
    }
    const t = await response.json();
    const p = document.createElement('p');
    p.className = 'ok';
    p.append('Token ' + t.id + ' issued. Copy its secret now: it is not shown again (the server keeps only its hash). ');
    const code = document.createElement('code');
    code.id = 'secret';
    code.textContent = t.token;
    p.append(code);
    out.append(p);
    const tr = document.createElement('tr');
    tr.dataset.id = t.id;
    [t.id, t.role, t.country, t.label, t.createdBy, t.createdAt.slice(0, 10), t.expiresAt.slice(0, 10), 'active']
      .forEach(v => tr.append(cell(v)));
    const td = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'revoke';
    button.textContent = 'Revoke';
    td.append(button);
    tr.append(td);
    document.querySelector('#tokens tbody').prepend(tr);
  };

  const start = () => {
    document.getElementById('issue').addEventListener('submit', issue);
    document.getElementById('tokens').addEventListener('click', e => {
      if (e.target.matches('button.revoke')) revoke(e.target);
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();

// Every page's menu (issue 18, item 9): only the pages the signed-in role may open, who is signed in, a sign-out.
// The server-rendered menu lists every page, for readers without scripts; this replaces it once /api/v1/menu says
// who is reading (the server decides access either way).
'use strict';
(() => {
  const draw = async () => {
    const nav = document.querySelector('header nav');
    if (!nav) return;
    let me;
    try {
      const response = await fetch('/api/v1/menu', { credentials: 'same-origin' });
      if (!response.ok) return;
      me = await response.json();
    } catch (e) {
      return;
    }
    const items = [];
    (me.menu || []).forEach(m => {
      const a = document.createElement('a');
      a.href = m.path;
      a.textContent = m.label;
      if (location.pathname === m.path) a.setAttribute('aria-current', 'page');
      items.push(a);
    });
    nav.replaceChildren();
    items.forEach((a, i) => { if (i) nav.append(' · '); nav.append(a); });
    if (!me.signedIn) {
      const signIn = document.createElement('a');
      signIn.href = '/signin?next=' + encodeURIComponent(location.pathname);
      signIn.textContent = 'Sign in';
      nav.append(' · ', signIn);
      return;
    }
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = 'Signed in as ' + (me.label || me.role) + ' (' + me.role + (me.country ? ', ' + me.country : '') + ')';
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/signout';
    form.className = 'signout';
    const csrf = document.createElement('input');
    csrf.type = 'hidden';
    csrf.name = 'csrf';
    csrf.value = me.csrfToken || '';
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Sign out';
    form.append(csrf, button);
    nav.append(' · ', who, ' ', form);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();

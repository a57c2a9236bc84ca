// Small helpers every portal page shares. No framework: pages work without JavaScript, this only adds comfort.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="stoa-csrf"]');
    return meta ? meta.getAttribute('content') : '';
  }

  /** fetch() for Stoa's own API from a signed-in page: same-origin cookies plus the page's CSRF token. */
  function api(url, options) {
    options = options || {};
    var headers = new Headers(options.headers || {});
    headers.set('X-Csrf-Token', csrfToken());
    options.headers = headers;
    options.credentials = 'same-origin';
    return fetch(url, options);
  }

  /** Bytes as a person reads them: 1.4 GB, 512 kB. */
  function formatBytes(n) {
    if (n < 1000) return n + ' B';
    var units = ['kB', 'MB', 'GB', 'TB'];
    var i = -1;
    do { n /= 1000; i++; } while (n >= 1000 && i < units.length - 1);
    return n.toFixed(n < 10 ? 1 : 0) + ' ' + units[i];
  }

  function toggleTheme() {
    var root = document.documentElement;
    var current = root.getAttribute('data-theme')
      || (window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    var next = current === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try { localStorage.setItem('stoa-theme', next); } catch (e) { /* storage may be off */ }
  }

  function copy(button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    var text = target ? target.textContent : button.getAttribute('data-copy-text');
    navigator.clipboard.writeText(text).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  }

  document.addEventListener('click', function (event) {
    var el = event.target.closest('[data-theme-toggle],[data-copy],[data-copy-text]');
    if (!el) return;
    if (el.hasAttribute('data-theme-toggle')) toggleTheme();
    else copy(el);
  });

  window.Stoa = { api: api, csrfToken: csrfToken, formatBytes: formatBytes };
})();

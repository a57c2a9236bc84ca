// Publishing forms: an owner's default visibility, typed confirmations, the editor's live preview.
// Every form also works without this script; it only adds comfort.
(function () {
  'use strict';

  // New repository: choosing an owner selects its default visibility, until the person picks one themselves.
  var owner = document.querySelector('[data-owner-select]');
  if (owner) {
    var chosen = false;
    document.querySelectorAll('[data-visibility]').forEach(function (radio) {
      radio.addEventListener('change', function () { chosen = true; });
    });
    owner.addEventListener('change', function () {
      if (chosen) return;
      var isPrivate = owner.selectedOptions[0].getAttribute('data-private') === 'true';
      var radio = document.querySelector('[data-visibility="' + (isPrivate ? 'private' : 'public') + '"]');
      if (radio) radio.checked = true;
    });
  }

  // Deleting a repository: the button wakes up once its name is typed exactly (the server checks it too).
  document.querySelectorAll('form[data-typed-confirm]').forEach(function (form) {
    var input = form.querySelector('[data-expect]');
    var button = form.querySelector('button[type="submit"]');
    function check() { button.disabled = input.value.trim() !== input.getAttribute('data-expect'); }
    input.addEventListener('input', check);
    check();
  });

  // Editor: the preview follows the text as it is typed (sanitised HTML rendered by Stoa).
  var form = document.getElementById('edit-form');
  var preview = document.getElementById('preview');
  if (form && preview) {
    var text = document.getElementById('file-content');
    var button = document.getElementById('preview-button');
    var timer = null;
    var refresh = function () {
      var body = new URLSearchParams();
      body.set('csrf', window.Stoa ? Stoa.csrfToken() : '');
      body.set('path', form.getAttribute('data-path'));
      body.set('content', text.value);
      fetch(form.getAttribute('data-preview-url'), { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { preview.innerHTML = html; })
        .catch(function () { preview.textContent = 'The preview is not available right now; your text is safe.'; });
    };
    if (button) button.addEventListener('click', function (event) { event.preventDefault(); refresh(); });
    text.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
  }
})();

// The like button without a page reload. Without JavaScript the same form posts and the page comes back.
(function () {
  'use strict';
  if (window.StoaLikes) return;
  window.StoaLikes = true;

  document.addEventListener('submit', function (event) {
    var form = event.target.closest('form.like-form');
    if (!form || !window.Stoa) return;
    event.preventDefault();
    var action = form.querySelector('input[name="action"]');
    var button = form.querySelector('button');
    var liking = action.value === 'like';
    button.disabled = true;
    Stoa.api(form.getAttribute('data-like-api'), { method: liking ? 'POST' : 'DELETE' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (body) {
        action.value = body.liked ? 'unlike' : 'like';
        button.setAttribute('aria-pressed', body.liked ? 'true' : 'false');
        button.title = body.liked ? 'You like it: select to take your like back' : 'Like it';
        form.querySelector('.like-heart').textContent = body.liked ? '♥' : '♡';
        form.querySelector('.like-label').textContent = body.liked ? 'Liked' : 'Like';
        form.querySelector('.like-count').textContent = body.likes;
        button.disabled = false;
      })
      .catch(function () {
        form.submit(); // let the server answer with a page that says what went wrong
      });
  });
})();

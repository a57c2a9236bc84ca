// The "Try it" panel: sends the message to the OpenAI-compatible gateway with the page's session and streams the
// answer into the page as server-sent events arrive.
(function () {
  'use strict';

  function start(panel) {
    var form = panel.querySelector('.try-form');
    if (!form) return;
    var output = panel.querySelector('#try-output');
    var status = panel.querySelector('#try-status');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var chat = data.get('mode') === 'chat';
      var body = {
        model: panel.dataset.model,
        max_tokens: Number(data.get('max_tokens')),
        temperature: Number(data.get('temperature')),
        top_p: Number(data.get('top_p')),
        stream: true
      };
      if (chat) body.messages = [{ role: 'user', content: data.get('prompt') }];
      else body.prompt = data.get('prompt');
      output.textContent = chat ? '' : data.get('prompt');
      status.textContent = 'Waiting for the model (the first request loads it)…';
      var button = form.querySelector('button');
      button.disabled = true;
      var started = performance.now();
      fetch(chat ? '/v1/chat/completions' : '/v1/completions', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Csrf-Token': window.Stoa ? Stoa.csrfToken() : '' },
        body: JSON.stringify(body)
      }).then(function (response) {
        var deployment = response.headers.get('X-Stoa-Deployment');
        var runner = response.headers.get('X-Stoa-Runner') + (deployment ? ' (deployment ' + deployment + ')' : '');
        if (!response.ok) {
          return response.json().then(function (e) { throw new Error(e.error ? e.error.message : response.statusText); });
        }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        var tokens = 0;
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              var seconds = (performance.now() - started) / 1000;
              status.textContent = 'Answered by ' + runner + ' · ' + tokens + ' pieces in ' + seconds.toFixed(1) + ' s';
              return;
            }
            buffer += decoder.decode(chunk.value, { stream: true });
            var events = buffer.split('\n\n');
            buffer = events.pop();
            events.forEach(function (event) {
              var line = event.replace(/^data: /, '');
              if (line === '[DONE]') return;
              var json = JSON.parse(line);
              if (json.error) throw new Error(json.error.message);
              var choice = json.choices && json.choices[0];
              var text = choice ? (chat ? (choice.delta && choice.delta.content) : choice.text) : '';
              if (text) {
                output.textContent += text;
                tokens++;
              }
            });
            return pump();
          });
        }
        status.textContent = 'Streaming from ' + runner + '…';
        return pump();
      }).catch(function (error) {
        status.textContent = error.message;
      }).finally(function () {
        button.disabled = false;
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.try-it').forEach(start);
  });
})();

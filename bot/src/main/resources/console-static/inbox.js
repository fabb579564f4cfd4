// Agents see new requests without reloading: the inbox badge asks every 30 seconds how many residents wait.
(function () {
  'use strict';
  var badge = document.getElementById('waiting-badge');
  if (!badge || !window.fetch) { return; }
  var label = badge.getAttribute('data-label') || '';
  function refresh() {
    fetch('/console/inbox/waiting', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) { return; }
        var text = body.waiting > 0 ? '(' + body.waiting + ' ' + label + ')' : '';
        if (badge.textContent !== text) { badge.textContent = text; }
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }
  setInterval(refresh, 30000);
})();

/* Ieum chat widget: <script src="https://.../webchat/widget.js" data-lang="vi" async></script> adds a chat
   button that opens the chat in a panel (an iframe of /chat?embed=1). ES5, no dependencies. */
(function () {
  'use strict';
  var d = document;
  if (window.ieumWidgetLoaded) { return; }
  window.ieumWidgetLoaded = true;
  var words = /*WORDS*/{};
  var script = d.currentScript || (function () {
    var all = d.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) { if (/\/webchat\/widget\.js(\?|$)/.test(all[i].src)) { return all[i]; } }
    return null;
  })();
  if (!script) { return; }
  var base = script.src.replace(/\/webchat\/widget\.js.*$/, '');

  function match(hint) {
    var h = String(hint || '').replace(/_/g, '-').toLowerCase(), k;
    for (k in words) { if (words.hasOwnProperty(k) && k.toLowerCase() === h) { return k; } }
    var primary = h.split('-')[0];
    if (primary === 'zh') { return /hant|-tw|-hk|-mo/.test(h) ? 'zh-Hant' : 'zh-Hans'; }
    if (primary === 'fil') { primary = 'tl'; }
    for (k in words) { if (words.hasOwnProperty(k) && k.toLowerCase() === primary) { return k; } }
    return null;
  }
  var lang = match(script.getAttribute('data-lang')) || match(d.documentElement.lang) || match(navigator.language) || 'en';
  var w = words[lang] || words.en;
  var rtl = w.dir === 'rtl';
  var side = rtl ? 'left' : 'right';

  var style = d.createElement('style');
  style.appendChild(d.createTextNode(
    '.ieum-w-btn{position:fixed;bottom:16px;' + side + ':16px;z-index:2147483000;width:56px;height:56px;border-radius:28px;' +
    'border:0;background:#1a56c4;color:#fff;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.35);padding:0}' +
    '.ieum-w-btn:focus{outline:3px solid #f29900;outline-offset:2px}' +
    '.ieum-w-btn svg{width:28px;height:28px;vertical-align:middle}' +
    '.ieum-w-panel{position:fixed;bottom:84px;' + side + ':16px;z-index:2147483000;width:380px;height:560px;' +
    'max-width:calc(100% - 32px);max-height:calc(100% - 100px);background:#fff;border-radius:10px;' +
    'box-shadow:0 4px 20px rgba(0,0,0,.35);overflow:hidden;display:none}' +
    '.ieum-w-panel.open{display:block}' +
    '.ieum-w-panel iframe{border:0;width:100%;height:100%;display:block}' +
    '@media (max-width:480px){.ieum-w-panel{left:0;right:0;bottom:80px;width:auto;max-width:none;height:auto;top:0;' +
    'max-height:none;border-radius:0}}'));
  (d.head || d.documentElement).appendChild(style);

  var button = d.createElement('button');
  button.type = 'button';
  button.className = 'ieum-w-btn';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'ieum-w-panel');
  button.setAttribute('aria-label', w.open);
  button.setAttribute('title', w.open);
  button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" ' +
    'd="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

  var panel = d.createElement('div');
  panel.id = 'ieum-w-panel';
  panel.className = 'ieum-w-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', w.title);
  panel.setAttribute('lang', lang);
  panel.setAttribute('dir', w.dir);
  var frame = null;

  function open() {
    if (!frame) {
      frame = d.createElement('iframe');
      frame.setAttribute('title', w.title);
      frame.src = base + '/chat?embed=1&lang=' + encodeURIComponent(lang);
      panel.appendChild(frame);
    }
    panel.className = 'ieum-w-panel open';
    button.setAttribute('aria-expanded', 'true');
    button.setAttribute('aria-label', w.close);
    button.setAttribute('title', w.close);
    try { frame.focus(); } catch (e) { /* focus moves on first tab */ }
  }
  function close() {
    panel.className = 'ieum-w-panel';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-label', w.open);
    button.setAttribute('title', w.open);
    button.focus();
  }
  button.onclick = function () { if (button.getAttribute('aria-expanded') === 'true') { close(); } else { open(); } };
  d.addEventListener('keydown', function (e) {
    if ((e.key === 'Escape' || e.keyCode === 27) && button.getAttribute('aria-expanded') === 'true') { close(); }
  }, false);

  function mount() { d.body.appendChild(button); d.body.appendChild(panel); }
  if (d.body) { mount(); } else { d.addEventListener('DOMContentLoaded', mount, false); }
})();

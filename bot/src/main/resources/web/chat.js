/* Ieum web chat page. ES5 on purpose (old Android browsers): no arrow functions, no fetch, no build step. */
(function () {
  'use strict';
  var doc = document, body = doc.body;
  var lang = body.getAttribute('data-lang') || 'en';
  var rtl = (body.getAttribute('data-rtl') || '').split(' ');
  var words = {you: body.getAttribute('data-you'), bot: body.getAttribute('data-bot'),
    error: body.getAttribute('data-error'), busy: body.getAttribute('data-busy')};
  var log = doc.getElementById('log'), form = doc.getElementById('ask'), q = doc.getElementById('q');
  var KEY_SESSION = 'ieum.webchat.session', KEY_LOG = 'ieum.webchat.log', MAX_LOG = 80;
  var store = storage();
  var session = load(KEY_SESSION);
  var transcript = load(KEY_LOG) || [];
  var answered = {};
  var source = null;

  function storage() {
    try { var s = window.sessionStorage; s.setItem('ieum.t', '1'); s.removeItem('ieum.t'); return s; } catch (e) { return null; }
  }
  function load(key) {
    if (!store) { return null; }
    try { return JSON.parse(store.getItem(key)); } catch (e) { return null; }
  }
  function save(key, value) {
    if (!store) { return; }
    try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or disabled: keep going */ }
  }
  function isRtl(tag) {
    for (var i = 0; i < rtl.length; i++) { if (rtl[i] && rtl[i] === tag) { return true; } }
    return false;
  }
  function newId() {
    var s = '';
    var chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
    var c = window.crypto || window.msCrypto, bytes;
    if (c && c.getRandomValues) { bytes = new Uint8Array(16); c.getRandomValues(bytes); }
    for (var i = 0; i < 16; i++) { s += chars.charAt((bytes ? bytes[i] : Math.floor(Math.random() * 256)) % chars.length); }
    return 'm' + new Date().getTime().toString(36) + s;
  }

  function request(method, path, data, token, done) {
    var x = new XMLHttpRequest();
    x.open(method, path, true);
    x.setRequestHeader('Content-Type', 'application/json');
    if (token) { x.setRequestHeader('Authorization', 'Bearer ' + token); }
    try { x.timeout = 30000; } catch (e) { /* old browsers */ }
    x.onreadystatechange = function () {
      if (x.readyState !== 4) { return; }
      var r = null;
      try { r = JSON.parse(x.responseText); } catch (e) { r = null; }
      done(x.status, r);
    };
    x.send(data === null ? null : JSON.stringify(data));
  }

  function scrollDown() {
    var h = Math.max(body.scrollHeight, doc.documentElement.scrollHeight);
    window.scrollTo(0, h);
  }

  function add(entry, remember) {
    var li = doc.createElement('li');
    li.className = entry.cls;
    if (entry.lang) { li.setAttribute('lang', entry.lang); li.setAttribute('dir', entry.dir || (isRtl(entry.lang) ? 'rtl' : 'ltr')); }
    var who = doc.createElement('span');
    who.className = 'who';
    who.appendChild(doc.createTextNode(entry.cls === 'you' ? words.you : words.bot));
    li.appendChild(who);
    if (entry.html) {
      var div = doc.createElement('div');
      div.innerHTML = entry.html; /* built and escaped by the server */
      li.appendChild(div);
    } else {
      li.appendChild(doc.createTextNode(entry.text));
    }
    if (entry.options && entry.options.length) {
      var box = doc.createElement('div');
      box.className = 'opts';
      for (var i = 0; i < entry.options.length; i++) {
        box.appendChild(optionButton(entry.options[i], box, remember));
      }
      li.appendChild(box);
    }
    log.appendChild(li);
    if (remember) {
      transcript.push(entry);
      if (transcript.length > MAX_LOG) { transcript = transcript.slice(transcript.length - MAX_LOG); }
      save(KEY_LOG, transcript);
    }
    scrollDown();
  }

  function optionButton(option, box, live) {
    var b = doc.createElement('button');
    b.type = 'button';
    b.setAttribute('data-key', option.key);
    b.appendChild(doc.createTextNode(option.key + '. ' + option.label));
    if (!live) { b.disabled = true; return b; }
    b.onclick = function () {
      var all = box.getElementsByTagName('button');
      for (var i = 0; i < all.length; i++) { all[i].disabled = true; }
      send(option.key, option.key + '. ' + option.label);
      q.focus();
    };
    return b;
  }

  function showReplies(r) {
    var replies = (r && r.replies) || [];
    for (var i = 0; i < replies.length; i++) {
      var m = replies[i];
      add({cls: 'bot', text: m.text, html: m.html, lang: m.language, dir: m.dir, options: m.options}, true);
    }
  }

  function problem(status) {
    add({cls: 'err', text: status === 429 ? words.busy : words.error, lang: lang}, false);
  }

  function withSession(then) {
    if (session && session.token && session.lang === lang) { then(session.token); return; }
    request('POST', '/webchat/sessions', {lang: lang}, null, function (status, r) {
      if (status === 200 && r && r.token) {
        session = {token: r.token, lang: lang};
        save(KEY_SESSION, session);
        listen();
        then(r.token);
      } else {
        problem(status);
      }
    });
  }

  function post(text, id, token, attempt) {
    request('POST', '/webchat/messages', {text: text, clientMessageId: id}, token, function (status, r) {
      if (status === 200 && r) {
        if (!answered[id]) { answered[id] = true; showReplies(r); }
        return;
      }
      if (status === 401 && attempt === 0) {
        session = null;
        withSession(function (t) { post(text, id, t, 1); });
        return;
      }
      if ((status === 0 || status >= 500) && attempt < 2) {
        setTimeout(function () { post(text, id, token, attempt + 1); }, 1500 * (attempt + 1));
        return;
      }
      problem(status);
    });
  }

  function send(text, shown) {
    add({cls: 'you', text: shown || text}, true);
    var id = newId();
    withSession(function (token) { post(text, id, token, 0); });
  }

  function listen() {
    if (!window.EventSource || !session || !session.token) { return; }
    if (source) { source.close(); }
    source = new window.EventSource('/webchat/events?token=' + encodeURIComponent(session.token));
    source.onmessage = function (e) {
      var r = null;
      try { r = JSON.parse(e.data); } catch (x) { return; }
      showReplies(r);
    };
  }

  form.onsubmit = function (e) {
    if (e && e.preventDefault) { e.preventDefault(); }
    var text = q.value;
    if (text.replace(/\s+/g, '').length > 0) {
      q.value = '';
      send(text);
    }
    q.focus();
    return false;
  };

  if (transcript.length) {
    // earlier messages of this tab (kept across a change of language) come before the greeting in the new language
    var greeting = log.firstChild;
    while (greeting && greeting.nodeType !== 1) { greeting = greeting.nextSibling; }
    if (greeting) { log.removeChild(greeting); }
    for (var i = 0; i < transcript.length; i++) { add(transcript[i], false); }
    if (greeting) { log.appendChild(greeting); }
  }
  if (session && session.token && session.lang === lang) { listen(); }
  // a journey's deep link (/j/...) hands over its start code: sent once per tab, not shown as the resident's words
  var start = body.getAttribute('data-start');
  if (start && !(store && store.getItem('ieum.webchat.start.' + start))) {
    if (store) { store.setItem('ieum.webchat.start.' + start, '1'); }
    withSession(function (token) { post(start, newId(), token, 0); });
  }
  body.setAttribute('data-ready', '1');
})();

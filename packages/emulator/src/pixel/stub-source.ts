/* The stub's source, kept as text: it runs in the browser, not in Node. See stub-script.ts. */
export const STUB_SOURCE = String.raw`function (w, d, COLLECT) {
  var name = w.TiktokAnalyticsObject || 'ttq';
  var ttq = w[name] = w[name] || [];
  if (ttq.__pixelpairStub) return; // one injected copy per ttq.load(); only the first takes over
  ttq.__pixelpairStub = true;
  var METHODS = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group',
    'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent'];
  var CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  var state = { consent: 'default', cookies: true, identity: {}, held: [], seq: 0, lastUrl: String(w.location.href), observing: false };
  var log = w.__pixelpairPixel = { calls: [], collectUrl: COLLECT };
  var pageId = Math.random().toString(36).slice(2, 10);
  ttq._i = ttq._i || {};
  ttq._o = ttq._o || {};

  // A page may disable cookies (document.cookie throws SecurityError); like the real
  // pixel, the stub then works without them instead of throwing into the page.
  function readCookie(key) {
    var parts;
    try { parts = String(d.cookie || '').split(/;\s*/); } catch (e) { return null; }
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].slice(0, eq) === key) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }
  function randomChars(n) {
    var out = '';
    for (var i = 0; i < n; i++) out += CROCKFORD.charAt(Math.floor(Math.random() * 32));
    return out;
  }
  // TikTok-like opaque value, ULID style: 01JRF870C462XP4N5ZD0W5Q3X9_.tt.1
  function newTtp() {
    var t = Date.now(), time = '';
    for (var i = 0; i < 10; i++) { time = CROCKFORD.charAt(t % 32) + time; t = Math.floor(t / 32); }
    return time + randomChars(16) + '_.tt.1';
  }
  function ensureCookie() {
    if (!state.cookies || state.consent === 'held' || state.consent === 'revoked') return;
    try {
      if (!readCookie('_ttp')) d.cookie = '_ttp=' + newTtp() + '; path=/; max-age=34128000; SameSite=Lax';
      if (!readCookie('_tt_enable_cookie')) d.cookie = '_tt_enable_cookie=1; path=/; max-age=34128000; SameSite=Lax';
    } catch (e) { /* cookies disabled */ }
  }
  function copy(obj) {
    var out = {};
    for (var k in obj) if (Object.prototype.hasOwnProperty.call(obj, k)) out[k] = obj[k];
    return out;
  }
  function plainObject(value) {
    if (!value || typeof value !== 'object') return null;
    try { return JSON.parse(JSON.stringify(value)); } catch (e) { return null; }
  }
  // Identity in track properties is a page bug; keep the key so tests can see it, never the value.
  function redact(props) {
    var out = plainObject(props);
    if (!out) return out;
    for (var k in out) {
      if (/email|phone/i.test(k) && typeof out[k] === 'string' && !/^[a-f0-9]{64}$/i.test(out[k])) out[k] = '[redacted]';
    }
    return out;
  }
  function post(rec) {
    rec.time = Date.now();
    log.calls.push(rec);
    var body = JSON.stringify(rec);
    try {
      if (w.fetch) w.fetch(COLLECT, { method: 'POST', body: body, keepalive: true, mode: 'cors', headers: { 'content-type': 'text/plain' } }).catch(function () {});
      else if (w.navigator && w.navigator.sendBeacon) w.navigator.sendBeacon(COLLECT, body);
    } catch (e) { /* the stand-in being down must never break the page */ }
  }
  function record(pixelId, method, extra) {
    var rec = { callId: pageId + '-' + (++state.seq), pixelId: pixelId, method: method, event: null, eventId: null,
      properties: null, options: null, status: 'recorded', auto: false, released: false, consent: state.consent,
      cookiesEnabled: state.cookies, ttp: readCookie('_ttp'), identity: copy(state.identity),
      url: String(w.location.href), referrer: String(d.referrer || '') };
    for (var k in extra) rec[k] = extra[k];
    return rec;
  }
  function pixelIds() { return Object.keys(ttq._i); }
  function emit(target, method, event, props, opts, auto) {
    var only = opts && typeof opts.pixel_code === 'string' ? opts.pixel_code : null;
    var targets = target ? [target] : only ? [only] : pixelIds();
    if (targets.length === 0) targets = [null];
    var rawId = opts ? opts.event_id : undefined;
    var eventId = typeof rawId === 'string' ? rawId : rawId == null ? null : String(rawId);
    ensureCookie();
    for (var i = 0; i < targets.length; i++) {
      var status = state.consent === 'held' ? 'held' : state.consent === 'revoked' ? 'dropped' : 'sent';
      var rec = record(targets[i], method, { event: event, eventId: eventId, properties: redact(props),
        options: plainObject(opts), status: status, auto: !!auto });
      if (status === 'held') state.held.push(rec);
      post(rec);
    }
  }
  function identityKinds(data) {
    if (!data || typeof data !== 'object') return;
    for (var key in data) {
      var value = data[key];
      if (value == null || value === '') continue;
      var name = key.indexOf('sha256_') === 0 ? key.slice(7) : key;
      var hashed = key.indexOf('sha256_') === 0 || /^[a-f0-9]{64}$/i.test(String(value));
      state.identity[name] = hashed ? 'hashed' : 'plain';
    }
  }
  function release(status) {
    var held = state.held;
    state.held = [];
    for (var i = 0; i < held.length; i++) {
      var rec = copy(held[i]);
      rec.status = status; rec.released = status === 'sent'; rec.consent = state.consent;
      rec.ttp = readCookie('_ttp');
      post(rec);
    }
  }
  function call(target, method, args) {
    switch (method) {
      case 'page': return emit(target, 'page', 'Pageview', args[0], args[1], false);
      case 'track': return emit(target, 'track', typeof args[0] === 'string' ? args[0] : String(args[0]), args[1], args[2], false);
      case 'identify':
        identityKinds(args[0]);
        return post(record(target, 'identify', {}));
      case 'holdConsent':
        state.consent = 'held';
        return post(record(target, method, {}));
      case 'grantConsent':
        state.consent = 'granted';
        ensureCookie();
        post(record(target, method, {}));
        return release('sent');
      case 'revokeConsent':
        state.consent = 'revoked';
        post(record(target, method, {}));
        return release('dropped');
      case 'enableCookie':
        state.cookies = true;
        ensureCookie();
        return post(record(target, method, {}));
      case 'disableCookie':
        state.cookies = false;
        return post(record(target, method, {}));
      case 'ready':
        if (typeof args[0] === 'function') { try { args[0](); } catch (e) { /* page callback */ } }
        return post(record(target, method, {}));
      default:
        return post(record(target, method, { options: plainObject(args[0]) }));
    }
  }
  function install(obj, target) {
    for (var i = 0; i < METHODS.length; i++) {
      (function (method) {
        obj[method] = function () {
          try { call(target, method, Array.prototype.slice.call(arguments)); } catch (e) { /* never break the page */ }
          return obj;
        };
      })(METHODS[i]);
    }
  }
  function observerWanted() {
    var ids = pixelIds();
    for (var i = 0; i < ids.length; i++) if (!(ttq._o[ids[i]] && ttq._o[ids[i]].historyObserver === false)) return true;
    return false;
  }
  // TikTok's own SPA history observer: an automatic Pageview, without event_id, per route change.
  function onRoute() {
    var href = String(w.location.href);
    if (href === state.lastUrl) return;
    state.lastUrl = href;
    var ids = pixelIds();
    for (var i = 0; i < ids.length; i++) {
      if (!(ttq._o[ids[i]] && ttq._o[ids[i]].historyObserver === false)) emit(ids[i], 'page', 'Pageview', null, null, true);
    }
  }
  function observeHistory() {
    if (state.observing || !observerWanted() || !w.history) return;
    state.observing = true;
    var wrap = function (key) {
      var original = w.history[key];
      if (typeof original !== 'function') return;
      w.history[key] = function () {
        var result = original.apply(this, arguments);
        try { onRoute(); } catch (e) { /* never break navigation */ }
        return result;
      };
    };
    wrap('pushState');
    wrap('replaceState');
    if (w.addEventListener) w.addEventListener('popstate', function () { onRoute(); });
  }
  function registerPixel(id, options) {
    if (!ttq._i[id]) ttq._i[id] = [];
    ttq._o[id] = options || ttq._o[id] || {};
    post(record(id, 'load', { options: plainObject(ttq._o[id]) }));
  }

  // Take over: queued global calls first, then each instance's queue.
  var queued = Array.prototype.slice.call(ttq, 0);
  ttq.length = 0;
  var ids = pixelIds();
  for (var p = 0; p < ids.length; p++) registerPixel(ids[p], ttq._o[ids[p]]);
  install(ttq, null);
  ttq.instance = function (id) {
    var inst = ttq._i[id] = ttq._i[id] || [];
    if (!inst.__pixelpairStub) { inst.__pixelpairStub = true; install(inst, id); }
    return inst;
  };
  ttq.load = function (id, options) {
    registerPixel(id, options);
    observeHistory();
  };
  for (var q = 0; q < queued.length; q++) {
    var entry = queued[q];
    if (entry && entry.length) { try { call(null, entry[0], Array.prototype.slice.call(entry, 1)); } catch (e) { /* skip */ } }
  }
  for (var r = 0; r < ids.length; r++) {
    var inst = ttq._i[ids[r]];
    var instQueue = Array.prototype.slice.call(inst, 0);
    inst.length = 0;
    ttq.instance(ids[r]);
    for (var s = 0; s < instQueue.length; s++) {
      var item = instQueue[s];
      if (item && item.length) { try { call(ids[r], item[0], Array.prototype.slice.call(item, 1)); } catch (e) { /* skip */ } }
    }
  }
  ensureCookie();
  observeHistory();
}`;

/* The gtag stub's source, kept as text: it runs in the browser, not in Node. See stub-script.ts. */
export const GTAG_STUB_SOURCE = String.raw`function (w, d, COLLECT, REGION, DL) {
  var dl = w[DL] = w[DL] || [];
  if (dl.__pixelpairGtag) return; // one copy per page, however often the script is added
  dl.__pixelpairGtag = true;
  var KEYS = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage'];
  var IDENTITY = /email|phone|user_data|address|first_name|last_name|given_name|family_name|sha256/i;
  var state = { consent: { ad_storage: null, ad_user_data: null, ad_personalization: null, analytics_storage: null },
    byRegion: {}, waitUntil: 0, updated: false, held: [], configured: {}, identity: {}, seq: 0 };
  var log = w.__pixelpairGtag = { calls: [], collectUrl: COLLECT };
  var pageId = Math.random().toString(36).slice(2, 10);

  function now() { return new Date().getTime(); }
  function readCookie(key) {
    var parts;
    try { parts = String(d.cookie || '').split(/;\s*/); } catch (e) { return null; }
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].slice(0, eq) === key) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }
  function copyConsent() {
    var out = {};
    for (var i = 0; i < KEYS.length; i++) out[KEYS[i]] = state.consent[KEYS[i]];
    return out;
  }
  function plain(value) {
    if (!value || typeof value !== 'object') return null;
    try { return JSON.parse(JSON.stringify(value)); } catch (e) { return null; }
  }
  // Identity never leaves the page: keep the key, drop the value.
  function redact(params, skip) {
    var out = plain(params);
    if (!out) return null;
    for (var k in out) {
      if (skip && skip[k]) delete out[k];
      else if (IDENTITY.test(k)) out[k] = '[redacted]';
    }
    return out;
  }
  function identityKinds(data) {
    if (!data || typeof data !== 'object') return;
    for (var key in data) {
      var value = data[key];
      if (value == null || value === '') continue;
      var hashedKey = key.indexOf('sha256_') === 0;
      var name = hashedKey ? key.slice(7) : key;
      if (name === 'email_address') name = 'email';
      var hashed = hashedKey || (typeof value === 'string' && /^[a-f0-9]{64}$/i.test(value));
      state.identity[name] = hashed ? 'hashed' : 'plain';
    }
  }
  // The conversion linker's first-party click cookie, written only while ad_storage allows it.
  function writeGclAw() {
    if (state.consent.ad_storage === 'denied') return;
    var m = /[?&]gclid=([^&#]*)/.exec(String(w.location.href));
    if (!m || !m[1]) return;
    var gclid = decodeURIComponent(m[1]);
    var current = readCookie('_gcl_aw');
    if (current && current.slice(current.lastIndexOf('.') + 1) === gclid) return;
    try { d.cookie = '_gcl_aw=GCL.' + Math.floor(now() / 1000) + '.' + gclid + '; path=/; max-age=7776000; SameSite=Lax'; } catch (e) { /* cookies disabled */ }
  }
  function post(rec) {
    rec.time = now();
    rec.gclAw = !!readCookie('_gcl_aw');
    log.calls.push(rec);
    var body = JSON.stringify(rec);
    try {
      if (w.fetch) w.fetch(COLLECT, { method: 'POST', body: body, keepalive: true, mode: 'cors', headers: { 'content-type': 'text/plain' } }).catch(function () {});
      else if (w.navigator && w.navigator.sendBeacon) w.navigator.sendBeacon(COLLECT, body);
    } catch (e) { /* the stand-in being down must never break the page */ }
  }
  function record(command, extra) {
    var rec = { callId: pageId + '-' + (++state.seq), command: command, tagId: null, sendTo: null, label: null, event: null,
      conversion: false, transactionId: null, transactionIdType: null, value: null, currency: null, params: null,
      consent: copyConsent(), consentArgs: null, status: 'recorded', released: false, configured: false,
      identity: {}, url: String(w.location.href), referrer: String(d.referrer || '') };
    for (var k in state.identity) rec.identity[k] = state.identity[k];
    for (var x in extra) rec[x] = extra[x];
    return rec;
  }
  function hitStatus() { return state.consent.ad_storage === 'denied' ? 'cookieless' : 'sent'; }
  function waiting() { return !state.updated && state.waitUntil > now(); }
  function release() {
    var held = state.held;
    state.held = [];
    for (var i = 0; i < held.length; i++) {
      var rec = {};
      for (var k in held[i]) rec[k] = held[i][k];
      rec.status = hitStatus(); rec.released = true; rec.consent = copyConsent();
      post(rec);
    }
  }
  function consent(sub, values) {
    if (!values || typeof values !== 'object') return post(record('consent', { event: String(sub) }));
    var args = {};
    for (var k in values) if (typeof values[k] === 'string' || typeof values[k] === 'number') args[k] = String(values[k]);
    if (values.region) args.region = String(values.region);
    var regions = values.region ? [].concat(values.region) : null;
    var applies = !regions || (REGION && (regions.indexOf(REGION) >= 0 || regions.indexOf(REGION.split('-')[0]) >= 0));
    if (sub === 'default' && applies) {
      for (var i = 0; i < KEYS.length; i++) {
        var key = KEYS[i], v = values[key];
        if (v !== 'granted' && v !== 'denied') continue;
        // A region-specific default wins over a general one, whatever the order.
        if (!regions && state.byRegion[key]) continue;
        if (regions) state.byRegion[key] = true;
        state.consent[key] = v;
      }
      if (typeof values.wait_for_update === 'number' && values.wait_for_update > 0 && !state.updated) {
        state.waitUntil = now() + values.wait_for_update;
        w.setTimeout(function () { try { if (!state.updated) release(); } catch (e) { /* never break the page */ } }, values.wait_for_update);
      }
    } else if (sub === 'update') {
      for (var j = 0; j < KEYS.length; j++) {
        var u = values[KEYS[j]];
        if (u === 'granted' || u === 'denied') state.consent[KEYS[j]] = u;
      }
      state.updated = true;
    }
    post(record('consent', { event: String(sub), consentArgs: args }));
    if (sub === 'update') { release(); writeGclAw(); }
  }
  function targetsOf(params) {
    var to = params && params.send_to;
    var list = typeof to === 'string' ? to.split(',') : Object.prototype.toString.call(to) === '[object Array]' ? to : null;
    if (!list) { list = []; for (var id in state.configured) list.push(id); }
    var out = [];
    for (var i = 0; i < list.length; i++) if (typeof list[i] === 'string' && list[i].replace(/\s/g, '')) out.push(list[i].replace(/\s/g, ''));
    return out.length ? out : [null];
  }
  function event(name, params) {
    params = params && typeof params === 'object' ? params : {};
    if (params.user_data) identityKinds(params.user_data);
    var raw = params.transaction_id;
    var type = raw == null ? null : typeof raw === 'string' ? 'string' : typeof raw === 'number' ? 'number' : 'other';
    var rest = redact(params, { send_to: 1, transaction_id: 1, value: 1, currency: 1, event_callback: 1, event_timeout: 1 });
    var targets = targetsOf(params);
    for (var i = 0; i < targets.length; i++) {
      var target = targets[i];
      var slash = target ? target.indexOf('/') : -1;
      var tagId = target ? (slash >= 0 ? target.slice(0, slash) : target) : null;
      var label = slash >= 0 ? target.slice(slash + 1) : null;
      var rec = record('event', { event: name, sendTo: target, tagId: tagId, label: label,
        conversion: name === 'conversion' || (!!label && /^AW-/.test(tagId)),
        transactionId: raw == null ? null : String(raw), transactionIdType: type,
        value: typeof params.value === 'number' ? params.value : null,
        currency: typeof params.currency === 'string' ? params.currency : null,
        params: rest, configured: !!(tagId && state.configured[tagId]), status: waiting() ? 'held' : hitStatus() });
      if (rec.status === 'held') state.held.push(rec);
      post(rec);
    }
    if (typeof params.event_callback === 'function') {
      var cb = params.event_callback;
      w.setTimeout(function () { try { cb(); } catch (e) { /* page callback */ } }, 0);
    }
  }
  function command(args) {
    var name = args[0];
    switch (name) {
      case 'js': return post(record('js', {}));
      case 'config':
        var id = String(args[1]);
        state.configured[id] = true;
        post(record('config', { tagId: id, params: redact(args[2]), configured: true }));
        return writeGclAw();
      case 'consent': return consent(args[1], args[2]);
      case 'set':
        if (args[1] === 'user_data') { identityKinds(args[2]); return post(record('set', { event: 'user_data' })); }
        return post(record('set', { event: typeof args[1] === 'string' ? args[1] : null, params: typeof args[1] === 'string' ? null : redact(args[1]) }));
      case 'event': return event(String(args[1]), args[2]);
      case 'get':
        if (typeof args[3] === 'function') { var get = args[3]; w.setTimeout(function () { try { get(undefined); } catch (e) { /* page callback */ } }, 0); }
        return post(record('get', { tagId: typeof args[1] === 'string' ? args[1] : null, event: typeof args[2] === 'string' ? args[2] : null }));
      default: return post(record(typeof name === 'string' ? name : 'unknown', {}));
    }
  }
  // gtag.js runs only Arguments objects as commands (what gtag() pushes); an array or a plain
  // object is a dataLayer message, not a command: recorded so a test can see the mistake.
  function process(entry) {
    try {
      if (Object.prototype.toString.call(entry) === '[object Arguments]') return command(Array.prototype.slice.call(entry));
      if (Object.prototype.toString.call(entry) === '[object Array]') return post(record('ignored', { status: 'ignored', event: typeof entry[0] === 'string' ? entry[0] : null }));
      if (entry && typeof entry === 'object') return post(record('push', { event: typeof entry.event === 'string' ? entry.event : null }));
    } catch (e) { /* never break the page */ }
  }
  var queued = Array.prototype.slice.call(dl, 0);
  var push = dl.push;
  dl.push = function () {
    var result = push.apply(dl, arguments);
    for (var i = 0; i < arguments.length; i++) process(arguments[i]);
    return result;
  };
  for (var q = 0; q < queued.length; q++) process(queued[q]);
}`;

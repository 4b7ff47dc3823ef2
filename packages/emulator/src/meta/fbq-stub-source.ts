/* The fbq stub's source, kept as text: it runs in the browser, not in Node. See fbq-stub-script.ts. */
export const FBQ_STUB_SOURCE = String.raw`function (w, d, COLLECT) {
  try {
  var fbq = w.fbq;
  if (fbq && fbq.__pixelpairStub) return; // one copy per page; a second injection changes nothing
  if (typeof fbq !== 'function') {
    fbq = function () { if (fbq.callMethod) fbq.callMethod.apply(fbq, arguments); else fbq.queue.push(arguments); };
    fbq.push = fbq; fbq.loaded = true; fbq.version = '2.0'; fbq.queue = [];
    w.fbq = fbq;
  }
  if (!w._fbq) w._fbq = fbq;
  fbq.__pixelpairStub = true;
  var STANDARD = { PageView: 1, ViewContent: 1, Search: 1, AddToCart: 1, AddToWishlist: 1, InitiateCheckout: 1,
    AddPaymentInfo: 1, Purchase: 1, Lead: 1, CompleteRegistration: 1, Contact: 1, CustomizeProduct: 1, Donate: 1,
    FindLocation: 1, Schedule: 1, StartTrial: 1, SubmitApplication: 1, Subscribe: 1 };
  var state = { consent: 'default', pixels: [], known: {}, am: {}, ldu: null, held: [], seq: 0 };
  var log = w.__pixelpairMetaPixel = { calls: [], collectUrl: COLLECT };
  var pageId = Math.random().toString(36).slice(2, 10);
  var NINETY_DAYS = '; max-age=7776000; path=/; SameSite=Lax';

  // document.cookie throws on pages with cookies disabled: the stub then works without them.
  function readCookie(key) {
    var parts;
    try { parts = String(d.cookie || '').split(/;\s*/); } catch (e) { return null; }
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].slice(0, eq) === key) {
        try { return decodeURIComponent(parts[i].slice(eq + 1)); } catch (e) { return parts[i].slice(eq + 1); }
      }
    }
    return null;
  }
  function newFbp(index) { return 'fb.' + index + '.' + Date.now() + '.' + Math.floor(Math.random() * 2147483647); }
  // Like Meta's pixel: a first-party _fbp on the widest domain the browser allows, 90 days;
  // the subdomain index is that domain's level (example.com = 1). Never while consent is revoked.
  function ensureFbp() {
    if (state.consent === 'revoked' || readCookie('_fbp')) return;
    try {
      var host = String(w.location.hostname || '');
      var ip = /^[\d.]+$/.test(host) || host.indexOf(':') >= 0;
      if (ip || host.indexOf('.') < 0) { d.cookie = '_fbp=' + newFbp(ip ? 1 : 0) + NINETY_DAYS; return; }
      var labels = host.split('.');
      for (var n = 2; n <= labels.length; n++) {
        var value = newFbp(n - 1);
        d.cookie = '_fbp=' + value + NINETY_DAYS + '; domain=' + labels.slice(-n).join('.');
        if (readCookie('_fbp') === value) return;
      }
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
  // Identity in event properties is a page bug; keep the key so tests see it, never the value.
  function redact(props) {
    var out = plainObject(props);
    if (!out) return out;
    for (var k in out) {
      if (/^(em|ph|email|phone)/i.test(k) && typeof out[k] === 'string' && !/^[a-f0-9]{64}$/i.test(out[k])) out[k] = '[redacted]';
    }
    return out;
  }
  function post(rec) {
    rec.time = Date.now();
    log.calls.push(rec);
    try {
      var body = JSON.stringify(rec);
      if (w.fetch) w.fetch(COLLECT, { method: 'POST', body: body, keepalive: true, mode: 'cors', headers: { 'content-type': 'text/plain' } }).catch(function () {});
      else if (w.navigator && w.navigator.sendBeacon) w.navigator.sendBeacon(COLLECT, body);
    } catch (e) { /* the stand-in being down must never break the page */ }
  }
  function record(pixelId, method, extra) {
    var ldu = state.ldu;
    var rec = { callId: pageId + '-' + (++state.seq), pixelId: pixelId, method: method, event: null, eventId: null, custom: false,
      properties: null, options: null, status: 'recorded', released: false, reason: null, consent: state.consent,
      limitedDataUse: ldu ? ldu.on : null, lduCountry: ldu ? ldu.country : null, lduState: ldu ? ldu.state : null,
      fbp: readCookie('_fbp'), fbc: readCookie('_fbc'), advancedMatching: copy(state.am), warning: null,
      url: String(w.location.href), referrer: String(d.referrer || '') };
    for (var k in extra) rec[k] = extra[k];
    return rec;
  }
  function fire(targets, method, event, props, opts, custom) {
    var raw = opts && typeof opts === 'object' ? opts.eventID : undefined;
    var eventId = raw == null ? null : String(raw);
    var warning = eventId === null && opts && opts.event_id != null ? 'event_id_spelling' : !custom && !STANDARD[event] ? 'non_standard_event' : null;
    var base = { event: event, eventId: eventId, custom: custom, properties: redact(props), options: plainObject(opts), warning: warning };
    if (targets.length === 0) { base.status = 'dropped'; base.reason = 'no_pixel'; return post(record(null, method, base)); }
    ensureFbp();
    for (var i = 0; i < targets.length; i++) {
      base.status = state.consent === 'revoked' ? 'held' : 'sent';
      var rec = record(targets[i], method, base);
      if (rec.status === 'held') state.held.push(rec);
      post(rec);
    }
  }
  function release(status, reason) {
    var held = state.held;
    state.held = [];
    for (var i = 0; i < held.length; i++) {
      var rec = copy(held[i]);
      rec.status = status; rec.released = status === 'sent'; rec.reason = reason; rec.consent = state.consent;
      rec.fbp = readCookie('_fbp'); rec.fbc = readCookie('_fbc');
      post(rec);
    }
  }
  function identityKinds(data) {
    if (!data || typeof data !== 'object') return;
    for (var key in data) {
      var value = data[key];
      if (value == null || value === '') continue;
      state.am[key] = /^[a-f0-9]{64}$/i.test(String(value)) ? 'hashed' : 'plain';
    }
  }
  function call(args) {
    var method = String(args[0]);
    switch (method) {
      case 'init': {
        var id = args[1] == null ? '' : String(args[1]);
        identityKinds(args[2]);
        var seen = !!state.known[id];
        if (id && !seen) { state.known[id] = true; state.pixels.push(id); }
        ensureFbp();
        return post(record(id || null, 'init', { warning: !id ? 'missing_pixel_id' : seen ? 'duplicate_init' : null }));
      }
      case 'track': case 'trackCustom':
        return fire(state.pixels.slice(), method, String(args[1]), args[2], args[3], method === 'trackCustom');
      case 'trackSingle': case 'trackSingleCustom': {
        var only = String(args[1]);
        if (!state.known[only]) {
          return post(record(only, method, { event: String(args[2]), status: 'dropped', reason: 'unknown_pixel', custom: method === 'trackSingleCustom' }));
        }
        return fire([only], method, String(args[2]), args[3], args[4], method === 'trackSingleCustom');
      }
      case 'consent':
        if (args[1] === 'revoke') { state.consent = 'revoked'; return post(record(null, method, { options: { action: 'revoke' } })); }
        if (args[1] === 'grant') {
          state.consent = 'granted';
          ensureFbp();
          post(record(null, method, { options: { action: 'grant' } }));
          return release('sent', null);
        }
        return post(record(null, method, { options: { action: String(args[1]) }, warning: 'invalid_consent' }));
      case 'dataProcessingOptions': {
        var list = args[1];
        var valid = Object.prototype.toString.call(list) === '[object Array]' && (list.length === 0 || (list.length === 1 && list[0] === 'LDU'));
        var on = valid && list.length === 1;
        state.ldu = { on: on, country: on && typeof args[2] === 'number' ? args[2] : null, state: on && typeof args[3] === 'number' ? args[3] : null };
        var warn = !valid ? 'invalid_data_processing_options' : state.pixels.length ? 'data_processing_options_after_init' : null;
        return post(record(null, method, { options: { options: plainObject(list), country: args[2] == null ? null : args[2], state: args[3] == null ? null : args[3] }, warning: warn }));
      }
      default:
        return post(record(null, method, { options: { args: plainObject(Array.prototype.slice.call(args, 1)) } }));
    }
  }

  fbq.callMethod = function () {
    try { call(Array.prototype.slice.call(arguments)); } catch (e) { /* never break the page */ }
  };
  var queued = fbq.queue || [];
  fbq.queue = [];
  for (var q = 0; q < queued.length; q++) {
    try { if (queued[q] && queued[q].length) call(Array.prototype.slice.call(queued[q])); } catch (e) { /* skip */ }
  }
  // Calls still held when the page goes away are never sent: record them as dropped.
  if (w.addEventListener) w.addEventListener('pagehide', function () { try { release('dropped', 'unload'); } catch (e) { /* ignore */ } });
  } catch (e) { /* never throw into the page */ }
}`;

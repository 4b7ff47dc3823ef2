/*
 * The Test Events page's browser script, kept as text (it runs in the page, not in Node). It
 * polls /__emulator/pairs and renders what the JSON says: verdicts, reasons and words all come
 * from the report, so the page and the API never disagree. textContent only: event names and
 * ids come from the pages under test.
 */
export const TEST_EVENTS_SCRIPT = String.raw`
(function () {
  var params = new URLSearchParams(location.search);
  var code = params.get('test_event_code') || '';
  var api = '/__emulator/pairs?limit=' + encodeURIComponent(params.get('limit') || '500') + (code ? '&test_event_code=' + encodeURIComponent(code) : '');
  var LABELS = { ok: 'OK', attention: 'Needs attention', broken: 'Broken' };
  // What each side's target is called, where a destination has one (Google: the tag's send_to, the server's conversion action).
  var TARGETS = { google: ['send_to ', 'conversion action '] };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function add(parent, children) { children.forEach(function (c) { if (c) parent.appendChild(c); }); return parent; }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function clock(ms) { return ms == null ? '' : new Date(ms).toLocaleTimeString('en-GB', { hour12: false }); }
  function eventTime(seconds, arrival) {
    var d = new Date(seconds * 1000), a = new Date(arrival);
    return d.toDateString() === a.toDateString() ? clock(d.getTime()) : d.toLocaleString('en-GB', { hour12: false });
  }
  function keyList(keys, labels) {
    var ul = el('ul', 'keys');
    Object.keys(keys || {}).forEach(function (k) {
      var li = el('li', 'key ' + (keys[k] ? 'on' : 'off'), labels[k] || k);
      li.title = (keys[k] ? 'arrived: ' : 'missing: ') + k;
      ul.appendChild(li);
    });
    return ul;
  }
  function cell(label, cls) { var td = el('td', cls); if (label) td.setAttribute('data-label', label); return td; }

  function labelsOf(specs) {
    var out = {};
    specs.forEach(function (k) { out[k.key] = k.label; });
    return out;
  }

  function renderOverview(report) {
    var s = report.summary;
    $('headline').textContent = s.headline;
    var counts = $('counts');
    counts.textContent = '';
    ['ok', 'attention', 'broken'].forEach(function (v) {
      var li = el('li', 'count ' + v + (s[v] ? '' : ' zero'));
      li.setAttribute('data-verdict', v);
      add(li, [el('b', null, s[v]), el('span', null, LABELS[v])]);
      counts.appendChild(li);
    });
    var u = report.unkeyed;
    var facts = [plural(s.pairs, 'event', 'events')];
    if (s.paired) facts.push(s.paired + ' paired (both copies arrived)');
    if (s.notSentByConsent) facts.push(s.notSentByConsent + ' not sent by the browser, by consent');
    if (s.serverOnly - s.serverOnlyByConsent > 0) facts.push((s.serverOnly - s.serverOnlyByConsent) + ' with only the server copy');
    if (s.pixelOnly) facts.push(s.pixelOnly + ' with only the browser copy');
    if (u.serverWithoutEventId) facts.push(plural(u.serverWithoutEventId, 'server copy', 'server copies') + ' without event_id (cannot pair)');
    if (u.pixelWithoutEventId) facts.push(plural(u.pixelWithoutEventId, 'browser copy', 'browser copies') + ' without an event id, mostly page views' + (u.autoPageviews ? ' (' + u.autoPageviews + ' automatic)' : ''));
    if (report.notIngested) facts.push(plural(report.notIngested, 'Google server copy', 'Google server copies') + ' sent with validateOnly (validated, not ingested, so never paired)');
    $('facts').textContent = facts.join(' · ');
    $('dest').textContent = report.destinations.map(function (d) { return d.name; }).join(', ');
    renderDestinations(report);
  }

  // One line per destination when several are in view: its counts, linking to its group of rows.
  function renderDestinations(report) {
    var ul = $('destinations');
    ul.textContent = '';
    ul.hidden = report.destinations.length < 2;
    if (ul.hidden) return;
    report.destinations.forEach(function (d) {
      var s = d.summary;
      var li = el('li', 'dest-line');
      li.setAttribute('data-destination', d.destination);
      var a = el('a', 'dest', d.name);
      a.href = '#group-' + d.destination;
      var parts = [plural(s.pairs, 'event', 'events')];
      ['ok', 'attention', 'broken'].forEach(function (v) { if (s[v]) parts.push(s[v] + ' ' + LABELS[v].toLowerCase()); });
      var worst = s.broken ? 'broken' : s.attention ? 'attention' : 'ok';
      add(li, [a, el('span', 'mark ' + worst, parts.join(' · '))]);
      ul.appendChild(li);
    });
  }

  function renderFilter(report) {
    var f = report.filter;
    var note = $('filter-note');
    $('clear').hidden = !f.testEventCode;
    if (!f.testEventCode) { note.hidden = true; return; }
    var hidden = [];
    if (f.pixelPairedElsewhere) hidden.push(plural(f.pixelPairedElsewhere, 'browser copy', 'browser copies') + ' whose server copy was sent without this code or with another');
    if (f.pixelUnattributed) hidden.push(plural(f.pixelUnattributed, 'browser copy', 'browser copies') + ' with no server copy and no link to this test');
    note.textContent = 'Showing test event code ' + f.testEventCode + ' on both sides.' + (hidden.length ? ' Hidden: ' + hidden.join('; ') + '.' : '');
    note.hidden = false;
  }

  function pairKey(p) { return [p.destination, p.account, p.event, p.eventId].join('|'); }

  function renderPair(p, destinations, openDetails) {
    var tr = el('tr', 'pair ' + p.verdict);
    tr.setAttribute('data-key', pairKey(p));
    tr.setAttribute('data-testid', 'pair');
    tr.setAttribute('data-destination', p.destination);
    tr.setAttribute('data-event', p.event);
    tr.setAttribute('data-event-id', p.eventId);
    tr.setAttribute('data-verdict', p.verdict);
    tr.setAttribute('data-code', p.code);
    tr.setAttribute('data-warnings', p.warnings.map(function (w) { return w.code; }).join(' '));

    var verdict = cell('Verdict', 'verdict');
    add(verdict, [el('span', 'badge ' + p.verdict, p.verdictLabel), el('p', 'reason', p.reason), el('code', 'code line', p.code)]);
    var more = p.findings.slice(1);
    if (more.length) {
      var ul = el('ul', 'more');
      more.forEach(function (f) {
        var li = el('li', f.level);
        li.setAttribute('data-code', f.code);
        add(li, [el('span', null, f.reason + ' '), el('code', 'code', f.code)]);
        ul.appendChild(li);
      });
      verdict.appendChild(ul);
    }
    var dev = el('details', 'dev');
    dev.open = !!openDetails[pairKey(p)];
    dev.appendChild(el('summary', null, 'Developer detail'));
    var list = el('ul');
    p.findings.forEach(function (f) { add(list, [add(el('li'), [el('code', null, f.code), el('span', null, ' ' + f.detail)])]); });
    verdict.appendChild(add(dev, [list]));

    var dest = destinations[p.destination] || { name: p.destination, pixelName: 'pixel', serverName: 'server', pixelKeys: [], serverKeys: [] };
    var targets = TARGETS[p.destination] || ['to ', 'to '];
    var ev = cell(null, 'event');
    var where = el('span', 'line where');
    add(where, [el('span', 'dest', dest.name), p.account ? el('span', 'muted', ' ' + p.account) : null]);
    add(ev, [el('span', 'event-name line', p.event), el('code', 'line', p.eventId), where]);
    if (p.server && p.server.testEventCode) ev.appendChild(el('span', 'muted line', 'test code ' + p.server.testEventCode));

    var px = cell('Browser (' + dest.pixelName + ')');
    px.appendChild(el('span', 'state line', p.pixelState.text));
    if (p.pixel) {
      px.appendChild(el('span', 'muted line', (p.pixel.status === 'sent' ? 'sent at ' + clock(p.pixel.firstAt) + ' · ' : '') + p.pixel.consentText));
      if (p.pixel.targets && p.pixel.targets.length) px.appendChild(el('code', 'muted line', targets[0] + p.pixel.targets.join(', ')));
      px.appendChild(keyList(p.pixel.matchKeys, labelsOf(dest.pixelKeys)));
    }

    var sv = cell('Server (' + dest.serverName + ')');
    sv.appendChild(el('span', 'state line', p.serverState.text));
    if (p.server) {
      sv.appendChild(el('span', 'muted line', 'accepted at ' + clock(p.server.firstAt) + ' · event time ' + eventTime(p.server.eventTime, p.server.firstAt)));
      if (p.server.targets && p.server.targets.length) sv.appendChild(el('code', 'muted line', targets[1] + p.server.targets.join(', ')));
      var consent = el('ul', 'consent');
      p.server.consent.text.forEach(function (t) { consent.appendChild(el('li', null, t)); });
      sv.appendChild(consent);
      sv.appendChild(keyList(p.server.matchKeys, labelsOf(dest.serverKeys)));
    }

    var gap = cell('Timing');
    if (p.gapText != null) {
      add(gap, [el('span', 'line', p.gapText),
        el('span', 'muted line', p.withinMergeWindow === true ? 'merged' : p.withinMergeWindow === false ? 'too far apart to merge' : 'counted once')]);
    } else gap.appendChild(el('span', 'muted', 'one copy'));

    return add(tr, [verdict, ev, px, sv, gap]);
  }

  function renderGroup(d) {
    var tr = el('tr', 'group');
    tr.id = 'group-' + d.destination;
    tr.setAttribute('data-testid', 'destination-group');
    tr.setAttribute('data-destination', d.destination);
    var th = el('th');
    th.setAttribute('colspan', '5');
    th.setAttribute('scope', 'colgroup');
    add(th, [el('span', 'dest', d.name), el('span', 'group-name', ' ' + d.pixelName + ' + ' + d.serverName), el('span', 'group-headline line', d.summary.headline)]);
    return add(tr, [th]);
  }

  function renderQuality(report, destinations) {
    var body = $('quality-rows');
    body.textContent = '';
    $('quality-empty').hidden = report.matchQuality.length > 0;
    $('quality-table').hidden = report.matchQuality.length === 0;
    report.matchQuality.forEach(function (q) {
      var tr = el('tr');
      tr.setAttribute('data-testid', 'quality');
      tr.setAttribute('data-destination', q.destination);
      tr.setAttribute('data-event', q.event);
      tr.setAttribute('data-level', q.level);
      var name = cell(null, 'event');
      var where = add(el('span', 'line where'), [el('span', 'dest', destinations[q.destination] ? destinations[q.destination].name : q.destination)]);
      add(name, [el('span', 'event-name line', q.event), where, el('span', 'muted line', q.levelText)]);
      var counts = cell('Copies');
      add(counts, [el('span', 'line', plural(q.serverCopies, 'server copy', 'server copies')), el('span', 'muted line', plural(q.browserCopies, 'browser copy', 'browser copies') + ' sent')]);
      var keys = cell('Match keys on the server copies');
      var ul = el('ul', 'keys');
      q.keys.forEach(function (k) {
        var text = k.label + (q.serverCopies > 1 && k.count > 0 && k.count < q.serverCopies ? ' ' + k.count + '/' + q.serverCopies : '');
        ul.appendChild(el('li', 'key ' + (k.count > 0 ? 'on' : 'off'), text));
      });
      keys.appendChild(ul);
      var words = cell('In plain words');
      words.appendChild(el('span', null, q.text));
      body.appendChild(add(tr, [name, counts, keys, words]));
    });
  }

  function renderHelp(report) {
    var ul = $('help-pairs');
    ul.textContent = '';
    report.destinations.forEach(function (d) {
      ul.appendChild(el('li', null, d.name + ': the ' + d.pixelName + ' copy and the ' + d.serverName + ' copy of one action, matched by ' + d.pairedBy + '. ' + d.dedupText + '. ' + (d.note || '')));
    });
    $('help-filter').textContent = report.filter.rule;
  }

  function render(r) {
    renderOverview(r);
    renderFilter(r);
    var rows = $('rows');
    // The page re-renders every 2 s: keep the developer details a reader opened.
    var openDetails = {};
    rows.querySelectorAll('details.dev[open]').forEach(function (d) { openDetails[d.closest('tr').getAttribute('data-key')] = true; });
    rows.textContent = '';
    var destinations = {};
    r.destinations.forEach(function (d) { destinations[d.destination] = d; });
    // Several destinations: one group per destination (its own headline), newest first within it.
    var grouped = r.destinations.length > 1;
    r.destinations.forEach(function (d) {
      var mine = r.pairs.filter(function (p) { return p.destination === d.destination; });
      if (grouped && mine.length) rows.appendChild(renderGroup(d));
      mine.forEach(function (p) { rows.appendChild(renderPair(p, destinations, openDetails)); });
    });
    $('pairs-table').hidden = r.pairs.length === 0;
    $('pairs-empty').hidden = r.pairs.length > 0;
    renderQuality(r, destinations);
    renderHelp(r);
    $('offline').hidden = true;
    $('updated').textContent = 'Updated ' + clock(r.generatedAt) + ' · refreshes every 2 s';
    document.body.setAttribute('data-ready', '1');
  }

  $('code').value = code;
  function poll() {
    fetch(api, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(render)
      .catch(function () { $('offline').hidden = false; })
      .then(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
`;

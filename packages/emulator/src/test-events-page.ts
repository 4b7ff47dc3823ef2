/**
 * The local "Test Events" page: polls `/__emulator/pairs` and shows each browser/server pair
 * side by side. Rendered with textContent only (event names come from pages under test).
 * Stable hooks for browser tests: `body[data-ready]` after the first render, one
 * `tr[data-testid=pair]` per pair with `data-event`, `data-event-id`, `data-warnings`.
 */
const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#161823}
header{background:#161823;color:#fff;padding:12px 20px;display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}
header h1{font-size:18px;margin:0}header .sub{color:#aab}
main{padding:16px 20px}
.summary{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:12px}
.chip{background:#fff;border:1px solid #dde;border-radius:14px;padding:3px 10px}
.chip.warn{border-color:#f0b429;background:#fff8e1}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde}
th,td{border-bottom:1px solid #eef;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#fafbfc;font-weight:600;font-size:12px;text-transform:uppercase;color:#556}
code{font:12px ui-monospace,monospace}
.ok{color:#127a3b}.bad{color:#b3261e}.muted{color:#889}
.key{display:inline-block;margin:1px 3px 1px 0;padding:0 5px;border-radius:4px;font-size:12px}
.key.on{background:#e3f6e9;color:#127a3b}.key.off{background:#f3f3f5;color:#99a;text-decoration:line-through}
ul.warnings{margin:0;padding-left:16px;color:#8a4b00}
`;

const SCRIPT = `
(function () {
  var params = new URLSearchParams(location.search);
  var code = params.get('test_event_code');
  var api = '/__emulator/pairs?limit=' + (params.get('limit') || '500') + (code ? '&test_event_code=' + encodeURIComponent(code) : '');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = String(text); return e; }
  function time(ms) { return ms == null ? '' : new Date(ms).toISOString().slice(11, 23); }
  function keys(obj) {
    var span = el('div');
    Object.keys(obj || {}).forEach(function (k) { span.appendChild(el('span', 'key ' + (obj[k] ? 'on' : 'off'), k)); });
    return span;
  }
  function side(td, lines) { lines.forEach(function (l) { if (l) td.appendChild(typeof l === 'string' ? el('div', null, l) : l); }); }
  function render(report) {
    var s = report.summary;
    var summary = document.getElementById('summary');
    summary.textContent = '';
    [['pairs', s.pairs], ['paired', s.paired], ['server only', s.serverOnly], ['pixel only', s.pixelOnly], ['clean', s.clean]].forEach(function (c) {
      summary.appendChild(el('span', 'chip', c[0] + ': ' + c[1]));
    });
    Object.keys(s.warnings).forEach(function (w) { summary.appendChild(el('span', 'chip warn', w + ': ' + s.warnings[w])); });
    var u = report.unkeyed;
    summary.appendChild(el('span', 'chip', 'without event_id: server ' + u.serverWithoutEventId + ', pixel ' + u.pixelWithoutEventId + ' (auto page views ' + u.autoPageviews + ')'));
    var body = document.getElementById('rows');
    body.textContent = '';
    report.pairs.forEach(function (p) {
      var tr = el('tr');
      tr.setAttribute('data-testid', 'pair');
      tr.setAttribute('data-event', p.event);
      tr.setAttribute('data-event-id', p.eventId);
      tr.setAttribute('data-warnings', p.warnings.map(function (w) { return w.code; }).join(' '));
      var id = el('td'); var idLine = el('div'); idLine.appendChild(el('code', null, p.eventId)); side(id, [el('b', null, p.event), idLine, el('div', 'muted', 'pixel ' + (p.pixelId || '(none)'))]);
      var px = el('td');
      if (p.pixel) side(px, [el('span', p.pixel.status === 'sent' ? 'ok' : 'bad', p.pixel.status + (p.pixel.sent > 1 ? ' x' + p.pixel.sent : '')), 'at ' + time(p.pixel.firstAt), 'consent: ' + p.pixel.consent, keys(p.pixel.matchKeys)]);
      else px.appendChild(el('span', 'bad', 'missing'));
      var sv = el('td');
      if (p.server) side(sv, [el('span', 'ok', 'accepted' + (p.server.count > 1 ? ' x' + p.server.count : '')), 'at ' + time(p.server.firstAt),
        'event_time ' + new Date(p.server.eventTime * 1000).toISOString().replace('.000', ''),
        'limited_data_use: ' + p.server.limitedDataUse + (p.server.adUserData !== undefined ? ', ad_user_data: ' + p.server.adUserData : '') + (p.server.adPersonalization !== undefined ? ', ad_personalization: ' + p.server.adPersonalization : ''),
        keys(p.server.matchKeys)]);
      else sv.appendChild(el('span', 'bad', 'missing'));
      var gap = el('td');
      if (p.gapMs != null) side(gap, [el('span', p.withinMergeWindow ? 'ok' : 'bad', (p.gapMs / 1000).toFixed(1) + ' s'), p.withinMergeWindow ? 'merged (< 5 min)' : 'deduplicated, not merged']);
      var warn = el('td');
      if (p.warnings.length) { var ul = el('ul', 'warnings'); p.warnings.forEach(function (w) { ul.appendChild(el('li', null, w.message)); }); warn.appendChild(ul); }
      else warn.appendChild(el('span', 'ok', 'none'));
      [id, px, sv, gap, warn].forEach(function (td) { tr.appendChild(td); });
      body.appendChild(tr);
    });
    document.getElementById('updated').textContent = 'updated ' + time(report.generatedAt);
    document.body.setAttribute('data-ready', '1');
  }
  function poll() {
    fetch(api, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(render)
      .catch(function () { document.getElementById('updated').textContent = 'stand-in unreachable'; })
      .then(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
`;

export function testEventsPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test Events · pixelpair emulator</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body>
<header><h1>Test Events</h1><span class="sub">pixelpair local TikTok stand-in · pairs by pixel id + event + event_id · TikTok merges copies within 5 min</span><span class="sub" id="updated"></span></header>
<main>
<div class="summary" id="summary"></div>
<table><thead><tr><th>Event / event_id</th><th>Pixel copy</th><th>Server copy</th><th>Gap</th><th>Warnings</th></tr></thead>
<tbody id="rows"></tbody></table>
</main>
<script>${SCRIPT}</script>
</body></html>`;
}

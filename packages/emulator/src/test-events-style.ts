/**
 * The Test Events page's styles. Colour is kept for verdicts (OK green, needs attention amber,
 * broken red); everything else is neutral, so a coloured mark always means a verdict. Below
 * 760 px the tables become stacked cards, so nothing is cut off at phone width.
 */
export const TEST_EVENTS_STYLE = `
:root{--ink:#16181d;--muted:#5b6270;--faint:#8a909c;--line:#e2e5ea;--panel:#fff;--bg:#f5f6f8;--chip:#eef0f3;
--ok:#17703a;--ok-bg:#e5f4ea;--warn:#8a5400;--warn-bg:#fff2d2;--bad:#b3261e;--bad-bg:#fde9e7}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;-webkit-text-size-adjust:100%}
.wrap{max-width:1280px;margin:0 auto;padding:0 24px}
header.top{background:var(--panel);border-bottom:1px solid var(--line)}
header.top .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;padding-top:14px;padding-bottom:14px}
h1{font-size:20px;margin:0;letter-spacing:-.01em}
.sub{color:var(--muted);margin:0}
#updated{margin-left:auto;color:var(--faint);font-size:13px}
h2{font-size:16px;margin:28px 0 4px}
.intro{color:var(--muted);margin:0 0 12px;max-width:70ch}
.overview{margin-top:20px;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:18px 20px}
.headline{font-size:18px;font-weight:600;margin:0 0 14px;max-width:70ch}
.counts{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 12px;padding:0;list-style:none}
.count{min-width:150px;border:1px solid var(--line);border-radius:8px;padding:8px 14px;display:flex;align-items:baseline;gap:8px}
.count b{font-size:24px;line-height:1.1;font-variant-numeric:tabular-nums}
.count.ok b{color:var(--ok)}.count.attention b{color:var(--warn)}.count.broken b{color:var(--bad)}
.count.zero b{color:var(--faint)}
.facts{color:var(--muted);margin:0;font-size:14px}
.destinations{list-style:none;margin:0 0 12px;padding:0;display:flex;flex-direction:column;gap:4px;font-size:14px}
.dest-line{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px}
.dest{display:inline-block;font-size:12px;font-weight:700;padding:0 7px;border-radius:5px;border:1px solid #c9ced6;background:var(--panel);color:var(--ink);text-decoration:none;white-space:nowrap}
a.dest:hover{border-color:var(--ink)}
.mark.broken{color:var(--bad)}.mark.attention{color:var(--warn)}.mark.ok{color:var(--ok)}
.where{margin-top:2px}
table.pairs tr.group th{width:auto;background:var(--bg);color:var(--ink);text-transform:none;letter-spacing:0;font-size:14px;padding:14px 14px 8px;border-bottom:1px solid var(--line)}
tr.group .dest{font-size:13px}
.group-name{font-weight:600}
.group-headline{font-weight:400;color:var(--muted);margin-top:2px}
form.filter{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:16px 0 0}
form.filter label{font-weight:600;font-size:14px}
form.filter input{font:inherit;padding:6px 10px;border:1px solid #c9ced6;border-radius:6px;min-width:0;width:14em;max-width:100%}
form.filter button{font:inherit;font-weight:600;padding:6px 14px;border-radius:6px;border:1px solid var(--ink);background:var(--ink);color:#fff;cursor:pointer}
form.filter a{color:var(--ink)}
.note{color:var(--muted);font-size:14px;margin:6px 0 0;flex-basis:100%;max-width:80ch}
table{width:100%;border-collapse:separate;border-spacing:0;background:var(--panel);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{padding:12px 14px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
tbody tr:last-child td{border-bottom:0}
th{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;background:#fafbfc}
table.pairs th:nth-child(1){width:30%}table.pairs th:nth-child(2){width:17%}table.pairs th:nth-child(3){width:16%}table.pairs th:nth-child(5){width:9%}
table.pairs td:nth-child(5){white-space:nowrap}
tr.pair td:first-child{border-left:4px solid transparent}
tr.pair.ok td:first-child{border-left-color:var(--ok)}
tr.pair.attention td:first-child{border-left-color:var(--warn)}
tr.pair.broken td:first-child{border-left-color:var(--bad)}
.badge{display:inline-block;font-size:13px;font-weight:700;padding:1px 9px;border-radius:999px;margin-bottom:4px}
.badge.ok{color:var(--ok);background:var(--ok-bg)}.badge.attention{color:var(--warn);background:var(--warn-bg)}.badge.broken{color:var(--bad);background:var(--bad-bg)}
.reason{margin:0}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.code{color:var(--muted)}
.line{display:block}
.muted{color:var(--muted);font-size:14px}
.state{font-weight:600}
ul.more{margin:8px 0 0;padding:0;list-style:none;font-size:14px}
ul.more li{margin:4px 0;padding-left:14px;position:relative}
ul.more li::before{content:"";position:absolute;left:0;top:.55em;width:7px;height:7px;border-radius:50%;background:var(--faint)}
ul.more li.attention::before{background:var(--warn)}ul.more li.broken::before{background:var(--bad)}ul.more li.ok::before{background:var(--ok)}
.keys{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px;padding:0;list-style:none}
.key{font-size:12.5px;padding:1px 7px;border-radius:5px;background:var(--chip);color:var(--ink);border:1px solid transparent}
.key.off{background:transparent;color:var(--faint);border:1px dashed #cdd1d8}
.key.off::before{content:"no ";}
.event-name{font-weight:700;font-size:15px}
.consent{margin:6px 0 0;padding:0;list-style:none;font-size:14px;color:var(--muted)}
details.dev{margin-top:8px;font-size:13px;color:var(--muted)}
details.dev summary{cursor:pointer;width:max-content}
details.dev ul{margin:4px 0 0;padding-left:16px}
details.dev li{margin:2px 0}
.empty{padding:24px;color:var(--muted);background:var(--panel);border:1px solid var(--line);border-radius:10px;margin:0}
details.help{margin:28px 0 40px;background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 20px}
details.help summary{font-weight:600;cursor:pointer}
details.help h3{font-size:14px;margin:16px 0 4px}
details.help p,details.help li{color:#2f343d;max-width:80ch;margin:4px 0}
details.help ul{padding-left:20px;margin:4px 0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.offline{background:var(--bad-bg);color:var(--bad);padding:8px 12px;border-radius:6px;margin-top:12px}
@media (max-width:760px){
  .wrap{padding:0 14px}
  #updated{margin-left:0;flex-basis:100%}
  .count{min-width:0;flex:1 1 100px;padding:8px 10px}
  .headline{font-size:17px}
  table,thead,tbody,tr,td{display:block;width:100%}
  table{border:0;background:transparent;border-radius:0}
  thead{display:none}
  tbody tr{background:var(--panel);border:1px solid var(--line);border-radius:10px;margin:0 0 12px;overflow:hidden}
  tr.pair{border-left:4px solid transparent}
  tr.pair.ok{border-left-color:var(--ok)}tr.pair.attention{border-left-color:var(--warn)}tr.pair.broken{border-left-color:var(--bad)}
  tr.pair td:first-child{border-left:0}
  td{border-bottom:1px solid var(--line);padding:10px 14px}
  tbody tr{display:flex;flex-direction:column}
  td.event{order:-1;background:#fafbfc}
  tbody tr.group{background:transparent;border:0;border-radius:0;margin:18px 0 8px}
  table.pairs tr.group th{display:block;width:100%;background:transparent;border:0;padding:0}
  td[data-label]::before{content:attr(data-label);display:block;font-size:11.5px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-bottom:2px}
}
`;

/**
 * The local "Test Events" page: polls `/__emulator/pairs` and shows each browser/server pair
 * with its verdict, for a marketer (the reason in words) and a developer (the code beside it).
 * Stable hooks for browser tests: `body[data-ready]` after the first render; one
 * `tr[data-testid=pair]` per pair with `data-destination`, `data-event`, `data-event-id`,
 * `data-verdict`, `data-code` and `data-warnings`; one `tr[data-testid=quality]` per event name
 * with `data-destination`, `data-event` and `data-level`; `#counts li[data-verdict]` for the totals.
 * With several destinations, the pairs are grouped under one `tr[data-testid=destination-group]`
 * each (`data-destination`, its own headline), and `#destinations li[data-destination]` counts them.
 */
import { TEST_EVENTS_SCRIPT } from './test-events-script.js';
import { TEST_EVENTS_STYLE } from './test-events-style.js';

const HELP = `
<details class="help" id="help">
<summary>How this page decides</summary>
<h3>What a pair is</h3>
<ul id="help-pairs"></ul>
<p>The browser copy comes from the pixel in the shopper's browser, the server copy from your backend. When both arrive with the same ids, the platform counts the action once and can use the match keys of both. Each platform deduplicates on its own, so one action makes one pair per platform.</p>
<h3>Verdicts</h3>
<ul>
<li><b>OK</b>: counted once, with the data it should have. This includes states that are correct by design: <i>not sent, by consent</i> (the shopper refused or has not answered the consent banner, so the pixel stayed silent and only the server copy went out, without personal data), and browsing events such as ViewContent that carry no email or phone but do carry IP address and user agent.</li>
<li><b>Needs attention</b>: counted, but matching is weaker than it could be (no IP address or user agent, no email on a purchase, copies too far apart to merge), the backend sends twice, or a copy is still on its way (a copy waits a minute for its twin).</li>
<li><b>Broken</b>: the platform will count the action twice, not at all, or as the wrong event: no server copy, a different event name on each side, one event id used for different actions, a standard name in the wrong case, or personal data sent after a refusal.</li>
</ul>
<p>A browser copy counts as "not sent, by consent" when the pixel recorded it as held or dropped, when the server copy says the shopper refused ad data (ad_user_data denied), or when the page it came from recorded a consent hold or refusal. A Google tag conversion sent without cookies because ad storage was refused is still a browser copy: Google's tag pings without cookies in consent mode.</p>
<h3>Test event code</h3>
<p id="help-filter"></p>
<h3>For developers</h3>
<p>Every verdict, reason, code and summary on this page comes from <code>GET /__emulator/pairs</code> (add <code>?test_event_code=</code> to filter). Open "Developer detail" on a row for each finding's code and what to change, in field names.</p>
</details>`;

export function testEventsPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test Events · pixelpair</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${TEST_EVENTS_STYLE}</style></head>
<body>
<header class="top"><div class="wrap">
<h1>Test Events</h1><p class="sub">pixelpair local stand-in · <span id="dest">TikTok</span></p><span id="updated">Loading…</span>
</div></header>
<main class="wrap">
<section class="overview" id="summary" aria-label="Overview">
<p class="headline" id="headline">Loading the pairs…</p>
<ul class="counts" id="counts"></ul>
<ul class="destinations" id="destinations" aria-label="By destination" hidden></ul>
<p class="facts" id="facts"></p>
<p class="offline" id="offline" hidden>The stand-in is not answering; retrying every 2 s.</p>
<form class="filter" id="filter" method="get" action="/test-events">
<label for="code">Test event code</label>
<input id="code" name="test_event_code" placeholder="e.g. TEST123" autocomplete="off" spellcheck="false">
<button type="submit">Filter</button> <a id="clear" href="/test-events" hidden>Show all events</a>
<p class="note" id="filter-note" hidden></p>
</form>
</section>
<h2>Events</h2>
<p class="intro">Newest first. Each row is one action: its verdict, the browser copy and the server copy.</p>
<p class="empty" id="pairs-empty" hidden>Nothing yet. Each action in the shop appears here as soon as one of its copies arrives.</p>
<table class="pairs" id="pairs-table"><thead><tr><th scope="col">Verdict</th><th scope="col">Event</th><th scope="col">Browser copy</th><th scope="col">Server copy</th><th scope="col">Timing</th></tr></thead>
<tbody id="rows"></tbody></table>
<h2>Match quality by event</h2>
<p class="intro">Which match keys arrive on the server copies, and how often. More keys let the platform match more of your shoppers to their ad clicks.</p>
<p class="empty" id="quality-empty" hidden>No server copies yet.</p>
<table class="quality" id="quality-table"><thead><tr><th scope="col">Event</th><th scope="col">Copies</th><th scope="col">Match keys on the server copies</th><th scope="col">In plain words</th></tr></thead>
<tbody id="quality-rows"></tbody></table>
${HELP}
</main>
<script>${TEST_EVENTS_SCRIPT}</script>
</body></html>`;
}

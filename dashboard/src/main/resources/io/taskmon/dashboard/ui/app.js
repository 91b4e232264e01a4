// taskmon dashboard: draws each page from the JSON API. Plain DOM, no libraries, no CDN.
// Every value from the API is put in the page as text (never as HTML): messages come from
// reporting scripts and may contain anything.
'use strict';

const POLL_INCIDENTS_MS = 5000;
const POLL_DETAIL_MS = 10000;
const POLL_ETL_MS = 3000;
const KEY_STORE = 'taskmon.viewerKey';
const ADMIN_KEY_STORE = 'taskmon.adminKey';

const main = document.getElementById('main');
let pollTimer = null;

// ---------- small helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function pill(value, extraClass) {
  if (value === null || value === undefined) return '';
  return el('span', { class: 'pill ' + (extraClass || value) }, value);
}

// Times arrive as ISO-8601 UTC; people read them in their own time zone.
function localTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
function relativeTime(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) return relativeFormat.format(Math.round(value), unit);
    value /= size;
  }
  return localTime(iso);
}

function timeCell(iso) {
  return el('td', { title: localTime(iso), 'data-time': iso || '' }, relativeTime(iso));
}

function duration(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 1000) return ms + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(1) + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + Math.round(s % 60) + ' s';
  return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

function number(value) {
  return value === null || value === undefined ? '' : Number(value).toLocaleString();
}

function monitorLink(monitor, text) {
  return el('a', { href: '/monitors/' + monitor.monitor_id }, text);
}

function poll(fn, ms) {
  clearTimeout(pollTimer);
  const run = async () => {
    try {
      await fn();
      stamp();
    } catch (e) {
      showProblem(e);
    }
    pollTimer = setTimeout(run, ms);
  };
  return run();
}

function stamp() {
  document.getElementById('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
}

function showProblem(error) {
  if (error && error.status === 401) return; // the key panel is showing
  const box = document.getElementById('problem') || main.insertBefore(el('p', { id: 'problem', class: 'error' }), main.firstChild);
  box.textContent = error && error.message ? error.message : String(error);
}

function clearProblem() {
  const box = document.getElementById('problem');
  if (box) box.remove();
}

// ---------- the API ----------

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, options) {
  const headers = Object.assign({ Accept: 'application/json' }, (options && options.headers) || {});
  const key = localStorage.getItem(KEY_STORE);
  if (key && !headers.Authorization) headers.Authorization = 'Bearer ' + key;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (response.status === 401 && !(options && options.method)) {
    askForKey(body && body.error);
  }
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.error) || ('The server answered ' + response.status));
  }
  clearProblem();
  return body;
}

function askForKey(reason) {
  const panel = document.getElementById('key-panel');
  if (reason) document.getElementById('key-reason').textContent = reason + '. The key is kept in this browser only.';
  panel.hidden = false;
  document.getElementById('key-input').focus();
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  localStorage.setItem(KEY_STORE, document.getElementById('key-input').value.trim());
  document.getElementById('key-panel').hidden = true;
  route();
});

// The badge shows on every page: failing, enabled monitors; hidden at zero.
function setBadge(count) {
  const badge = document.getElementById('incident-badge');
  badge.textContent = count > 0 ? String(count) : '';
  badge.hidden = !(count > 0);
  document.title = (count > 0 ? '(' + count + ') ' : '') + 'taskmon';
}

// Dead letters waiting for replay: information next to the incidents, hidden at zero.
function setDeadLetters(waiting) {
  const badge = document.getElementById('dead-letter-badge');
  badge.textContent = waiting > 0 ? String(waiting) : '';
  badge.hidden = !(waiting > 0);
  const notice = document.getElementById('dead-letter-notice');
  if (notice) {
    notice.hidden = !(waiting > 0);
    notice.replaceChildren(waiting > 0 ? el('span', {},
      el('a', { href: '/dead-letters' }, waiting + (waiting === 1 ? ' dead letter waits' : ' dead letters wait')),
      ' for replay: records taskmon could not read or store. Fix the cause, then run ',
      el('code', {}, './taskmon dead-letters replay'), '.') : '');
  }
}

async function refreshDeadLetters() {
  const answer = await api('/api/dead-letters?limit=1');
  setDeadLetters(answer.waiting);
}

async function refreshBadge() {
  const [answer] = await Promise.all([api('/api/incidents?limit=1'), refreshDeadLetters()]);
  setBadge(answer.count);
}

// ---------- charts (inline SVG) ----------

// Draws points (x: Date, y: number) as a line with a dot per point; yMax fixes the scale.
function lineChart(id, title, points, options) {
  const width = 600, height = 200, left = 52, right = 12, top = 24, bottom = 28;
  const chart = svg('svg', { id, class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  chart.append(svg('text', { x: left, y: 14, class: 'title' }, title));
  const x0 = options.from.getTime(), x1 = options.to.getTime();
  const yMax = options.yMax || Math.max(1, ...points.map(p => p.y)) * 1.1;
  const sx = t => left + (width - left - right) * (t - x0) / Math.max(1, x1 - x0);
  const sy = v => top + (height - top - bottom) * (1 - v / yMax);
  for (let i = 0; i <= 4; i++) {
    const v = yMax * i / 4;
    chart.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: sy(v), y2: sy(v) }));
    chart.append(svg('text', { x: left - 6, y: sy(v) + 3, 'text-anchor': 'end' }, options.format(v)));
  }
  chart.append(svg('line', { class: 'axis', x1: left, x2: left, y1: top, y2: height - bottom }));
  chart.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }));
  chart.append(svg('text', { x: left, y: height - 8 }, options.from.toLocaleString()));
  chart.append(svg('text', { x: width - right, y: height - 8, 'text-anchor': 'end' }, options.to.toLocaleString()));
  if (points.length === 0) {
    chart.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' },
      'No runs in this period'));
    return chart;
  }
  const d = points.map((p, i) => (i === 0 ? 'M' : 'L') + sx(p.x.getTime()).toFixed(1) + ',' + sy(p.y).toFixed(1)).join(' ');
  chart.append(svg('path', { class: 'line', d }));
  for (const p of points) {
    chart.append(svg('circle', { class: 'point', cx: sx(p.x.getTime()).toFixed(1), cy: sy(p.y).toFixed(1), r: 3 },
      svg('title', {}, p.label)));
  }
  return chart;
}

// ---------- pages ----------

// Expected against actual runs on one strip: a tick per expected time (met, missed, upcoming),
// its grace as a faint band, each run as a bar from its start to its finish (or to now while it runs).
function timelineStrip(timeline) {
  const width = 900, height = 96, left = 12, right = 12, marksY = 30, runsY = 56;
  const strip = svg('svg', { id: 'timeline', class: 'chart timeline', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'Expected and actual runs' });
  const x0 = new Date(timeline.from).getTime(), x1 = new Date(timeline.to).getTime();
  const sx = t => Math.min(width - right, Math.max(left, left + (width - left - right) * (t - x0) / Math.max(1, x1 - x0)));
  strip.append(svg('text', { x: left, y: 14, class: 'title' }, 'Expected'));
  strip.append(svg('text', { x: left, y: runsY - 6, class: 'title' }, 'Runs'));
  strip.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: height - 18, y2: height - 18 }));
  strip.append(svg('text', { x: left, y: height - 4 }, new Date(x0).toLocaleString()));
  strip.append(svg('text', { x: width - right, y: height - 4, 'text-anchor': 'end' }, new Date(x1).toLocaleString()));
  for (const e of timeline.expected) {
    const at = new Date(e.expected_at).getTime(), until = new Date(e.grace_ends_at).getTime();
    strip.append(svg('rect', { class: 'grace ' + e.outcome, x: sx(at).toFixed(1), y: marksY - 10,
      width: Math.max(1, sx(until) - sx(at)).toFixed(1), height: 20 }));
    strip.append(svg('line', { class: 'expected ' + e.outcome, 'data-expected-at': e.expected_at,
      x1: sx(at).toFixed(1), x2: sx(at).toFixed(1), y1: marksY - 10, y2: marksY + 10 },
      svg('title', {}, `${localTime(e.expected_at)}: ${e.outcome}` + (e.run_id ? ` (run ${e.run_id})` : ''))));
  }
  for (const r of timeline.runs) {
    const start = r.started_at || r.queued_at;
    if (!start) continue;
    const from = new Date(start).getTime(), to = r.finished_at ? new Date(r.finished_at).getTime() : x1;
    strip.append(svg('rect', { class: 'run ' + r.status, 'data-run-id': r.run_id, x: sx(from).toFixed(1), y: runsY,
      width: Math.max(3, sx(to) - sx(from)).toFixed(1), height: 14 },
      svg('title', {}, `${r.status} ${localTime(start)}` + (r.finished_at ? ` – ${localTime(r.finished_at)}` : ''))));
  }
  return strip;
}

function timelineSummary(timeline) {
  if (timeline.expected.length === 0 && !timeline.cron && !timeline.interval_seconds) {
    return `No schedule, so no expected runs; ${timeline.runs.length} runs in the last ${timeline.hours} hours.`;
  }
  const count = outcome => timeline.expected.filter(e => e.outcome === outcome).length;
  return `${timeline.expected.length} expected in the last ${timeline.hours} hours: ${count('met')} met, `
    + `${count('missed')} missed, ${count('upcoming')} within grace; ${timeline.runs.length} runs.`
    + (timeline.truncated ? ' Only the first are shown.' : '');
}

const INCIDENT_COLUMNS = ['Task key', 'Name', 'Kind', 'Machine', 'Status', 'Exit code', 'Message', 'Last run',
  'Health', 'Expected at', 'Running for'];

function incidentRow(monitor, open) {
  return el('tr', { class: open ? monitor.health : 'other', 'data-monitor-id': monitor.monitor_id },
    el('td', {}, monitorLink(monitor, monitor.task_key)),
    el('td', {}, monitor.task_name),
    el('td', {}, monitor.kind),
    el('td', {}, monitor.machine_name || ''),
    el('td', {}, pill(monitor.last_status), monitor.enabled ? '' : [' ', pill('disabled')]),
    el('td', {}, monitor.last_exit_code ?? ''),
    el('td', { class: 'message' }, monitor.last_message || ''),
    timeCell(monitor.last_finished_at || monitor.last_reported_at),
    el('td', {}, pill(monitor.health)),
    timeCell(monitor.expected_at),
    el('td', {}, duration(monitor.running_for_ms)));
}

async function incidentsPage() {
  const summary = el('p', { id: 'incident-summary', class: 'muted' });
  const body = el('tbody');
  show(el('h1', {}, 'Incidents'), el('p', { id: 'dead-letter-notice', class: 'notice', hidden: true }), summary,
    el('table', { id: 'incidents-table' },
      el('thead', {}, el('tr', {}, INCIDENT_COLUMNS.map(c => el('th', {}, c)))), body));
  await poll(async () => {
    const [incidents, recent] = await Promise.all([
      api('/api/incidents?limit=200'),
      api('/api/monitors?sort=last_run&limit=50'),
      refreshDeadLetters()]);
    setBadge(incidents.count);
    const incidentIds = new Set(incidents.incidents.map(m => m.monitor_id));
    const rows = incidents.incidents.map(m => incidentRow(m, true))
      .concat(recent.monitors.filter(m => !incidentIds.has(m.monitor_id)).map(m => incidentRow(m, false)));
    if (rows.length === 0) rows.push(el('tr', {}, el('td', { colspan: INCIDENT_COLUMNS.length, class: 'muted' }, 'No monitors have reported yet.')));
    body.replaceChildren(...rows);
    summary.textContent = incidents.count === 0
      ? 'Nothing is failing. The latest runs of other monitors follow.'
      : incidents.count + (incidents.count === 1 ? ' incident' : ' incidents') + ' (failing, missed or timed-out enabled monitors)'
        + (incidents.count > incidents.incidents.length ? ', the ' + incidents.incidents.length + ' latest shown' : '')
        + ', latest run first; the latest runs of other monitors follow.';
  }, POLL_INCIDENTS_MS);
}

async function monitorsPage() {
  const query = new URLSearchParams(location.search);
  const field = (name, label, control) => el('label', {}, label, control);
  const q = el('input', { name: 'q', type: 'search', value: query.get('q') || '', placeholder: 'key or name' });
  // ?status= is the deprecated name of ?health= on this page too; saved links keep working.
  const chosenHealth = query.get('health') || query.get('status');
  const health = el('select', { name: 'health' },
    ['', 'failing', 'up', 'new'].map(v => el('option', { value: v, selected: chosenHealth === v }, v || 'any health')));
  const kind = el('input', { name: 'kind', value: query.get('kind') || '', placeholder: 'python, bat, …', size: 10 });
  const machine = el('input', { name: 'machine', value: query.get('machine') || '', placeholder: 'machine', size: 12 });
  const form = el('form', { class: 'filters', id: 'monitor-filters' },
    field('q', 'Search', q), field('health', 'Health', health), field('kind', 'Kind', kind),
    field('machine', 'Machine', machine), el('button', { type: 'submit' }, 'Filter'));
  const body = el('tbody');
  const pager = el('div', { class: 'pager' });
  show(el('h1', {}, 'Monitors'), form,
    el('table', { id: 'monitors-table' }, el('thead', {}, el('tr', {},
      ['Task key', 'Name', 'Kind', 'Machine', 'Health', 'Last status', 'Exit code', 'Last run', 'Runs', 'Failures']
        .map(c => el('th', {}, c)))), body), pager);
  let offset = Number(query.get('offset') || 0);
  const limit = 50;
  const load = async () => {
    const params = new URLSearchParams();
    for (const input of [q, health, kind, machine]) if (input.value.trim()) params.set(input.name, input.value.trim());
    const shown = new URLSearchParams(params);
    if (offset) shown.set('offset', offset);
    history.replaceState(null, '', '/monitors' + (shown.toString() ? '?' + shown : ''));
    params.set('limit', limit);
    params.set('offset', offset);
    const page = await api('/api/monitors?' + params);
    body.replaceChildren(...page.monitors.map(m => el('tr', { class: m.health === 'failing' && m.enabled ? 'failing' : '', 'data-monitor-id': m.monitor_id },
      el('td', {}, monitorLink(m, m.task_key)), el('td', {}, m.task_name), el('td', {}, m.kind),
      el('td', {}, m.machine_name || ''), el('td', {}, pill(m.health), m.enabled ? '' : [' ', pill('disabled')]),
      el('td', {}, pill(m.last_status)), el('td', {}, m.last_exit_code ?? ''),
      timeCell(m.last_finished_at || m.last_reported_at), el('td', {}, number(m.total_runs)),
      el('td', {}, number(m.total_failures)))));
    if (page.monitors.length === 0) body.append(el('tr', {}, el('td', { colspan: 10, class: 'muted' }, 'No monitor matches.')));
    pager.replaceChildren(
      el('button', { type: 'button', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - limit); load().catch(showProblem); } }, '‹ Previous'),
      el('span', { class: 'muted' }, page.total === 0 ? '0 monitors' : `${offset + 1}–${offset + page.monitors.length} of ${page.total}`),
      el('button', { type: 'button', disabled: offset + limit >= page.total, onclick: () => { offset += limit; load().catch(showProblem); } }, 'Next ›'));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    load().catch(showProblem);
  });
  await poll(async () => {
    await Promise.all([load(), refreshBadge()]);
  }, POLL_DETAIL_MS);
}

async function monitorPage(monitorId) {
  let hours = Number(new URLSearchParams(location.search).get('hours') || 168);
  let runStatus = '';
  let runOffset = 0;
  const runLimit = 25;
  const header = el('div', { id: 'monitor-header' });
  const latest = el('div', { class: 'panel', id: 'latest-run' });
  const charts = el('div', { class: 'charts', id: 'charts' });
  const statsSummary = el('p', { class: 'muted', id: 'stats-summary' });
  const timelinePanel = el('div', { id: 'timeline-panel' });
  const timelineNote = el('p', { class: 'muted', id: 'timeline-summary' });
  const runsBody = el('tbody');
  const runsPager = el('div', { class: 'pager' });
  const flipsBody = el('tbody');
  const range = el('select', { id: 'hours' }, [[24, 'Last 24 hours'], [168, 'Last 7 days'], [720, 'Last 30 days'], [2160, 'Last 90 days']]
    .map(([v, label]) => el('option', { value: v, selected: v === hours }, label)));
  const statusFilter = el('select', { id: 'run-status' },
    ['', 'failed', 'success', 'running'].map(v => el('option', { value: v }, v || 'every status')));
  // Drawn once from the first answer, not on every poll, so typing is never overwritten.
  const configPanel = el('div', { class: 'panel', id: 'config-panel' });
  let configDrawn = false;
  show(header, latest, el('h2', {}, 'Configuration'), configPanel,
    el('h2', {}, 'Expected and actual runs'), timelineNote, timelinePanel,
    el('h2', {}, 'Trends ', range), statsSummary, charts,
    el('h2', {}, 'Run history ', statusFilter),
    el('table', { id: 'runs-table' }, el('thead', {}, el('tr', {},
      ['Status', 'Finished', 'Duration', 'Queue wait', 'Exit code', 'Records', 'Message', 'Log'].map(c => el('th', {}, c)))), runsBody),
    runsPager,
    el('h2', {}, 'Flips'),
    el('table', { id: 'flips-table' }, el('thead', {}, el('tr', {},
      ['When', 'From', 'To', 'Reason'].map(c => el('th', {}, c)))), flipsBody));

  const drawHeader = (m) => {
    const toggle = el('button', { id: 'toggle-enabled', type: 'button' }, m.enabled ? 'Disable monitor' : 'Enable monitor');
    const note = el('span', { class: 'muted small', id: 'toggle-note' });
    toggle.addEventListener('click', () => changeEnabled(m, !m.enabled, note));
    header.replaceChildren(
      el('h1', {}, m.task_name, ' ', pill(m.health), m.enabled ? '' : [' ', pill('disabled')]),
      el('p', { class: 'muted' }, [m.task_key, m.kind, m.machine_name || 'no machine'].join(' · ')),
      el('p', {}, toggle, ' ', note));
    latest.replaceChildren(el('dl', { class: 'facts' },
      el('dt', {}, 'Latest status'), el('dd', {}, pill(m.last_status)),
      el('dt', {}, 'Finished'), el('dd', {}, localTime(m.last_finished_at), ' ', el('span', { class: 'muted' }, relativeTime(m.last_finished_at))),
      el('dt', {}, 'Duration'), el('dd', {}, duration(m.last_duration_ms)),
      el('dt', {}, 'Exit code'), el('dd', {}, m.last_exit_code ?? ''),
      el('dt', {}, 'Message'), el('dd', { id: 'latest-message' }, m.last_message || ''),
      el('dt', {}, 'Log'), el('dd', {}, m.last_log_url ? logLink(m.last_log_url) : ''),
      el('dt', {}, 'Failures in a row'), el('dd', {}, String(m.consecutive_failures), m.streak_started_at ? ' since ' + localTime(m.streak_started_at) : ''),
      el('dt', {}, 'Runs / failures'), el('dd', {}, number(m.total_runs) + ' / ' + number(m.total_failures)),
      el('dt', {}, 'Last success'), el('dd', {}, localTime(m.last_success_at)),
      el('dt', {}, 'Alert'), el('dd', {}, m.alert_state === 'alerting' ? pill('alerting', 'failing') : 'none'),
      el('dt', {}, 'Schedule'), el('dd', { id: 'schedule' }, scheduleText(m.monitor_config)),
      el('dt', {}, 'Next expected'), el('dd', { id: 'next-expected' }, m.next_expected_at
        ? [localTime(m.next_expected_at), ' ', el('span', { class: 'muted' }, relativeTime(m.next_expected_at))] : '')));
  };

  const drawStats = (stats) => {
    const from = new Date(stats.from);
    const to = new Date(from.getTime() + stats.hours * 3600 * 1000);
    const withRuns = stats.hourly.filter(h => h.runs > 0);
    const success = withRuns.map(h => ({ x: new Date(h.hour_start), y: h.success_rate * 100,
      label: `${localTime(h.hour_start)}: ${(h.success_rate * 100).toFixed(0)}% success of ${h.runs} runs` }));
    const durations = withRuns.map(h => ({ x: new Date(h.hour_start), y: h.avg_duration_ms,
      label: `${localTime(h.hour_start)}: average ${duration(h.avg_duration_ms)}, longest ${duration(h.max_duration_ms)}` }));
    const summary = stats.runs === 0 ? 'No runs in this period.'
      : `${number(stats.runs)} runs, ${number(stats.failures)} failed, ${(stats.success_rate * 100).toFixed(1)}% success, average ${duration(stats.avg_duration_ms)}.`;
    charts.replaceChildren(
      lineChart('success-chart', 'Success rate per hour (%)', success, { from, to, yMax: 100, format: v => v.toFixed(0) + '%' }),
      lineChart('duration-chart', 'Average duration per hour', durations, { from, to, format: v => duration(Math.round(v)) }));
    statsSummary.textContent = summary;
  };

  const drawRuns = (page) => {
    runsBody.replaceChildren(...page.runs.map(r => el('tr', { class: r.status === 'failed' ? 'failing' : '' },
      el('td', {}, pill(r.status)),
      el('td', { title: localTime(r.finished_at) }, localTime(r.finished_at || r.started_at)),
      el('td', {}, duration(r.duration_ms)),
      el('td', { class: 'queue-wait' }, r.queue_wait_ms === undefined ? (r.status === 'pending' ? 'queued' : '') : duration(r.queue_wait_ms)),
      el('td', {}, r.exit_code ?? ''),
      el('td', {}, r.records_processed === undefined ? '' : number(r.records_processed) + (r.records_failed ? ' (' + number(r.records_failed) + ' failed)' : '')),
      el('td', { class: 'message' }, r.message || ''),
      el('td', {}, r.log_url ? logLink(r.log_url) : ''))));
    if (page.runs.length === 0) runsBody.append(el('tr', {}, el('td', { colspan: 8, class: 'muted' }, 'No runs.')));
    runsPager.replaceChildren(
      el('button', { type: 'button', disabled: runOffset === 0, onclick: () => { runOffset = Math.max(0, runOffset - runLimit); refresh().catch(showProblem); } }, '‹ Newer'),
      el('button', { type: 'button', disabled: !page.has_more, onclick: () => { runOffset += runLimit; refresh().catch(showProblem); } }, 'Older ›'));
  };

  const drawFlips = (page) => {
    flipsBody.replaceChildren(...page.flips.map(f => el('tr', {},
      timeCell(f.flipped_at), el('td', {}, pill(f.old_health)), el('td', {}, pill(f.new_health)), el('td', {}, f.reason))));
    if (page.flips.length === 0) flipsBody.append(el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No flips yet.')));
  };

  const refresh = async () => {
    const base = '/api/monitors/' + encodeURIComponent(monitorId);
    const runQuery = new URLSearchParams({ limit: runLimit, offset: runOffset });
    if (runStatus) runQuery.set('status', runStatus);
    // The strip covers the chosen range up to a week, the longest the timeline answers.
    const [monitor, stats, runs, flips, timeline] = await Promise.all([
      api(base), api(base + '/stats?hours=' + hours), api(base + '/runs?' + runQuery), api(base + '/flips?limit=20'),
      api(base + '/timeline?hours=' + Math.min(hours, 168))]);
    drawHeader(monitor);
    if (!configDrawn) {
      configDrawn = true;
      drawConfigForm(configPanel, monitor);
    }
    drawStats(stats);
    drawRuns(runs);
    timelinePanel.replaceChildren(timelineStrip(timeline));
    timelineNote.textContent = timelineSummary(timeline);
    drawFlips(flips);
    document.title = monitor.task_name + ' · taskmon';
    await refreshBadge();
  };
  range.addEventListener('change', () => { hours = Number(range.value); refresh().catch(showProblem); });
  statusFilter.addEventListener('change', () => { runStatus = statusFilter.value; runOffset = 0; refresh().catch(showProblem); });
  await poll(refresh, POLL_DETAIL_MS);
}

// The monitor's configuration in one line, as its owner wrote it; empty without one.
function scheduleText(config) {
  if (!config) return 'none: runs are judged as they arrive, none is expected';
  const parts = [];
  if (config.cron) parts.push('cron ' + config.cron + ' (' + (config.timezone || 'UTC') + ')');
  if (config.interval_seconds) parts.push('every ' + duration(config.interval_seconds * 1000));
  if (config.grace_seconds !== undefined) parts.push('grace ' + duration(config.grace_seconds * 1000));
  if (config.max_runtime_seconds) parts.push('max runtime ' + duration(config.max_runtime_seconds * 1000));
  if (config.min_runtime_seconds) parts.push('min runtime ' + duration(config.min_runtime_seconds * 1000));
  return parts.join(' · ');
}

function logLink(url) {
  // Log locations are often file paths on the reporting machine; only web addresses become links.
  return /^https?:\/\//i.test(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url) : el('code', {}, url);
}

// The configuration form: the schedule as the owner types it, the next three expected runs as
// the server computes them (the same schedule code that judges deadlines), and Save, which
// replaces the configuration through the admin API.
function drawConfigForm(panel, monitor) {
  const config = monitor.monitor_config || {};
  const field = (id, label, value, attrs) => el('label', {}, label + ' ',
    el('input', Object.assign({ id, name: id, value: value ?? '' }, attrs || {})));
  const cron = field('config-cron', 'Cron', config.cron, { placeholder: '0 2 * * *', size: 16 });
  const timezone = field('config-timezone', 'Time zone', config.timezone, { placeholder: 'UTC', size: 16 });
  const interval = field('config-interval', 'or every (seconds)', config.interval_seconds, { type: 'number', min: 10 });
  const grace = field('config-grace', 'Grace (seconds)', config.grace_seconds, { type: 'number', min: 0 });
  const maxRuntime = field('config-max-runtime', 'Max runtime (seconds)', config.max_runtime_seconds, { type: 'number', min: 1 });
  const preview = el('ol', { id: 'config-preview' });
  const previewNote = el('p', { class: 'muted small', id: 'config-preview-note' });
  const save = el('button', { type: 'submit', id: 'config-save' }, 'Save configuration');
  const note = el('span', { class: 'muted small', id: 'config-note' });
  const form = el('form', { id: 'config-form' }, el('p', {}, cron, ' ', timezone, ' ', interval),
    el('p', {}, grace, ' ', maxRuntime), el('h3', {}, 'Next expected runs'), previewNote, preview, el('p', {}, save, ' ', note));
  panel.replaceChildren(form);
  const value = (label) => label.querySelector('input').value.trim();

  let previewTimer = null;
  let asked = 0;
  const showPreview = async () => {
    const query = new URLSearchParams();
    if (value(cron)) {
      query.set('cron', value(cron));
      if (value(timezone)) query.set('timezone', value(timezone));
    } else if (value(interval)) {
      query.set('interval_seconds', value(interval));
    } else {
      preview.replaceChildren();
      previewNote.className = 'muted small';
      previewNote.textContent = 'No schedule: runs are judged as they arrive, none is expected.';
      return;
    }
    const mine = ++asked;
    try {
      const answer = await api('/api/schedules/preview?' + query);
      if (mine !== asked) return; // a newer keystroke asked again
      previewNote.className = 'muted small';
      previewNote.textContent = answer.cron ? 'cron ' + answer.cron + ' in ' + answer.timezone : 'every ' + duration(answer.interval_seconds * 1000);
      preview.replaceChildren(...answer.expected.map(at => el('li', { 'data-at': at }, localTime(at), ' ',
        el('span', { class: 'muted' }, relativeTime(at)))));
    } catch (e) {
      if (mine !== asked) return;
      preview.replaceChildren();
      previewNote.className = 'error small';
      previewNote.textContent = e.message;
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(showPreview, 250);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Fields the form does not show (thresholds, minimum runtime) are kept as they are.
    const next = Object.assign({}, config);
    for (const name of ['cron', 'timezone', 'interval_seconds', 'grace_seconds', 'max_runtime_seconds']) delete next[name];
    if (value(cron)) {
      next.cron = value(cron);
      if (value(timezone)) next.timezone = value(timezone);
    } else if (value(interval)) {
      next.interval_seconds = Number(value(interval));
    }
    if (value(grace)) next.grace_seconds = Number(value(grace));
    if (value(maxRuntime)) next.max_runtime_seconds = Number(value(maxRuntime));
    saveConfig(monitor, next, note).catch(showProblem);
  });
  showPreview();
}

async function saveConfig(monitor, config, note) {
  let key = localStorage.getItem(ADMIN_KEY_STORE);
  if (!key) {
    key = prompt('Admin key (kept in this browser) to change this monitor\'s configuration:');
    if (!key) return;
    localStorage.setItem(ADMIN_KEY_STORE, key.trim());
  }
  try {
    await api('/api/monitors/' + monitor.monitor_id + '/config', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + localStorage.getItem(ADMIN_KEY_STORE) },
      body: JSON.stringify({ monitor_config: config })
    });
    note.className = 'muted small';
    note.textContent = 'Saved; the schedule above shows it once processed.';
  } catch (e) {
    if (e.status === 401) localStorage.removeItem(ADMIN_KEY_STORE);
    note.textContent = e.message;
    note.className = 'error small';
  }
}

async function changeEnabled(monitor, enabled, note) {
  let key = localStorage.getItem(ADMIN_KEY_STORE);
  if (!key) {
    key = prompt('Admin key (kept in this browser) to ' + (enabled ? 'enable' : 'disable') + ' this monitor:');
    if (!key) return;
    localStorage.setItem(ADMIN_KEY_STORE, key.trim());
  }
  try {
    await api('/api/monitors/' + monitor.monitor_id + '/enabled', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + localStorage.getItem(ADMIN_KEY_STORE) },
      body: JSON.stringify({ enabled })
    });
    note.textContent = (enabled ? 'Enabling' : 'Disabling') + ' requested; it shows here once processed.';
  } catch (e) {
    if (e.status === 401) localStorage.removeItem(ADMIN_KEY_STORE);
    note.textContent = e.message;
    note.className = 'error small';
  }
}

async function alertsPage() {
  let state = new URLSearchParams(location.search).get('state') === 'all' ? 'all' : 'open';
  const choose = el('select', { id: 'alert-state' },
    el('option', { value: 'open', selected: state === 'open' }, 'Open alerts'),
    el('option', { value: 'all', selected: state === 'all' }, 'All alerts'));
  const summary = el('p', { class: 'muted' });
  const body = el('tbody');
  show(el('h1', {}, 'Alerts'), el('div', { class: 'filters' }, choose), summary,
    el('table', { id: 'alerts-table' }, el('thead', {}, el('tr', {},
      ['Raised', 'Type', 'Monitor or job', 'Summary', 'Resolved'].map(c => el('th', {}, c)))), body));
  const load = async () => {
    const page = await api('/api/alerts?limit=100&state=' + state);
    summary.textContent = page.open_count + ' open ' + (page.open_count === 1 ? 'alert' : 'alerts') + '.';
    body.replaceChildren(...page.alerts.map(a => el('tr', { class: a.resolved_at || a.alert_type === 'RECOVERED' ? '' : 'failing', 'data-alert-id': a.alert_id },
      timeCell(a.raised_at), el('td', {}, el('a', { href: '/alerts/' + a.alert_id }, a.alert_type)),
      el('td', {}, a.monitor_id ? el('a', { href: '/monitors/' + a.monitor_id }, a.task_name || a.task_key || a.monitor_id)
        : a.job_run_id ? el('a', { href: '/etl/' + a.job_run_id }, a.job_name || a.job_run_id) : ''),
      el('td', { class: 'message' }, a.summary), el('td', {}, localTime(a.resolved_at)))));
    if (page.alerts.length === 0) body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No alerts.')));
  };
  choose.addEventListener('change', () => {
    state = choose.value;
    history.replaceState(null, '', '/alerts' + (state === 'all' ? '?state=all' : ''));
    load().catch(showProblem);
  });
  await poll(async () => { await Promise.all([load(), refreshBadge()]); }, POLL_DETAIL_MS);
}

// Where one alert went: each channel's delivery, how far it got and when it was sent.
async function alertPage(alertId) {
  const header = el('div');
  const body = el('tbody');
  show(header, el('h2', {}, 'Deliveries'),
    el('table', { id: 'deliveries-table' }, el('thead', {}, el('tr', {},
      ['Channel', 'Status', 'Attempts', 'Sent', 'Next attempt', 'Last error', 'Updated'].map(c => el('th', {}, c)))), body));
  await poll(async () => {
    const [detail] = await Promise.all([api('/api/alerts/' + encodeURIComponent(alertId)), refreshBadge()]);
    const a = detail.alert;
    document.title = a.alert_type + ' ' + (a.task_name || a.task_key || a.job_name || '') + ' · taskmon';
    header.replaceChildren(
      el('h1', {}, a.alert_type, ' ', a.task_name || a.task_key || a.job_name || ''),
      el('p', { class: 'message' }, a.summary),
      el('dl', { class: 'facts panel', id: 'alert-facts' },
        el('dt', {}, 'Raised'), el('dd', {}, localTime(a.raised_at)),
        el('dt', {}, 'Monitor or job'), el('dd', {}, a.monitor_id ? el('a', { href: '/monitors/' + a.monitor_id }, a.task_key || a.monitor_id)
          : a.job_run_id ? el('a', { href: '/etl/' + a.job_run_id }, a.job_name || a.job_run_id) : ''),
        el('dt', {}, 'Machine'), el('dd', {}, a.machine_name || ''),
        el('dt', {}, 'Last message'), el('dd', { class: 'message' }, a.last_message || ''),
        el('dt', {}, 'Resolved'), el('dd', {}, localTime(a.resolved_at))));
    body.replaceChildren(...detail.deliveries.map(d => el('tr', { class: d.status === 'failed' ? 'failing' : '', 'data-channel-id': d.channel_id },
      el('td', {}, d.channel_name || d.channel_id), el('td', {}, pill(d.status)),
      el('td', {}, number(d.attempts)), el('td', { title: localTime(d.sent_at) }, localTime(d.sent_at)),
      el('td', {}, localTime(d.next_attempt_at)), el('td', { class: 'message' }, d.last_error || ''),
      timeCell(d.updated_at))));
    if (detail.deliveries.length === 0) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'Not sent to any channel.')));
  }, POLL_DETAIL_MS);
}

function progressBar(job) {
  const known = job.percent_done !== undefined && job.percent_done !== null;
  return el('div', { class: 'progress' + (known ? '' : ' unknown'), role: 'progressbar',
    'aria-valuenow': known ? job.percent_done.toFixed(1) : null, 'aria-valuemin': 0, 'aria-valuemax': 100 },
  el('div', { class: 'bar', style: known ? 'width:' + job.percent_done.toFixed(1) + '%' : null }));
}

function jobProgressText(job) {
  const parts = [number(job.rows_read) + ' rows read', number(job.records_processed) + ' loaded'];
  if (job.records_failed) parts.push(number(job.records_failed) + ' rejected');
  parts.push(Math.round(job.rows_per_second).toLocaleString() + ' rows/s');
  if (job.percent_done !== undefined && job.percent_done !== null) {
    parts.unshift(job.percent_done.toFixed(1) + '%');
    if (job.rows_per_second > 0 && job.percent_done > 0 && job.percent_done < 100) {
      const remainingRows = job.rows_read * (100 - job.percent_done) / job.percent_done;
      parts.push('about ' + duration(remainingRows / job.rows_per_second * 1000) + ' left');
    }
  }
  return parts.join(' · ');
}

function jobDuration(job) {
  if (!job.started_at) return '';
  const end = job.completed_at ? new Date(job.completed_at) : new Date();
  return duration(end.getTime() - new Date(job.started_at).getTime());
}

async function etlPage() {
  const running = el('div', { id: 'running-jobs' });
  const finishedBody = el('tbody');
  show(el('h1', {}, 'ETL jobs'), el('h2', {}, 'Running'), running, el('h2', {}, 'Finished'),
    el('table', { id: 'finished-jobs' }, el('thead', {}, el('tr', {},
      ['Job', 'Status', 'Started', 'Took', 'Rows read', 'Loaded', 'Rejected', 'Duplicates', 'Rows/s', 'Error']
        .map(c => el('th', {}, c)))), finishedBody));
  await poll(async () => {
    const [page] = await Promise.all([api('/api/etl/jobs?limit=100'), refreshBadge()]);
    const active = page.jobs.filter(j => j.status === 'running' || j.status === 'stalled');
    const done = page.jobs.filter(j => !(j.status === 'running' || j.status === 'stalled'));
    running.replaceChildren(...active.map(j => el('div', { class: 'job', 'data-job-run-id': j.job_run_id },
      el('div', {}, el('a', { href: '/etl/' + j.job_run_id }, j.job_name), ' ', pill(j.status), ' ',
        el('span', { class: 'muted' }, [j.machine_name, j.mode, 'started ' + relativeTime(j.started_at)].filter(Boolean).join(' · '))),
      progressBar(j),
      el('div', { class: 'muted small job-progress' }, jobProgressText(j), ' · batch ', number(j.current_batch)))));
    if (active.length === 0) running.append(el('p', { class: 'muted' }, 'No job is running.'));
    finishedBody.replaceChildren(...done.map(j => el('tr', { class: j.status === 'failed' ? 'failing' : '', 'data-job-run-id': j.job_run_id },
      el('td', {}, el('a', { href: '/etl/' + j.job_run_id }, j.job_name)), el('td', {}, pill(j.status)),
      el('td', { title: localTime(j.started_at) }, localTime(j.started_at)), el('td', {}, jobDuration(j)),
      el('td', {}, number(j.rows_read)), el('td', {}, number(j.records_processed)), el('td', {}, number(j.records_failed)),
      el('td', {}, number(j.records_duplicated)), el('td', {}, Math.round(j.rows_per_second).toLocaleString()),
      el('td', { class: 'message' }, j.error_message || ''))));
    if (done.length === 0) finishedBody.append(el('tr', {}, el('td', { colspan: 10, class: 'muted' }, 'No finished jobs yet.')));
  }, POLL_ETL_MS);
}

async function etlJobPage(jobRunId) {
  const header = el('div');
  const countsBody = el('tbody');
  const batchesBody = el('tbody');
  const errorsBody = el('tbody');
  show(header,
    el('h2', {}, 'Import errors by type'),
    el('table', { id: 'import-error-counts' }, el('thead', {}, el('tr', {}, el('th', {}, 'Type'), el('th', {}, 'Rows'))), countsBody),
    el('h2', {}, 'Rejected rows'),
    el('table', { id: 'import-errors-table' }, el('thead', {}, el('tr', {},
      ['Batch', 'Line', 'Type', 'Reason', 'Row'].map(c => el('th', {}, c)))), errorsBody),
    el('h2', {}, 'Batches (newest first)'),
    el('table', { id: 'batches-table' }, el('thead', {}, el('tr', {},
      ['Batch', 'Status', 'Rows read', 'Loaded', 'Rejected', 'Duplicates', 'Took', 'Completed', 'Error'].map(c => el('th', {}, c)))), batchesBody));
  await poll(async () => {
    const [detail] = await Promise.all([api('/api/etl/jobs/' + encodeURIComponent(jobRunId) + '?errors_limit=200'), refreshBadge()]);
    const j = detail.job;
    document.title = j.job_name + ' · taskmon';
    header.replaceChildren(
      el('h1', {}, j.job_name, ' ', pill(j.status)),
      el('p', { class: 'muted' }, [j.source, j.mode, j.machine_name].filter(Boolean).join(' · ')),
      el('div', { class: 'job', id: 'job-progress' }, progressBar(j), el('div', { class: 'small' }, jobProgressText(j))),
      el('dl', { class: 'facts panel' },
        el('dt', {}, 'Started'), el('dd', {}, localTime(j.started_at)),
        el('dt', {}, 'Completed'), el('dd', {}, localTime(j.completed_at)),
        el('dt', {}, 'Took'), el('dd', {}, jobDuration(j)),
        el('dt', {}, 'Batches'), el('dd', {}, number(j.batches)),
        el('dt', {}, 'Duplicates'), el('dd', {}, number(j.records_duplicated)),
        el('dt', {}, 'Error'), el('dd', {}, j.error_message || '')));
    countsBody.replaceChildren(...detail.import_error_counts.map(c => el('tr', {}, el('td', {}, c.error_type), el('td', {}, number(c.count)))));
    if (detail.import_error_counts.length === 0) countsBody.append(el('tr', {}, el('td', { colspan: 2, class: 'muted' }, 'No rejected rows.')));
    errorsBody.replaceChildren(...detail.import_errors.map(e => el('tr', {},
      el('td', {}, number(e.batch_number)), el('td', {}, number(e.line_number)), el('td', {}, e.error_type),
      el('td', { class: 'message' }, e.error_message), el('td', { class: 'message' }, el('code', {}, e.raw_data || '')))));
    batchesBody.replaceChildren(...detail.batches.map(b => el('tr', { class: b.status === 'failed' ? 'failing' : '' },
      el('td', {}, number(b.batch_number)), el('td', {}, pill(b.status)), el('td', {}, number(b.rows_read)),
      el('td', {}, number(b.records_processed)), el('td', {}, number(b.records_failed)), el('td', {}, number(b.records_duplicated)),
      el('td', {}, duration(b.duration_ms)), el('td', {}, localTime(b.completed_at)), el('td', { class: 'message' }, b.error_message || ''))));
  }, POLL_ETL_MS);
}

async function deadLettersPage() {
  let state = new URLSearchParams(location.search).get('state') === 'waiting' ? 'waiting' : 'all';
  const choose = el('select', { id: 'dead-letter-state' },
    el('option', { value: 'all', selected: state === 'all' }, 'All dead letters'),
    el('option', { value: 'waiting', selected: state === 'waiting' }, 'Waiting for replay'));
  const summary = el('p', { id: 'dead-letter-summary', class: 'muted' });
  const body = el('tbody');
  show(el('h1', {}, 'Dead letters'),
    el('p', { class: 'muted' }, 'Records a taskmon consumer could not read or store. Once the cause is fixed, ',
      el('code', {}, './taskmon dead-letters replay --id N'), ' publishes one again; a record still bad becomes a new dead letter.'),
    el('div', { class: 'filters' }, choose), summary,
    el('table', { id: 'dead-letters-table' }, el('thead', {}, el('tr', {},
      ['Id', 'Failed', 'Consumer', 'Source', 'Reason', 'Raw value', 'Replayed'].map(c => el('th', {}, c)))), body));
  const load = async () => {
    const page = await api('/api/dead-letters?limit=100&state=' + state);
    setDeadLetters(page.waiting);
    summary.textContent = page.waiting === 0 ? 'No dead letter waits for replay.'
      : page.waiting + (page.waiting === 1 ? ' dead letter waits' : ' dead letters wait') + ' for replay.';
    body.replaceChildren(...page.dead_letters.map(d => el('tr', { 'data-dead-letter-id': d.id },
      el('td', {}, String(d.id)), timeCell(d.failed_at), el('td', {}, d.consumer),
      el('td', {}, d.source_topic + '-' + d.source_partition + '@' + d.source_offset),
      el('td', { class: 'message' }, d.reason), el('td', { class: 'raw' }, d.raw_value || ''),
      el('td', {}, d.replayed_at ? localTime(d.replayed_at) : pill('waiting')))));
    if (page.dead_letters.length === 0) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No dead letters.')));
  };
  choose.addEventListener('change', () => {
    state = choose.value;
    history.replaceState(null, '', '/dead-letters' + (state === 'waiting' ? '?state=waiting' : ''));
    load().catch(showProblem);
  });
  await poll(async () => { await Promise.all([load(), refreshBadge()]); }, POLL_DETAIL_MS);
}

// ---------- routing ----------

function route() {
  const path = location.pathname.replace(/\/+$/, '') || '/incidents';
  const parts = path.split('/').filter(Boolean);
  const section = parts[0] || 'incidents';
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === section);
  }
  let page;
  if (section === 'monitors' && parts[1]) page = monitorPage(decodeURIComponent(parts[1]));
  else if (section === 'monitors') page = monitorsPage();
  else if (section === 'alerts' && parts[1]) page = alertPage(decodeURIComponent(parts[1]));
  else if (section === 'alerts') page = alertsPage();
  else if (section === 'dead-letters') page = deadLettersPage();
  else if (section === 'etl' && parts[1]) page = etlJobPage(decodeURIComponent(parts[1]));
  else if (section === 'etl') page = etlPage();
  else page = incidentsPage();
  Promise.resolve(page).catch(showProblem);
}

route();

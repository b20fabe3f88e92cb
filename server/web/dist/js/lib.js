// lib.js: DOM building (text only, never HTML from data), API calls and
// small formatting helpers shared by the pages.

// el builds an element: el('a', {href: '#/x', class: 'y'}, 'text', child…).
// Strings become text nodes, so data can never inject markup.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'href') e.setAttribute('href', safeHref(v));
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// safeHref keeps in-app links and http(s) URLs; anything else (javascript:,
// data:) becomes inert.
export function safeHref(v) {
  const s = String(v);
  if (s.startsWith('#') || s.startsWith('api/') || s.startsWith('/')) return s;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch (_) { /* not a URL */ }
  return '#';
}

// esc escapes text for the few places that need an HTML string (chart
// tooltips).
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export class APIError extends Error {
  constructor(type, msg) { super(msg); this.type = type; }
}

// api fetches a JSON API path and returns its data, or throws APIError.
export async function api(path, opts) {
  const r = await fetch(path, opts);
  let body;
  try { body = await r.json(); } catch (_) { throw new APIError('internal', `${r.status} ${r.statusText}`); }
  if (body.status !== 'success') throw new APIError(body.errorType || 'internal', body.error || r.statusText);
  return body.data;
}

export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
  return u.toString();
}

export const quadNames = ['none', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
export const quadColors = ['#9ca3af', '#74c476', '#238b45', '#fd8d3c', '#d7301f'];

export function fmtNum(x, d = 2) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return Number(x).toFixed(d);
}
export function signed(x, d = 2) {
  if (x === null || x === undefined) return '–';
  return (x > 0 ? '+' : '') + Number(x).toFixed(d);
}

export function errorBox(err) {
  const type = err && err.type ? err.type : 'error';
  const msg = type === 'not_enough_data' ? 'Not enough data: ' + err.message : err.message || String(err);
  return el('div', { class: 'error', dataset: { errorType: type } }, msg);
}

// sentence renders an event sentence from its segments, with source, verb
// and target (and other actors) marked.
export function sentence(segments, fallback) {
  const p = el('p', { class: 'sentence' });
  if (!segments || !segments.length) { p.append(fallback || ''); return p; }
  for (const s of segments) {
    if (!s.role) { p.append(s.text); continue; }
    const span = el('span', { class: s.role, title: s.code ? `${s.role}: ${s.code}` : s.role }, s.text);
    p.append(span);
    if (s.code && (s.role === 'source' || s.role === 'target' || s.role === 'actor')) p.append(el('sub', {}, s.code));
  }
  return p;
}

export function quadTag(q) {
  return el('span', { class: `tag q${q}` }, quadNames[q] || 'no quad');
}

// evidenceItem renders one listed event: its sentence and a line of facts
// with a link to the event page.
export function evidenceItem(ev) {
  const f = ev.first || {};
  return el('li', { dataset: { eventId: ev.id } },
    sentence(ev.segments, f.sentence_text),
    el('div', { class: 'meta' },
      el('a', { href: `#/event?id=${encodeURIComponent(ev.id)}` }, `${ev.date} · ${ev.source.code} → ${ev.target.code} · CAMEO ${ev.cameo}`),
      ' ', quadTag(ev.quad), ` Goldstein ${ev.goldstein} · ${ev.num_mentions} mention${ev.num_mentions === 1 ? '' : 's'}`));
}

// chart creates an ECharts instance on a fresh div and keeps it sized.
const charts = new Set();
export function chart(container, cls = 'chart') {
  const div = el('div', { class: cls });
  container.append(div);
  const c = echarts.init(div, null, { renderer: 'canvas' });
  charts.add(c);
  return { div, c };
}
export function disposeCharts() {
  for (const c of charts) c.dispose();
  charts.clear();
}
// Resize charts once the window has settled, skipping charts that are
// momentarily without size (ECharts' view coordinate systems throw then).
let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    for (const c of charts) {
      const d = c.getDom();
      if (!c.isDisposed() && d.clientWidth > 0 && d.clientHeight > 0) c.resize();
    }
  }, 150);
});

export function ready(page) { document.body.dataset.ready = page; }

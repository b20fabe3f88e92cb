// map.js: events by place on an offline world map (Natural Earth 1:110m).
import { api, chart, el, esc, qs, ready, signed } from './lib.js';

let worldLoaded = null;
function loadWorld() {
  if (!worldLoaded) {
    worldLoaded = fetch('vendor/world-110m.geo.json').then((r) => r.json()).then((geo) => echarts.registerMap('world', geo));
  }
  return worldLoaded;
}

export async function map(root, params, current) {
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  const actor = params.get('actor') || '';
  root.append(el('h1', {}, 'Events by place'));
  const form = el('form', { class: 'controls' },
    el('label', {}, 'Actor', el('input', { name: 'actor', value: actor, size: 10, placeholder: 'CHN*' })),
    el('label', {}, 'From', el('input', { name: 'from', value: from, size: 10, placeholder: 'YYYY-MM' })),
    el('label', {}, 'To', el('input', { name: 'to', value: to, size: 10, placeholder: 'YYYY-MM' })),
    el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    location.hash = '#/map?' + qs({ actor: f.get('actor'), from: f.get('from'), to: f.get('to') });
  });
  root.append(form);
  const [res] = await Promise.all([api('api/places?' + qs({ actor, from, to })), loadWorld()]);
  if (!current()) return;
  const withCoords = res.places.filter((p) => p.lat !== null);
  const summary = el('p', { id: 'place-summary' },
    `${res.with_coords.toLocaleString()} of ${res.scanned.toLocaleString()} events are shown on the map. `,
    `${res.without_place.toLocaleString()} have no place yet`, res.with_place > res.with_coords ? `, ${(res.with_place - res.with_coords).toLocaleString()} have a place without coordinates` : '', '.',
    res.truncated ? ' Only the newest events were read; narrow the dates to see older ones.' : '');
  const card = el('div', { class: 'card' }, summary);
  root.append(card);
  const m = chart(card, 'chart tall');
  m.div.id = 'map-chart';
  const max = Math.max(1, ...withCoords.map((p) => p.events));
  m.c.setOption({
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const d = p.data && p.data.place;
        if (!d) return esc(p.name);
        return `${esc(d.name || d.country)} (${esc(d.country)})<br>${d.events} events: ${d.coop} cooperative, ${d.conflict} conflictual`;
      },
    },
    geo: { map: 'world', roam: true, itemStyle: { areaColor: '#e5e7eb', borderColor: '#9ca3af' }, emphasis: { disabled: true } },
    series: [{
      type: 'scatter', coordinateSystem: 'geo',
      data: withCoords.map((p) => ({ name: p.name, value: [p.lon, p.lat, p.events], place: p,
        itemStyle: { color: p.coop >= p.conflict ? 'rgba(22,163,74,0.75)' : 'rgba(220,38,38,0.75)' } })),
      symbolSize: (v) => 6 + 24 * Math.sqrt(v[2] / max),
    }],
  });
  m.div.dataset.points = String(withCoords.length);
  m.c.on('click', (e) => {
    const p = e.data && e.data.place;
    if (p && p.evidence.length) location.hash = '#/event?id=' + encodeURIComponent(p.evidence[0]);
  });
  const t = el('table', { id: 'places' }, el('tr', {}, el('th', {}, 'place'), el('th', {}, 'country'), el('th', { class: 'num' }, 'events'), el('th', { class: 'num' }, 'net'), el('th', {}, 'latest')));
  for (const p of res.places.slice(0, 50)) {
    const n = p.events ? (p.coop - p.conflict) / p.events : null;
    t.append(el('tr', {}, el('td', {}, p.name || '–'), el('td', {}, p.country), el('td', { class: 'num' }, p.events), el('td', { class: 'num' }, signed(n)),
      el('td', {}, p.evidence.length ? el('a', { href: '#/event?id=' + encodeURIComponent(p.evidence[0]) }, 'open') : '')));
  }
  root.append(el('div', { class: 'card' }, el('h2', {}, 'Places'), res.places.length ? t : el('p', { class: 'muted' }, 'No event has a place yet.')));
  ready('map');
}

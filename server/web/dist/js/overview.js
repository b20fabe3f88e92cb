// overview.js: volume over time, busiest dyads, movers.
import { api, chart, el, errorBox, fmtNum, qs, quadColors, quadNames, ready, signed } from './lib.js';

export async function overview(root) {
  root.append(el('h1', {}, 'Overview'));
  const ov = await api('api/overview?' + qs({ top: 12 }));
  root.append(el('div', { class: 'kpis' },
    el('div', { class: 'kpi' }, el('b', {}, ov.stats.documents.toLocaleString()), 'documents'),
    el('div', { class: 'kpi' }, el('b', {}, ov.stats.events.toLocaleString()), 'events'),
    el('div', { class: 'kpi' }, el('b', {}, ov.stats.mentions.toLocaleString()), 'mentions'),
    el('div', { class: 'kpi' }, el('b', {}, ov.first ? `${ov.first} – ${ov.last}` : '–'), 'months with events')));

  const vol = el('div', { class: 'card' }, el('h2', {}, 'Events per month by quad class'));
  root.append(vol);
  const { c, div } = chart(vol);
  div.id = 'volume-chart';
  const months = ov.volume.map((v) => v.period);
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: 'events' },
    dataZoom: [{ type: 'slider', bottom: 8 }],
    series: [1, 2, 3, 4].map((q) => ({ name: quadNames[q], type: 'bar', stack: 'q', itemStyle: { color: quadColors[q] }, data: ov.volume.map((v) => v.quad[q]) })),
  });
  div.dataset.points = String(months.length);

  const row = el('div', { class: 'row' });
  root.append(row);
  const top = el('div', { class: 'card' }, el('h2', {}, `Busiest dyads since ${ov.top_from || '–'}`));
  row.append(top);
  const t = el('table', { id: 'top-dyads' }, el('tr', {}, el('th', {}, 'dyad'), el('th', { class: 'num' }, 'events'), el('th', { class: 'num' }, 'coop'), el('th', { class: 'num' }, 'conflict'), el('th', { class: 'num' }, 'net')));
  for (const d of ov.top_dyads) {
    t.append(el('tr', {},
      el('td', {}, el('a', { href: '#/dyad?' + qs({ a: d.a, b: d.b }) }, `${d.a} – ${d.b}`)),
      el('td', { class: 'num' }, d.events), el('td', { class: 'num' }, d.coop), el('td', { class: 'num' }, d.conflict),
      el('td', { class: 'num' }, d.net ? signed(d.net.net) : '–')));
  }
  top.append(t);

  const mv = el('div', { class: 'card' });
  row.append(mv);
  if (ov.last) {
    // A year on each side; a quarter on big stores, whose years are heavy to read.
    const big = ov.stats.events > 200000;
    const [y, m] = ov.last.split('-').map(Number);
    const since = new Date(Date.UTC(y, m - 1 - (big ? 2 : 11), 1)).toISOString().slice(0, 10);
    mv.append(el('h2', {}, `Movers: net cooperation, the ${big ? 'quarter' : 'year'} before vs. after ${since}`));
    try {
      const res = await api('api/movers?' + qs({ since, window: big ? '91d' : '1y', min_events: big ? 10 : 3, top: 12 }));
      const mt = el('table', { id: 'movers' }, el('tr', {}, el('th', {}, 'dyad'), el('th', { class: 'num' }, 'before'), el('th', { class: 'num' }, 'after'), el('th', { class: 'num' }, 'change'), el('th', { class: 'num' }, 'q')));
      for (const d of res.movers) {
        mt.append(el('tr', {},
          el('td', {}, el('a', { href: '#/dyad?' + qs({ a: d.a, b: d.b }) }, `${d.a} – ${d.b}`), d.significant ? ' ★' : ''),
          el('td', { class: 'num' }, `${signed(d.before.net?.net)} (${d.before.events})`),
          el('td', { class: 'num' }, `${signed(d.after.net?.net)} (${d.after.events})`),
          el('td', { class: 'num' }, signed(d.change)), el('td', { class: 'num' }, fmtNum(d.q, 3))));
      }
      mv.append(mt, el('p', { class: 'meta' }, `${res.tested} dyads with ≥ ${res.min_events} events in both windows tested; ★ = significant at FDR ${res.alpha}.`));
    } catch (err) {
      mv.append(errorBox(err));
    }
  }
  ready('overview');
}

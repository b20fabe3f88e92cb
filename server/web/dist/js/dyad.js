// dyad.js: A vs B — net cooperation with its 95% band, stacked quad
// classes, change points, and the evidence list (click a point to filter
// it to that period).
import { api, chart, el, errorBox, esc, evidenceItem, fmtNum, qs, quadColors, quadNames, ready, signed } from './lib.js';

export async function dyad(root, params, current) {
  const a = params.get('a') || 'CHN';
  const b = params.get('b') || 'AFG';
  const by = params.get('by') || 'month';
  const directed = params.get('directed') === 'true';
  root.append(el('h1', {}, `${a} and ${b}`));
  const form = el('form', { class: 'controls' },
    el('label', {}, 'Actor A', el('input', { name: 'a', value: a, size: 12 })),
    el('label', {}, 'Actor B', el('input', { name: 'b', value: b, size: 12 })),
    el('label', {}, 'Period', el('select', { name: 'by' }, ...['month', 'week', 'day'].map((p) => el('option', { value: p, selected: p === by }, p)))),
    el('label', {}, 'Only A → B', el('input', { type: 'checkbox', name: 'directed', checked: directed })),
    el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    location.hash = '#/dyad?' + qs({ a: f.get('a').trim(), b: f.get('b').trim(), by: f.get('by'), directed: f.get('directed') ? 'true' : '' });
  });
  root.append(form, el('p', { class: 'muted' }, 'Codes: CHN is every Chinese actor, CHNGOV the government only; lists such as USA,GBR form a group.'));

  const q = { a, b, by, directed: directed ? 'true' : '' };
  const series = await api('api/dyad/series?' + qs(q));
  if (!current()) return;
  const verdict = el('div', { class: 'card verdict', id: 'verdict' }, el('span', { class: 'muted' }, 'Testing for a trend…'));
  root.append(verdict);
  const o = series.overall;
  root.append(el('div', { class: 'kpis' },
    el('div', { class: 'kpi' }, el('b', {}, o.total), 'events'),
    el('div', { class: 'kpi' }, el('b', {}, o.net ? signed(o.net.net) : '–'), `net cooperation${o.net ? ` [${signed(o.net.lo)}, ${signed(o.net.hi)}]` : ''}`),
    el('div', { class: 'kpi' }, el('b', {}, fmtNum(o.goldstein_mean)), 'mean Goldstein'),
    el('div', { class: 'kpi' }, el('b', {}, o.share_a === null ? '–' : (100 * o.share_a).toFixed(1) + '%'), `of ${a}'s events`),
    el('div', { class: 'kpi' }, el('b', {}, o.share_b === null ? '–' : (100 * o.share_b).toFixed(1) + '%'), `of ${b}'s events`)));

  const periods = series.periods;
  const labels = periods.map((p) => p.period);
  const netCard = el('div', { class: 'card' }, el('h2', {}, 'Net cooperation (coop − conflict) / total, with its 95% Wilson interval — click a point for its evidence'));
  root.append(netCard);
  const net = chart(netCard, 'chart tall');
  net.div.id = 'net-chart';
  const lo = periods.map((p) => (p.net ? p.net.lo : null));
  const band = periods.map((p) => (p.net ? p.net.hi - p.net.lo : null));
  const netOption = {
    animation: false,
    grid: { left: 50, right: 20, top: 30, bottom: 60 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        if (!ps || !ps.length) return '';
        const p = periods[ps[0].dataIndex];
        if (!p.net) return `${esc(p.period)}: no events`;
        return `${esc(p.period)}<br>net ${signed(p.net.net)} [${signed(p.net.lo)}, ${signed(p.net.hi)}]<br>${p.total} events`;
      },
    },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', min: -1, max: 1 },
    dataZoom: [{ type: 'slider', bottom: 8 }],
    series: [
      { name: 'lo', type: 'line', data: lo, stack: 'band', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, connectNulls: false, silent: true },
      { name: '95% interval', type: 'line', data: band, stack: 'band', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(37,99,235,0.15)' }, silent: true },
      { name: 'net cooperation', type: 'line', data: periods.map((p) => (p.net ? p.net.net : null)), symbolSize: 8, itemStyle: { color: '#1d4ed8' },
        markLine: { symbol: 'none', silent: true, lineStyle: { color: '#9ca3af', type: 'dashed' }, data: [{ yAxis: 0 }] } },
    ],
  };
  net.c.setOption(netOption);
  net.div.dataset.points = String(periods.filter((p) => p.net).length);

  const quadCard = el('div', { class: 'card' }, el('h2', {}, 'Events per period by quad class'));
  root.append(quadCard);
  const qc = chart(quadCard);
  qc.div.id = 'quad-chart';
  const keys = ['', 'verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'];
  qc.c.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value' },
    series: [1, 2, 3, 4].map((k) => ({ name: quadNames[k], type: 'bar', stack: 'q', itemStyle: { color: quadColors[k] }, data: periods.map((p) => p.quad[keys[k]]) })),
  });
  qc.div.dataset.points = String(periods.length);

  const evCard = el('div', { class: 'card' });
  root.append(evCard);
  const showEvidence = async (period) => {
    const head = el('h2', { id: 'evidence-title' }, period ? `Evidence for ${period.period}` : 'Evidence, newest first');
    const list = el('ol', { class: 'evidence', id: 'evidence' });
    const more = el('button', { class: 'secondary', type: 'button' }, 'More');
    const clear = period ? el('button', { class: 'secondary', type: 'button', onclick: () => showEvidence(null) }, 'All periods') : null;
    evCard.replaceChildren(head, clear || '', list);
    let offset = 0;
    const base = { a, b, directed: directed ? 'true' : '', limit: 25 };
    if (period) {
      const end = new Date(period.end + 'T00:00:00Z');
      end.setUTCDate(end.getUTCDate() - 1);
      Object.assign(base, { from: period.start, to: end.toISOString().slice(0, 10), order: 'date-asc' });
    }
    const load = async () => {
      const res = await api('api/events?' + qs({ ...base, offset }));
      for (const ev of res.events) list.append(evidenceItem(ev));
      offset = res.next_offset;
      if (offset === null) more.remove(); else evCard.append(more);
      evCard.dataset.count = String(list.children.length);
      evCard.dataset.period = period ? period.period : '';
      if (!list.children.length) list.append(el('li', { class: 'muted' }, 'No events.'));
    };
    more.onclick = load;
    await load();
  };
  evCard.id = 'evidence-card';
  net.c.on('click', (e) => {
    const p = periods[e.dataIndex];
    if (p && p.total > 0) showEvidence(p);
  });
  // Clicks anywhere in the plot pick the nearest period too (easier than
  // hitting a 8-pixel symbol).
  net.c.getZr().on('click', (e) => {
    if (e.target) return;
    const pt = [e.offsetX, e.offsetY];
    if (!net.c.containPixel('grid', pt)) return;
    const v = net.c.convertFromPixel({ seriesIndex: 2 }, pt);
    if (!v) return;
    const p = periods[Math.round(v[0])];
    if (p && p.total > 0) showEvidence(p);
  });
  await showEvidence(null);

  // Change points and the verdict come from the trend test.
  try {
    const tr = await api('api/trend?' + qs({ ...q, min_events: 3 }));
    if (!current()) return;
    verdict.replaceChildren(el('b', {}, tr.verdict), el('span', { class: 'meta' },
      ` — Theil–Sen slope ${signed(tr.slope_per_year)} per year, Mann–Kendall p = ${fmtNum(tr.mann_kendall.p, 3)}, ${tr.periods} periods with ≥ ${tr.min_events} events`));
    if (tr.change_points.length) {
      net.c.setOption({ series: [{}, {}, { markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0, lineStyle: { color: '#9ca3af', type: 'dashed' } },
        ...tr.change_points.map((cp) => ({ xAxis: cp.period, lineStyle: { color: '#dc2626', width: 2 }, label: { formatter: `change ${signed(cp.shift)}`, color: '#dc2626' } }))] } }] });
    }
    net.div.dataset.changePoints = String(tr.change_points.length);
  } catch (err) {
    verdict.replaceChildren(errorBox(err));
    net.div.dataset.changePoints = '0';
  }
  ready('dyad');
}

// blocs.js: the signed network of one window coloured by bloc, and the
// polarity series over all windows.
import { api, chart, el, esc, fmtNum, qs, ready } from './lib.js';

const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

export async function blocs(root, params, current) {
  const window_ = params.get('window') || '1y';
  const level = params.get('level') || 'country';
  const minEvents = params.get('min_events') || '3';
  root.append(el('h1', {}, 'Blocs and polarity'));
  const form = el('form', { class: 'controls' },
    el('label', {}, 'Window', el('input', { name: 'window', value: window_, size: 5 })),
    el('label', {}, 'Level', el('select', { name: 'level' }, ...['country', 'code'].map((l) => el('option', { value: l, selected: l === level }, l)))),
    el('label', {}, 'Min events per actor', el('input', { name: 'min_events', value: minEvents, size: 4 })),
    el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    location.hash = '#/blocs?' + qs({ window: f.get('window'), level: f.get('level'), min_events: f.get('min_events') });
  });
  root.append(form);
  const res = await api('api/blocs?' + qs({ window: window_, level, min_events: minEvents }));
  if (!current()) return;
  const ws = res.windows;
  let sel = Math.max(0, ws.length - 1);

  const netCard = el('div', { class: 'card' });
  root.append(netCard);
  const title = el('h2', {});
  const picker = el('select', { id: 'bloc-window' }, ...ws.map((w, i) => el('option', { value: i, selected: i === sel }, `${w.from} – ${w.to}`)));
  const info = el('p', { class: 'meta' });
  netCard.append(title, el('label', { class: 'meta' }, 'Window ', picker), info);
  const g = chart(netCard, 'chart tall');
  g.div.id = 'bloc-graph';
  const table = el('table', { id: 'bloc-table' });
  netCard.append(table);

  const draw = () => {
    const w = ws[sel];
    const color = {};
    w.blocs.forEach((b, i) => b.members.forEach((m) => { color[m] = palette[i % palette.length]; }));
    const bloc = {};
    w.blocs.forEach((b) => b.members.forEach((m) => { bloc[m] = b.label; }));
    const deg = {};
    for (const e of w.edges) { deg[e.a] = (deg[e.a] || 0) + e.coop + e.conflict; deg[e.b] = (deg[e.b] || 0) + e.coop + e.conflict; }
    const nodes = Object.keys(color).map((m) => ({ id: m, name: m, symbolSize: 10 + 4 * Math.sqrt(deg[m] || 1), itemStyle: { color: color[m] }, label: { show: true } }));
    const links = w.edges.map((e) => ({ source: e.a, target: e.b, value: e.weight, coop: e.coop, conflict: e.conflict,
      lineStyle: { color: e.weight >= 0 ? '#16a34a' : '#dc2626', width: Math.min(8, 1 + Math.sqrt(Math.abs(e.weight))), type: e.weight >= 0 ? 'solid' : 'dashed', opacity: 0.7 } }));
    title.textContent = `Signed network ${w.from} – ${w.to}: ${w.blocs.length} blocs, effective number ${fmtNum(w.effective_blocs)}`;
    info.textContent = `${w.actors} actors, ${w.events} events, modularity ${fmtNum(w.modularity, 3)}. Green: net cooperation, red dashed: net conflict. Colours: blocs.`;
    g.c.setOption({
      animation: false,
      tooltip: {
        formatter: (p) => (p.dataType === 'edge'
          ? `${esc(p.data.source)} – ${esc(p.data.target)}: ${p.data.coop} cooperative, ${p.data.conflict} conflictual`
          : `${esc(p.name)} (bloc ${esc(bloc[p.name])})`),
      },
      series: [{ type: 'graph', layout: 'force', roam: true, draggable: true, data: nodes, links,
        force: { repulsion: 260, edgeLength: [60, 180], gravity: 0.08, layoutAnimation: false }, emphasis: { focus: 'adjacency' } }],
    }, true);
    g.div.dataset.points = String(nodes.length);
    g.div.dataset.edges = String(links.length);
    table.replaceChildren(el('tr', {}, el('th', {}, 'bloc'), el('th', {}, 'members'), el('th', { class: 'num' }, 'share'), el('th', { class: 'num' }, 'cohesion')));
    w.blocs.forEach((b, i) => table.append(el('tr', {},
      el('td', {}, el('span', { class: 'tag', style: `background:${palette[i % palette.length]};color:#fff` }, b.label)),
      el('td', {}, ...b.members.map((m, j) => [j ? ', ' : '', el('a', { href: `#/actor?a=${encodeURIComponent(m)}` }, m)])),
      el('td', { class: 'num' }, (100 * b.share).toFixed(0) + '%'), el('td', { class: 'num' }, b.cohesion === null ? '–' : (100 * b.cohesion).toFixed(0) + '%'))));
  };
  picker.addEventListener('change', () => { sel = Number(picker.value); draw(); });
  draw();

  const polCard = el('div', { class: 'card' }, el('h2', {}, 'Polarity over time'));
  root.append(polCard);
  const p = chart(polCard);
  p.div.id = 'polarity-chart';
  p.c.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 50, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: ws.map((w) => w.from) },
    yAxis: [{ type: 'value', name: 'effective blocs', min: 1 }, { type: 'value', name: 'top-2 conflict share', min: 0, max: 1 }],
    series: [
      { name: 'effective number of blocs', type: 'line', data: ws.map((w) => w.effective_blocs), symbolSize: 8 },
      { name: 'conflict between the two largest blocs', type: 'line', yAxisIndex: 1, data: ws.map((w) => w.top2_conflict_share), symbolSize: 8 },
    ],
  });
  p.div.dataset.points = String(ws.length);
  ready('blocs');
}

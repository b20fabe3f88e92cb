// actor.js: one actor's profile — event mix, partners, adversaries, most
// cited events.
import { api, chart, el, evidenceItem, qs, quadColors, quadNames, ready, signed } from './lib.js';

export async function actor(root, params, current) {
  const a = params.get('a') || 'CHN';
  root.append(el('h1', {}, `Actor ${a}`));
  const form = el('form', { class: 'controls' }, el('label', {}, 'Actor', el('input', { name: 'a', value: a, size: 12, list: 'actor-list' })),
    el('datalist', { id: 'actor-list' }), el('button', { type: 'submit' }, 'Show'));
  const input = form.querySelector('input');
  input.addEventListener('input', async () => {
    if (input.value.length < 2) return;
    try {
      const r = await api('api/actors?' + qs({ q: input.value, limit: 10 }));
      form.querySelector('datalist').replaceChildren(...r.actors.map((x) => el('option', { value: x.code }, `${x.name} (${x.as_source + x.as_target})`)));
    } catch (_) { /* suggestions are optional */ }
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); location.hash = '#/actor?' + qs({ a: input.value.trim() }); });
  root.append(form);
  const p = await api('api/actor?' + qs({ a, top: 10 }));
  if (!current()) return;
  const names = p.names.slice(0, 6).map((n) => `${n.code} ${n.name}`).join(' · ');
  root.append(el('p', { class: 'muted' }, names || ''));
  root.append(el('div', { class: 'kpis' },
    el('div', { class: 'kpi' }, el('b', {}, p.events), 'events'),
    el('div', { class: 'kpi' }, el('b', {}, p.net ? signed(p.net.net) : '–'), 'net cooperation'),
    ...[1, 2, 3, 4].map((q) => el('div', { class: 'kpi' }, el('b', {}, p.quad[['', 'verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'][q]]), quadNames[q]))));
  const row = el('div', { class: 'row' });
  root.append(row);
  const table = (title, id, list) => {
    const t = el('table', { id }, el('tr', {}, el('th', {}, 'with'), el('th', { class: 'num' }, 'coop'), el('th', { class: 'num' }, 'conflict'), el('th', { class: 'num' }, 'net')));
    for (const c of list) {
      t.append(el('tr', {}, el('td', {}, el('a', { href: '#/dyad?' + qs({ a, b: c.actor }) }, c.actor)), el('td', { class: 'num' }, c.coop), el('td', { class: 'num' }, c.conflict), el('td', { class: 'num' }, c.net ? signed(c.net.net) : '–')));
    }
    row.append(el('div', { class: 'card' }, el('h2', {}, title), t));
  };
  table('Partners (most cooperative events)', 'partners', p.partners);
  table('Adversaries (most conflictual events)', 'adversaries', p.adversaries);
  const rc = el('div', { class: 'card' }, el('h2', {}, 'Event mix by CAMEO root'));
  root.append(rc);
  const c = chart(rc);
  c.div.id = 'roots-chart';
  c.c.setOption({
    animation: false, tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: p.roots.map((r) => r.key) }, yAxis: { type: 'value' },
    series: [{ type: 'bar', data: p.roots.map((r) => ({ value: r.count, itemStyle: { color: Number(r.key) <= 8 ? quadColors[2] : quadColors[4] } })) }],
  });
  c.div.dataset.points = String(p.roots.length);
  if (p.contexts.length) root.append(el('div', { class: 'card' }, el('h2', {}, 'PLOVER contexts'), ...p.contexts.map((x) => el('span', { class: 'tag' }, `${x.key} ${(100 * x.share).toFixed(0)}%`))));
  const cited = el('ol', { class: 'evidence', id: 'most-cited' });
  root.append(el('div', { class: 'card' }, el('h2', {}, 'Most cited events'), cited));
  const evs = await Promise.all(p.most_cited.slice(0, 10).map((id) => api('api/events/' + encodeURIComponent(id)).catch(() => null)));
  for (const ev of evs) if (ev) cited.append(evidenceItem({ ...ev, first: ev.mentions[0], segments: ev.mentions[0]?.segments }));
  ready('actor');
}

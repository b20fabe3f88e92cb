// event.js: one event — its codes and every sentence behind it, with the
// source, verb and target marked, the pattern that fired and the date
// resolution.
import { api, el, quadTag, ready, sentence } from './lib.js';

export async function eventPage(root, params) {
  const id = params.get('id');
  if (!id) {
    root.append(el('h1', {}, 'Event'), el('p', { class: 'muted' }, 'Open an event from an evidence list.'));
    ready('event');
    return;
  }
  const ev = await api('api/events/' + encodeURIComponent(id));
  const f = ev.first || {};
  root.append(el('h1', {}, `${ev.source.name || ev.source.code} → ${ev.target.name || ev.target.code}`));
  root.append(el('div', { class: 'card' }, el('dl', { class: 'facts', id: 'event-facts' },
    el('dt', {}, 'Event'), el('dd', {}, ev.id),
    el('dt', {}, 'Date'), el('dd', {}, `${ev.date} (precision: ${ev.date_precision})`),
    el('dt', {}, 'Source'), el('dd', {}, el('a', { href: `#/actor?a=${encodeURIComponent(ev.source.code)}` }, ev.source.code), ` ${ev.source.name || ''}`),
    el('dt', {}, 'Target'), el('dd', {}, el('a', { href: `#/actor?a=${encodeURIComponent(ev.target.code)}` }, ev.target.code), ` ${ev.target.name || ''}`),
    el('dt', {}, 'CAMEO'), el('dd', {}, `${ev.cameo} (root ${ev.root}) `, quadTag(ev.quad), ` Goldstein ${ev.goldstein}`),
    el('dt', {}, 'PLOVER'), el('dd', {}, [f.plover?.event, f.plover?.mode].filter(Boolean).join(' / ') || '–', ' ', ...(f.plover?.context || []).map((c) => el('span', { class: 'tag' }, c))),
    el('dt', {}, 'Reported'), el('dd', {}, `${ev.num_mentions} mentions in ${ev.num_articles} articles from ${ev.num_sources} sources`),
    el('dt', {}, 'Place'), el('dd', {}, ev.place ? [ev.place.name, ev.place.country].filter(Boolean).join(', ') : 'not known'),
    el('dt', {}, 'Dyad'), el('dd', {}, el('a', { href: `#/dyad?a=${encodeURIComponent(ev.source.code)}&b=${encodeURIComponent(ev.target.code)}` }, 'relations over time')))));

  root.append(el('h2', {}, `Evidence (${ev.mentions.length})`));
  const list = el('ol', { class: 'evidence', id: 'mentions' });
  for (const m of ev.mentions) {
    const pub = m.doc_date && !m.doc_date.startsWith('0001') ? m.doc_date.slice(0, 10) : 'unknown';
    list.append(el('li', { class: 'card' },
      sentence(m.segments, m.sentence_text),
      el('div', { class: 'meta' }, `source “${m.source.text}” (${m.source.kind || 'actor'}) · verb “${m.verb.text}” (lemma ${m.verb.lemma}) · target “${m.target.text}” (${m.target.kind || 'actor'})`),
      el('dl', { class: 'facts meta' },
        el('dt', {}, 'Pattern'), el('dd', { class: 'pattern' }, m.pattern || '–'),
        el('dt', {}, 'Date'), el('dd', {}, `${m.date} (${m.date_precision}), resolved from the sentence against the publication date ${pub}`),
        el('dt', {}, 'Modality'), el('dd', {}, `${m.modality || 'asserted'}${m.negated ? ', negated' : ''}, confidence ${m.confidence}`),
        el('dt', {}, 'Document'), el('dd', {}, m.doc_url ? el('a', { href: m.doc_url, rel: 'noopener noreferrer', target: '_blank' }, m.doc_title || m.doc_url) : (m.doc_title || m.doc_id),
          m.doc_source ? ` · ${m.doc_source}` : '', ` · sentence ${m.sentence + 1}`))));
  }
  root.append(list);
  ready('event');
}

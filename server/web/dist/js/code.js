// code.js: paste text, code it on the server (nothing is stored), show
// the events and the annotated sentences.
import { api, el, errorBox, quadTag, ready, sentence } from './lib.js';

const sample = `KABUL, March 3 (Reuters) - China's foreign minister Wang Yi met Taliban officials in Kabul on Thursday and promised humanitarian aid. Pakistan accused India of shelling villages near the border.`;

export async function code(root) {
  root.append(el('h1', {}, 'Code text'));
  const ta = el('textarea', { id: 'code-text', name: 'text' });
  ta.value = sample;
  const date = el('input', { type: 'date', id: 'code-date', value: new Date().toISOString().slice(0, 10) });
  const out = el('div', { id: 'code-out' });
  const btn = el('button', { type: 'submit', id: 'code-go' }, 'Code');
  const form = el('form', {}, ta, el('div', { class: 'controls', style: 'display:flex;gap:10px;margin:8px 0' },
    el('label', {}, 'Publication date ', date), btn));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    btn.disabled = true;
    out.replaceChildren(el('p', { class: 'muted' }, 'Coding…'));
    try {
      const res = await api('api/code', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: ta.value, date: date.value }) });
      show(out, res);
    } catch (err) {
      out.replaceChildren(errorBox(err));
    } finally {
      btn.disabled = false;
      ready('code-done');
    }
  });
  root.append(el('p', { class: 'muted' }, 'Paste a news paragraph. It is coded with the server’s dictionaries and nothing is stored.'), form, out);
  ready('code');
}

function show(out, res) {
  const evs = el('table', { id: 'code-events' }, el('tr', {}, ...['date', 'source', 'verb', 'target', 'CAMEO', 'quad', 'pattern'].map((h) => el('th', {}, h))));
  for (const e of res.events) {
    evs.append(el('tr', {}, el('td', {}, `${e.date} (${e.date_precision})`), el('td', {}, `${e.source.code} (${e.source.text})`), el('td', {}, e.verb.text),
      el('td', {}, `${e.target.code} (${e.target.text})`), el('td', {}, e.cameo), el('td', {}, quadTag(e.quad)), el('td', { class: 'meta' }, e.pattern)));
  }
  const sents = el('ol', { class: 'evidence', id: 'code-sentences' });
  for (const s of res.sentences) sents.append(el('li', { dataset: { events: String(s.events.length) } }, sentence(s.segments, s.text)));
  out.replaceChildren(
    el('div', { class: 'card' }, el('h2', {}, `${res.events.length} event${res.events.length === 1 ? '' : 's'} (dated against ${res.date})`), res.events.length ? evs : el('p', { class: 'muted' }, 'No events coded.')),
    el('div', { class: 'card' }, el('h2', {}, 'Sentences'), el('p', { class: 'meta legend' }, el('span', { class: 'sentence' }, el('span', { class: 'source' }, 'source'), ' ', el('span', { class: 'verb' }, 'verb'), ' ', el('span', { class: 'target' }, 'target'), ' ', el('span', { class: 'actor' }, 'other actor'))), sents),
    res.unknown.length ? el('p', { class: 'meta' }, 'Unknown names: ' + res.unknown.join(', ')) : '',
    res.story_discard ? el('p', { class: 'meta' }, 'Story discarded by: ' + res.story_discard) : '');
}

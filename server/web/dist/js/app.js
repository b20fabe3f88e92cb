// app.js: hash router of the dashboard (#/page?param=value).
import { api, disposeCharts, el, errorBox } from './lib.js';
import { overview } from './overview.js';
import { dyad } from './dyad.js';
import { blocs } from './blocs.js';
import { map } from './map.js';
import { actor } from './actor.js';
import { eventPage } from './event.js';
import { code } from './code.js';

const pages = { '': overview, dyad, blocs, map, actor, event: eventPage, code };

function parse() {
  const h = location.hash.replace(/^#\/?/, '');
  const [name, query] = h.split('?');
  return { name: name || '', params: new URLSearchParams(query || '') };
}

let seq = 0;
async function render() {
  const { name, params } = parse();
  const page = pages[name] || overview;
  const my = ++seq;
  delete document.body.dataset.ready;
  disposeCharts();
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', (a.dataset.page === 'overview' ? '' : a.dataset.page) === name);
  }
  const main = document.getElementById('app');
  const root = el('div', { dataset: { page: name || 'overview' } });
  main.replaceChildren(root);
  try {
    await page(root, params, () => my === seq);
  } catch (err) {
    if (my === seq) root.append(errorBox(err));
    document.body.dataset.ready = (name || 'overview') + '-error';
  }
}

window.addEventListener('hashchange', render);
render();
api('api/stats').then((s) => {
  document.getElementById('stats').textContent = `${s.documents.toLocaleString()} documents · ${s.events.toLocaleString()} events · ${s.mentions.toLocaleString()} mentions`;
}).catch(() => {});

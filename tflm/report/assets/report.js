'use strict';
// Every string below may come from the program under test (test ids, file names, source text, function
// names): it only ever becomes a text node, never markup.
const DATA = JSON.parse(document.getElementById('tflm-data').textContent);
const CLASSES = new Set(['fail', 'pass', 'other']);
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
function lineData(key) {  // own keys only: a key such as "__proto__" must not reach Object.prototype
  return Object.prototype.hasOwnProperty.call(DATA.lines, key) ? DATA.lines[key] : null;
}
function testItem(t) {
  const tt = DATA.tests[t];
  return el('li', tt.outcome + ': ' + tt.name, CLASSES.has(tt.cls) ? tt.cls : 'other');
}
function show(key) {
  document.querySelectorAll('.ln.sel').forEach(e => e.classList.remove('sel'));
  const line = document.getElementById('L:' + key);
  if (line) line.classList.add('sel');
  const d = lineData(key);
  const panel = document.getElementById('panel');
  if (!d) { panel.replaceChildren(el('p', 'Not an executable line.')); return; }
  const title = el('h2', key); title.id = 'detail-title';
  const score = el('p', DATA.method + ': ');
  score.append(el('b', Number(d.score).toPrecision(4)), ' (rank ' + d.rank + ')');
  const features = el('dl');
  for (const [k, v] of Object.entries(d.features)) features.append(el('dt', k), el('dd', v));
  const tests = el('ul'); tests.id = 'detail-tests';
  tests.append(...d.tests.map(testItem));
  if (d.n_tests > d.tests.length) tests.append(el('li', '… and ' + (d.n_tests - d.tests.length) + ' more'));
  panel.replaceChildren(title, score, features, el('h2', 'Tests that run it (' + d.n_tests + ')'), tests);
}
document.querySelectorAll('.ln.exec').forEach(e => e.addEventListener('click', () => show(e.dataset.key)));
document.querySelectorAll('table.top tbody tr').forEach(r => r.addEventListener('click', () => {
  show(r.dataset.key);
  const line = document.getElementById('L:' + r.dataset.key);
  if (line) line.scrollIntoView({block: 'center'});
}));
document.querySelectorAll('table.top th').forEach((th, i) => th.addEventListener('click', () => {
  const tb = th.closest('table').tBodies[0]; const rows = [...tb.rows];
  const asc = !th.classList.contains('sorted-asc');
  th.closest('tr').querySelectorAll('th').forEach(x => x.classList.remove('sorted-asc', 'sorted-desc'));
  th.classList.add(asc ? 'sorted-asc' : 'sorted-desc');
  const val = r => { const c = r.cells[i]; const n = parseFloat(c.dataset.v ?? c.textContent); return isNaN(n) ? c.textContent : n; };
  rows.sort((a, b) => {
    const x = val(a), y = val(b);
    const o = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
    return asc ? o : -o;
  });
  rows.forEach(r => tb.appendChild(r));
}));
if (DATA.top) show(DATA.top);

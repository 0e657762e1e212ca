const DATA = JSON.parse(document.getElementById('tflm-data').textContent);
function show(key){
  document.querySelectorAll('.ln.sel').forEach(e=>e.classList.remove('sel'));
  const el=document.getElementById('L:'+key); if(el){el.classList.add('sel');}
  const d=DATA.lines[key]; const panel=document.getElementById('panel');
  if(!d){panel.innerHTML='<p>Not an executable line.</p>';return;}
  let h='<h2 id="detail-title">'+key+'</h2><p>'+DATA.method+': <b>'+d.score.toPrecision(4)+'</b> (rank '+d.rank+')</p><dl>';
  for(const [k,v] of Object.entries(d.features)){h+='<dt>'+k+'</dt><dd>'+v+'</dd>';}
  h+='</dl><h2>Tests that run it ('+d.n_tests+')</h2><ul id="detail-tests">';
  for(const t of d.tests){const tt=DATA.tests[t];h+='<li class="'+tt.cls+'">'+tt.outcome+': '+tt.name+'</li>';}
  if(d.n_tests>d.tests.length){h+='<li>… and '+(d.n_tests-d.tests.length)+' more</li>';}
  panel.innerHTML=h+'</ul>';
}
document.querySelectorAll('.ln.exec').forEach(e=>e.addEventListener('click',()=>show(e.dataset.key)));
document.querySelectorAll('table.top tbody tr').forEach(r=>r.addEventListener('click',()=>{
  show(r.dataset.key); const el=document.getElementById('L:'+r.dataset.key); if(el) el.scrollIntoView({block:'center'});}));
document.querySelectorAll('table.top th').forEach((th,i)=>th.addEventListener('click',()=>{
  const tb=th.closest('table').tBodies[0]; const rows=[...tb.rows];
  const asc=!th.classList.contains('sorted-asc');
  th.closest('tr').querySelectorAll('th').forEach(x=>x.classList.remove('sorted-asc','sorted-desc'));
  th.classList.add(asc?'sorted-asc':'sorted-desc');
  const val=r=>{const c=r.cells[i];const n=parseFloat(c.dataset.v??c.textContent);return isNaN(n)?c.textContent:n;};
  rows.sort((a,b)=>{const x=val(a),y=val(b);const o=(typeof x==='number'&&typeof y==='number')?x-y:String(x).localeCompare(String(y));return asc?o:-o;});
  rows.forEach(r=>tb.appendChild(r));
}));
if(DATA.top){show(DATA.top);}

(function(){
const $=s=>document.querySelector(s), $$=s=>Array.from(document.querySelectorAll(s));
const DATA=JSON.parse($('#data').textContent), S=DATA.sources, EXPAND_MAX=100, DEBOUNCE_MS=200;
const sel=$('#source-filter'), words=$('#word-filter'), style=document.createElement('style');
document.head.appendChild(style);
const name=id=>S[id]?S[id][0]:id;
const plural=(n,one,many)=>n+' '+(n===1?one:(many||one+'s'));
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;
  if(text!=null)e.textContent=text;return e;}
const chip=id=>el('span','chip '+(S[id]?S[id][2]:'none'),name(id));
// c = [claim_id, source_id, certainty, attribution, cue, text, negated, source_text]
function claimItem(c,docId,withDoc){
  const li=el('li');li.dataset.source=c[1];
  if(withDoc){const a=el('a','id',docId+' '+c[0]);a.href='#doc-'+encodeURIComponent(docId);
    a.title=DATA.titles[docId];li.append(a,' ');}
  else li.append(el('b',null,c[0]),' ');
  li.append(chip(c[1]),' ',el('span','tag',c[2]),' ',el('span','tag',c[3]),' ',
    el('i',null,(c[7]?c[7]+' ':'')+c[4]),' ',c[5]);
  if(c[6])li.append(' ',el('span','tag','negated'));
  return li;
}
// tooltips (title) and data-source of every highlight of one article
function tooltips(d,root){
  const cl={};d.claims.forEach(c=>cl[c[0]]=c);
  const about=id=>{const c=cl[id];return c?'claim '+c[0]+' · source '+name(c[1])+' ('+
    (S[c[1]]?S[c[1]][1]:'')+') · certainty '+c[2]:'in no claim';};
  root.querySelectorAll('[data-claim]').forEach(x=>{const c=cl[x.dataset.claim];if(!c)return;
    x.title=about(c[0])+' · '+c[3]+(c[6]?' · negated':'');x.dataset.source=c[1];});
  root.querySelectorAll('[data-fig]').forEach(x=>{const f=d.figures[x.dataset.fig];if(!f)return;
    x.title='figure '+x.dataset.fig+': '+f[0]+(f[1]?'–'+f[1]:'')+' '+f[2]+' ('+f[3]+') · '+
      (f[4]?about(f[4]):'source '+name(f[5]));x.dataset.source=f[5];});
  root.querySelectorAll('[data-mention]').forEach(x=>{const e=d.entities[x.dataset.mention];
    if(!e)return;x.title=e[0]+' '+e[1]+' · role '+e[2]+' · '+about(e[3]);});
}
// with a source chosen, claim lists show that source's claims only
function filterItems(root){
  const src=sel.value;
  root.querySelectorAll('li[data-source]').forEach(li=>{li.hidden=!!src&&li.dataset.source!==src;});
}
function renderDoc(det){
  if(det.dataset.done)return;det.dataset.done='1';
  const d=DATA.docs[det.dataset.doc],body=det.querySelector('.body');
  if(d.html===null)body.append(el('p','muted','Text not available: texts.jsonl is missing '+
    'and the article could not be re-read unchanged.'));
  else{const t=el('div','text');t.innerHTML=d.html;tooltips(d,t);body.append(t);}
  const ol=el('ol','claims');d.claims.forEach(c=>ol.append(claimItem(c,det.dataset.doc,false)));
  body.append(el('h4',null,'Claims'),ol);filterItems(body);
}
function renderSource(det){
  if(det.dataset.done)return;det.dataset.done='1';
  const sid=det.dataset.source,ol=det.querySelector('ol');
  for(const [docId,d] of Object.entries(DATA.docs))
    d.claims.forEach(c=>{if(c[1]===sid)ol.append(claimItem(c,docId,true));});
}
// article bodies and claim lists are drawn when their section first opens
function render(t){
  if(t.classList.contains('doc'))renderDoc(t);else if(t.classList.contains('src'))renderSource(t);}
document.addEventListener('toggle',e=>{if(e.target.open)render(e.target);},true);
// Find looks at titles, ids, source names and the article text (plain text of the
// highlighted markup, made once per article on the first search)
const plain={};
function docText(id){
  if(!(id in plain)){const d=DATA.docs[id],t=document.createElement('template');
    t.innerHTML=d&&d.html?d.html:'';plain[id]=t.content.textContent.toLowerCase();}
  return plain[id];
}
function found(row,w){
  if(!w)return true;
  if(row.dataset.words.includes(w))return true;
  return docText(row.dataset.doc).includes(w);
}
function apply(){
  const src=sel.value, w=words.value.trim().toLowerCase(), opt=sel.selectedOptions[0];
  let shown=0;
  $$('.doc,.doc-row').forEach(el=>{
    const ok=(!src||el.dataset.sources.includes(' '+src+' '))&&found(el,w);
    el.hidden=!ok; if(ok&&el.classList.contains('doc')) shown++;
  });
  $$('details.src,tr.source').forEach(el=>{el.hidden=!!src&&el.dataset.source!==src;});
  $$('.group').forEach(g=>{g.hidden=!!src&&!g.dataset.sources.includes(' '+src+' ');});
  filterItems(document);
  // SVG has no `hidden`, and hiding bars would leave holes: other sources' bars fade
  $$('g.bar').forEach(g=>g.classList.toggle('dim',!!src&&g.dataset.source!==src));
  document.body.classList.toggle('filtered',!!src);
  const c=src?opt.dataset.css:'';
  style.textContent=src?'body.filtered main mark.figure.'+c+'{background:var(--m);'+
    'border-bottom-color:var(--c);font-weight:600}body.filtered main mark.entity.'+c+
    '{border-bottom-color:var(--c)}body.filtered main span.claim.'+c+
    '{background:var(--l)}':'';
  $('#shown').textContent=(src||w)?plural(shown,'article')+' shown':'';
  const hash=src?'#source='+encodeURIComponent(src):'';
  if(hash&&location.hash!==hash) history.replaceState(null,'',hash);
}
let timer=null;
function applySoon(){clearTimeout(timer);timer=setTimeout(apply,DEBOUNCE_MS);}
function openTarget(){
  const h=decodeURIComponent(location.hash.slice(1));
  if(h.startsWith('source=')){sel.value=h.slice(7);apply();return;}
  if(h.startsWith('find=')){words.value=h.slice(5);apply();return;}
  const el=document.getElementById(h);
  if(el&&el.tagName==='DETAILS'){el.open=true;render(el);el.scrollIntoView();}
}
sel.addEventListener('change',apply); words.addEventListener('input',applySoon);
$$('g.bar').forEach(g=>g.addEventListener('click',()=>{
  sel.value=sel.value===g.dataset.source?'':g.dataset.source;apply();}));
$('#expand').onclick=()=>$$('details.doc:not([hidden])').slice(0,EXPAND_MAX)
  .forEach(d=>{d.open=true;renderDoc(d);});
$('#collapse').onclick=()=>$$('details').forEach(d=>d.open=false);
$$('details.doc[open]').forEach(renderDoc);
window.addEventListener('hashchange',openTarget); openTarget();
})();

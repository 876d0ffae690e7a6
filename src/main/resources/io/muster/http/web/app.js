// Muster's web page: the queue, one job, the flows. Every figure comes from the server's control
// protocol (the same answers as the CLI); the server's events (Server-Sent Events) say when to ask again.
'use strict';

// location.origin, never a relative URL: a page opened as http://user:password@host/ has a base URL
// with the login in it, and fetch refuses such URLs (the browser sends the login it already has)
const origin = location.origin;
let me = { login: null, roles: [], unrestricted: true };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c === null || c === undefined ? '' : c);
  return e;
}

async function getJson(path) {
  const r = await fetch(origin + path, { credentials: 'same-origin', cache: 'no-store' });
  const body = await r.json().catch(() => ({ status: 'ERROR', message: r.status + ' ' + r.statusText }));
  if (!r.ok && !body.message) body.message = r.status + ' ' + r.statusText;
  return body;
}

async function post(path) {
  const r = await fetch(origin + path, { method: 'POST', credentials: 'same-origin',
    headers: { 'X-Muster-Request': '1' } });
  return r.json().catch(() => ({ status: 'ERROR', message: r.status + ' ' + r.statusText }));
}

function time(t) {
  if (!t) return '';
  const d = new Date(t);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString() : d.toLocaleString();
}

function stateSpan(job) {
  return el('span', { class: 'state ' + (job.group || '') }, job.state);
}

const ACTIVE = ['ACCEPTED', 'QUEUED', 'HELD', 'RUNNING', 'COMPLETING', 'SUSPENDED'];

// what the login's role allows: the server checks again, this only spares buttons that would be refused
function mayActOn(job) {
  if (me.unrestricted || me.roles.includes('admin')) return true;
  return me.roles.includes('submit') && me.login !== null && job.user === me.login;
}

function actions(job, after) {
  const span = el('span', { class: 'actions' });
  if (!mayActOn(job)) return span;
  if (ACTIVE.includes(job.state)) {
    const b = el('button', { class: 'cancel', 'data-job': job.jobId, title: 'cancel this job' }, 'Cancel');
    b.onclick = async () => {
      b.disabled = true;
      const a = await post('/api/cancel?id=' + encodeURIComponent(job.jobId));
      const r = (a.results || [])[0];
      if (!r || r.result === 'FAILED' || r.result === 'NOT_FOUND') alert((r && r.message) || a.message || 'cancel failed');
      after();
    };
    span.append(b);
  } else if (job.state !== 'REJECTED') {
    const b = el('button', { class: 'resubmit', 'data-job': job.jobId, title: 'run it again as a new job' }, 'Resubmit');
    b.onclick = async () => {
      b.disabled = true;
      const a = await post('/api/resubmit?id=' + encodeURIComponent(job.jobId));
      if (a.status === 'ACCEPTED') location.href = '/job/' + encodeURIComponent(a.jobId);
      else { alert(a.message || JSON.stringify(a.violations || a)); after(); }
    };
    span.append(b);
  }
  return span;
}

// ---- the queue ----

function filterQuery() {
  const f = new FormData(document.getElementById('filters'));
  const q = new URLSearchParams();
  for (const [k, v] of f.entries()) if (v) q.set(k, v);
  return q;
}

async function loadQueue() {
  const q = filterQuery();
  history.replaceState(null, '', q.toString() && q.toString() !== 'state=all' ? '/?' + q : '/');
  const answer = await getJson('/api/queue?' + q);
  const err = document.getElementById('queue-error');
  const body = document.querySelector('#jobs tbody');
  if (answer.status !== 'OK') { err.hidden = false; err.textContent = answer.message; return; }
  err.hidden = true;
  const jobs = answer.jobs.slice().reverse(); // latest first
  const rows = jobs.map(j => el('tr', { 'data-job': j.jobId, 'data-state': j.state },
    el('td', {}, el('a', { href: '/job/' + encodeURIComponent(j.jobId) }, j.jobId)),
    el('td', { class: 'wrap' }, j.name), el('td', {}, j.user || ''), el('td', {}, j.backend || ''),
    el('td', { class: 'state ' + j.group }, j.state), el('td', {}, j.exitCode === null ? '' : String(j.exitCode)),
    el('td', {}, time(j.submitted)), el('td', {}, time(j.started)), el('td', {}, time(j.ended)),
    el('td', {}, actions(j, loadQueue))));
  body.replaceChildren(...rows);
  const counts = {};
  for (const j of answer.jobs) counts[j.state] = (counts[j.state] || 0) + 1;
  document.getElementById('counts').textContent =
    Object.entries(counts).map(([s, n]) => n + ' ' + s.toLowerCase()).join(', ') || 'no jobs';
}

async function loadChart() {
  const s = await getJson('/api/stats');
  if (!s.minutes) return;
  const svg = document.getElementById('chart');
  const W = 720, H = 160, n = s.minutes.length, bw = W / n;
  const maxJobs = Math.max(1, ...s.minutes.map(m => m.completed + m.failed));
  const cores = Math.max(1, ...s.minutes.map(m => m.cores));
  document.getElementById('pool-cores').textContent = String(cores);
  const ns = 'http://www.w3.org/2000/svg';
  const parts = [];
  let line = '';
  s.minutes.forEach((m, i) => {
    const hg = (m.completed / maxJobs) * (H - 20), hb = (m.failed / maxJobs) * (H - 20);
    const g = document.createElementNS(ns, 'rect');
    g.setAttribute('x', i * bw + 1); g.setAttribute('width', bw - 2); g.setAttribute('y', H - hg); g.setAttribute('height', hg);
    g.setAttribute('fill', '#2f9e44');
    const t = document.createElementNS(ns, 'title');
    t.textContent = time(m.start) + ': ' + m.completed + ' completed, ' + m.failed + ' ended badly, ' + m.coresBusy + '/' + m.cores + ' cores busy';
    g.append(t);
    const b = document.createElementNS(ns, 'rect');
    b.setAttribute('x', i * bw + 1); b.setAttribute('width', bw - 2); b.setAttribute('y', H - hg - hb); b.setAttribute('height', hb);
    b.setAttribute('fill', '#d6336c');
    parts.push(g, b);
    line += (i ? 'L' : 'M') + (i * bw + bw / 2).toFixed(1) + ',' + (H - 4 - (m.coresBusy / cores) * (H - 24)).toFixed(1);
  });
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', line); p.setAttribute('fill', 'none'); p.setAttribute('stroke', '#1c7ed6'); p.setAttribute('stroke-width', '2');
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', 4); label.setAttribute('y', 14); label.setAttribute('font-size', '11'); label.setAttribute('fill', '#667085');
  label.textContent = 'max ' + maxJobs + ' jobs/min · ' + new Date(s.minutes[0].start).toLocaleTimeString() + ' – now';
  svg.replaceChildren(...parts, p, label);
}

// ---- one job ----

let jobId = null;

async function loadJob() {
  const a = await getJson('/api/job?id=' + encodeURIComponent(jobId));
  const err = document.getElementById('job-error');
  if (a.status !== 'OK') { err.hidden = false; err.textContent = a.message; return; }
  err.hidden = true;
  const j = a.job;
  document.title = 'Muster: ' + j.jobId + ' ' + j.state;
  const st = document.getElementById('job-state');
  st.className = 'state ' + j.group; st.textContent = j.state;
  document.getElementById('job-actions').replaceChildren(actions(j, loadJob));
  const facts = [['name', j.name], ['command', j.command], ['user', j.user], ['backend', j.backend],
    ['scheduler id', j.schedulerId], ['exit code', j.exitCode === null ? '' : String(j.exitCode)],
    ['reason', j.reason], ['submitted', time(j.submitted)], ['started', time(j.started)], ['ended', time(j.ended)],
    ['resubmitted from', j.resubmittedFrom], ['directory', j.workDir]];
  const dl = document.getElementById('job-facts');
  dl.replaceChildren(...facts.filter(f => f[1]).flatMap(([k, v]) =>
    [el('dt', {}, k), el('dd', { id: k === 'exit code' ? 'exit-code' : null }, v)]));
  const opts = Object.entries(j.options || {}).map(([k, v]) =>
    el('tr', {}, el('th', {}, k), el('td', { class: 'wrap' }, typeof v === 'object' ? JSON.stringify(v) : String(v))));
  document.querySelector('#options tbody').replaceChildren(...opts);
  const hist = (j.history || []).map(h => el('tr', {}, el('td', { class: 'state' }, h.state), el('td', {}, time(h.at)),
    el('td', { class: 'wrap' }, h.reason || '')));
  document.querySelector('#history tbody').replaceChildren(...hist);
  for (const stream of ['stdout', 'stderr']) {
    const o = await getJson('/api/output?stream=' + stream + '&id=' + encodeURIComponent(jobId));
    document.getElementById(stream).textContent = o.status === 'OK' ? o.text : (o.message || '');
    document.getElementById(stream + '-note').textContent = o.tail || o.truncated ? '(the end of it)' : '';
  }
}

// ---- flows ----

async function loadFlows() {
  const a = await getJson('/api/flows');
  const box = document.getElementById('flows');
  if (!a.flows || a.flows.length === 0) { box.replaceChildren(el('p', { class: 'hint' }, 'No flow has run since the server started.')); return; }
  const stepRow = s => el('tr', {}, el('td', {}, s.step), el('td', {}, s.batchStatus), el('td', {}, s.exitStatus || ''),
    el('td', {}, s.jobId ? el('a', { href: '/job/' + encodeURIComponent(s.jobId) }, s.jobId) : ''),
    el('td', {}, s.jobState || ''), el('td', {}, time(s.started)), el('td', {}, time(s.ended)));
  const head = el('tr', {}, ...['step', 'status', 'exit', 'job', 'job state', 'started', 'ended'].map(h => el('th', {}, h)));
  box.replaceChildren(...a.flows.map(f => el('div', { class: 'flow', 'data-execution': String(f.executionId) },
    el('h3', {}, f.flow + ' · execution ' + f.executionId + ' · ', el('span', { class: 'state' }, f.batchStatus), ' ',
      el('span', { class: 'hint' }, time(f.started) + (f.ended ? ' – ' + time(f.ended) : ''))),
    el('table', {}, el('thead', {}, head.cloneNode(true)), el('tbody', {}, ...(f.steps || []).map(stepRow))))));
}

// ---- live updates ----

function debounce(f, ms) {
  let t = null;
  return () => { if (t) return; t = setTimeout(() => { t = null; f(); }, ms); };
}

function follow(onJob, onFlow) {
  const live = document.getElementById('live');
  const es = new EventSource(origin + '/api/events');
  es.onopen = () => { live.className = 'live on'; live.textContent = 'live'; onJob(null); };
  es.onerror = () => {
    live.className = 'live off';
    live.textContent = 'reconnecting…';
    // an answer that is not 200 (503: every stream taken) closes an EventSource for good: ask again later
    if (es.readyState === EventSource.CLOSED) {
      setTimeout(() => follow(onJob, onFlow), 5000);
    }
  };
  es.addEventListener('job', e => onJob(JSON.parse(e.data)));
  es.addEventListener('flow', e => onFlow(JSON.parse(e.data)));
}

async function main() {
  me = await getJson('/api/me');
  document.getElementById('login').textContent = me.unrestricted ? 'no logins on this server'
    : 'logged in as ' + me.login + ' (' + me.roles.join(', ') + ')';
  const path = location.pathname;
  if (path.startsWith('/job/')) {
    jobId = decodeURIComponent(path.substring(5));
    document.getElementById('job-id').textContent = jobId;
    document.getElementById('job-view').hidden = false;
    await loadJob();
    const again = debounce(loadJob, 200);
    follow(e => { if (!e || e.jobId === jobId) again(); }, () => {});
  } else if (path === '/flows') {
    document.getElementById('flows-view').hidden = false;
    await loadFlows();
    follow(() => {}, debounce(loadFlows, 300));
  } else {
    const params = new URLSearchParams(location.search);
    const form = document.getElementById('filters');
    for (const [k, v] of params.entries()) if (form.elements[k]) form.elements[k].value = v;
    form.addEventListener('input', debounce(loadQueue, 300));
    form.addEventListener('submit', e => { e.preventDefault(); loadQueue(); });
    document.getElementById('queue-view').hidden = false;
    await Promise.all([loadQueue(), loadChart()]);
    const again = debounce(() => { loadQueue(); loadChart(); }, 250);
    follow(again, () => {});
    setInterval(loadChart, 30000);
  }
}

main();

// Workers: the Quartz cluster nodes checking in and what each worker slot is running.
import { getOptional } from './api.js';
import { h, mount, section, table } from './dom.js';
import { fmtAge, fmtDate, fmtDuration, fmtInt } from './format.js';
import { poll } from './live.js';

const plural = (n, word) => `${fmtInt(n)} ${word}${n === 1 ? '' : 's'}`;
// Workers report several times a minute; a longer silence is worth a look before the sweeper acts.
const STALE_MS = 30_000;
const stale = (iso) => Boolean(iso) && Date.now() - new Date(iso).getTime() > STALE_MS;

export function workersView(root) {
  const error = h('p', { class: 'error', role: 'alert' });
  const nodes = h('div', {}, h('p', { class: 'hint' }, 'Loading…'));
  const workers = h('div');
  mount(root, h('div', { class: 'page-head' }, h('h1', {}, 'Workers')), error,
    section('Cluster nodes', h('p', { class: 'hint' }, 'Scheduler instances that checked in to the clustered job store, with the trainers each runs: a study\'s trials go only to nodes that have its trainer.'), nodes),
    section('Worker slots and running trials', workers));

  async function refresh() {
    const data = await getOptional('/workers');
    error.textContent = '';
    if (!data) {
      mount(nodes, h('p', { class: 'hint' }, 'This service does not list workers yet.'));
      mount(workers);
      return false;
    }
    const list = data.nodes || [];
    mount(nodes, list.length ? table([
      { label: 'Instance', cell: (n) => h('code', {}, n.instance) },
      {
        label: 'Trainers',
        // Names as written (they are what a spec's workload.trainer names), so code, not capitalized badges.
        cell: (n) => h('span', { 'data-testid': 'node-trainers' }, (n.trainers || []).flatMap((t, i) => [i ? ', ' : null,
          h('code', {}, t), t === 'dl4j' ? ' (built-in)' : null])),
      },
      { label: 'Last check-in', class: 'nowrap', cell: (n) => `${fmtAge(n.lastCheckin)} (${fmtDate(n.lastCheckin)})` },
      { label: 'Check-in interval', class: 'num', cell: (n) => fmtDuration((n.checkinIntervalMillis || 0) / 1000) },
      {
        label: 'Health', cell: (n) => {
          const late = (Date.now() - new Date(n.lastCheckin).getTime()) > 2 * (n.checkinIntervalMillis || 15000);
          return h('span', { class: `badge ${late ? 'check-warn' : 'check-pass'}` }, late ? 'late' : 'alive');
        },
      },
    ], list, { class: 'data', 'data-testid': 'nodes-table' }) : h('p', { class: 'empty' }, 'No node has checked in.'));

    const ws = data.workers || [];
    const running = ws.reduce((n, w) => n + (w.running || []).length, 0);
    mount(workers,
      h('p', {}, `${plural(ws.length, 'worker')}, ${plural(running, 'trial')} running.`),
      ws.length ? table([
        { label: 'Worker', cell: (w) => h('strong', {}, w.name) },
        { label: 'Last seen', class: 'nowrap', cell: (w) => fmtAge(w.lastSeen) },
        {
          label: 'Running',
          cell: (w) => ((w.running || []).length ? h('ul', { class: 'running' }, w.running.map((r) => h('li', {},
            h('a', { href: `#/trials/${r.trialId}` }, `trial #${r.trialId}`), ` (${r.arm}, attempt ${r.attempt}) of `,
            h('a', { href: `#/studies/${r.studyId}` }, r.studyName || `study ${r.studyId}`),
            h('span', { class: 'hint' }, ` · started ${fmtAge(r.startedAt)}, heartbeat ${fmtAge(r.lastHeartbeatAt)}`),
            stale(r.lastHeartbeatAt) ? h('span', { class: 'badge check-warn' }, 'no recent heartbeat') : null))) : h('span', { class: 'hint' }, 'idle')),
        },
      ], ws, { class: 'data', 'data-testid': 'workers-table' }) : h('p', { class: 'empty' }, 'No worker has reported yet.'));
    return true;
  }

  const poller = poll(refresh, 3000, (e) => {
    error.textContent = `Could not load workers: ${e.message}`;
  });
  return () => poller.stop();
}

/**
 * The local TikTok stand-in (@pixelpair/emulator) in its own process, so the client being
 * measured and the server answering it do not take turns on one core. Started with fork();
 * answers { apiUrl } once listening, then { events } for 'count' and { ok } for a fault spec.
 */
import { execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@pixelpair/emulator';

async function serve() {
  const emulator = await startEmulator({ detailLimit: 0 });
  process.on('message', (m) => {
    if (m.type === 'count') process.send({ id: m.id, events: emulator.records({ summary: true }).totals.events });
    else if (m.type === 'faults') { m.spec ? emulator.faults.set(m.spec) : emulator.faults.clear(); process.send({ id: m.id, ok: true }); }
  });
  process.send({ apiUrl: emulator.apiUrl, url: emulator.url });
  process.on('disconnect', () => process.exit(0));
}

/** Starts the stand-in, pinned to `core` when taskset is available (the bench itself runs on core 0). */
export async function startStandIn({ core = 1 } = {}) {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try { execFileSync('taskset', ['-a', '-p', '-c', String(core), String(child.pid)], { stdio: 'ignore' }); } catch { /* no taskset: shares the cores */ }
  const { apiUrl, url } = await new Promise((resolve) => child.once('message', resolve));
  let seq = 0;
  const ask = (msg) => new Promise((resolve) => {
    const id = ++seq;
    const on = (m) => { if (m.id === id) { child.off('message', on); resolve(m); } };
    child.on('message', on);
    child.send({ ...msg, id });
  });
  return {
    apiUrl,
    url,
    events: async () => (await ask({ type: 'count' })).events,
    faults: (spec) => ask({ type: 'faults', spec }),
    close: () => new Promise((resolve) => { child.once('exit', resolve); child.kill(); }),
  };
}

if (process.argv[2] === 'serve' && process.argv[1] === fileURLToPath(import.meta.url)) await serve();

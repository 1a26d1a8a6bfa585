// Real OS processes on one SQLite file: events cross the process boundary both ways, and when the
// leading process is killed (no goodbye, its lease left behind) another takes the timers over.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, expect, it, vi } from 'vitest';
import { sharedDatabase, type SharedDatabase } from './cores';

let db: SharedDatabase;
let child: ChildProcessWithoutNullStreams | null = null;

afterEach(async () => {
  child?.kill('SIGKILL');
  await db.dispose();
});

interface ChildLine {
  ready?: boolean;
  leader?: boolean;
  wrote?: boolean;
  event?: string;
  payload?: { topics?: string[] };
}

function startChild(): {
  lines: ChildLine[];
  next(matches: (l: ChildLine) => boolean, ms?: number): Promise<ChildLine>;
} {
  child = spawn(
    // Node itself with tsx's loader, not the tsx launcher: a kill must reach the core's own process.
    process.execPath,
    [
      '--import',
      'tsx',
      'test/unit/live/fixtures/core-process.ts',
      db.file,
      String(db.clock.now),
      String(db.ids.lead),
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: ChildLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(JSON.parse(text) as ChildLine);
    for (const wake of waiters) wake();
  });
  return {
    lines,
    next(matches, ms = 1000) {
      return new Promise((resolve, reject) => {
        const wake = () => {
          const found = lines.find(matches);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(`the child process did not report in ${ms} ms: ${JSON.stringify(lines)} ${stderr}`),
          );
        }, ms);
        waiters.add(wake);
        wake();
      });
    },
  };
}

it(
  'carries events both ways between two OS processes and survives the leader being killed',
  { timeout: 90_000 },
  async () => {
    db = await sharedDatabase();
    const parent = await db.start();
    const other = startChild();
    // Starting tsx takes a while on a busy machine; the events below must be quick.
    const ready = await other.next((l) => l.ready === true, 60_000);
    expect(ready.leader).toBe(false);
    expect(parent.leadership.isLeader).toBe(true);

    const lead = await parent.signedIn(db.ids.lead);
    await parent.call(lead, 'settings.update', { preBreachMinutes: 25 });
    await other.next((l) => l.event === 'data.changed' && (l.payload?.topics ?? []).includes('settings'));

    child?.stdin.write('15\n');
    await other.next((l) => l.wrote === true, 5000);
    await parent.hear('data.changed', (c) => c.topics.includes('settings'));
    expect((await parent.call(lead, 'settings.get', {})).preBreachMinutes).toBe(15);

    // The parent closes: the child takes the timers over at once (the lease was handed back).
    await parent.close();
    await other.next((l) => l.leader === true, 5000);
    // A new process joins as a follower; the leader is then killed without handing anything back.
    const successor = await db.start();
    expect(successor.leadership.isLeader).toBe(false);
    child?.kill('SIGKILL');
    // The lease lasts a second (FAST): the follower takes over once it has expired.
    await vi.waitFor(() => expect(successor.leadership.isLeader).toBe(true), { timeout: 5000, interval: 20 });
  },
);

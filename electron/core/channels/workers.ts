// The channel workers (mail delivery, mail intake) run on the process that leads the database, like
// the other timers: one sender and one reader per database, however many processes share it.
import type { Core } from '../api/context';
import { startMailIn } from './mail-in/worker';
import { startMailOut } from './mail-out/worker';

export interface ChannelWorker {
  readonly name: string;
  stop(): Promise<void>;
}

type StartWorker = (core: Core) => Promise<ChannelWorker>;

/** Each channel adds its starter here. */
const starters: StartWorker[] = [startMailOut, (core) => startMailIn(core)];

export async function startChannelWorkers(core: Core): Promise<ChannelWorker[]> {
  const started: ChannelWorker[] = [];
  for (const start of starters) started.push(await start(core));
  return started;
}

export async function stopChannelWorkers(workers: ChannelWorker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.stop()));
}

// Serve mode as its own process, for the queue-ui bench's cold start: the same startCore and
// startServer that `npm run serve` runs, on the bench's fixed clock (argv: database, renderer
// folder, now in epoch ms). Prints the same "Serving at" line; SIGTERM closes it cleanly.
import { startCore } from '../../electron/core/app';
import { startServer } from '../../electron/core/serve/server';

async function main(): Promise<void> {
  const [dbFile, staticDir, nowText] = process.argv.slice(2);
  const now = Number(nowText);
  if (!dbFile || !staticDir || !Number.isFinite(now)) {
    throw new Error('usage: serve-process.ts DB STATIC_DIR NOW_EPOCH_MS');
  }
  const running = await startCore({ dbFile, demo: false, now: () => now });
  const server = await startServer({
    running,
    staticDir,
    port: 0,
    token: process.env.SUPPORT_CONSOLE_TOKEN,
  });
  console.log(`Serving at ${server.url}`);
  process.on('SIGTERM', () => {
    void server
      .close()
      .then(() => running.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

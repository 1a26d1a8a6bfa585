// `npm run serve`: the core under plain Node, served to a browser on 127.0.0.1.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../app';
import { isPostgresUrl, redactUrl } from '../store/postgres';
import { defaultDatabaseFile } from '../paths';
import { startServer } from './server';

const usage = 'Usage: npm run serve -- [--db PATH|postgres://URL] [--port N] [--rules PATH] [--no-demo]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string', default: '5180' },
        rules: { type: 'string' },
        'no-demo': { type: 'boolean', default: false },
        static: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number from 0 to 65535.\n${usage}`);
  // A fixed token lets a test runner (which cannot read this process's output) call the API.
  const token = process.env.SUPPORT_CONSOLE_TOKEN;
  if (token !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(token)) {
    fail('SUPPORT_CONSOLE_TOKEN must be at least 16 characters of A-Z, a-z, 0-9, _ or -.');
  }
  // A postgres:// URL names a team database; anything else is a SQLite file path.
  const location = values.db ?? defaultDatabaseFile();
  const dbFile = isPostgresUrl(location) ? location : resolve(location);
  const staticDir = resolve(values.static ?? 'out/renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    fail(`The renderer is not built (no ${staticDir}/index.html): run \`npm run build\` first.`);
  }

  let running;
  try {
    running = await startCore({ dbFile, rulesFile: values.rules, demo: !values['no-demo'] });
  } catch (error) {
    fail((error as Error).message);
  }
  let server;
  try {
    server = await startServer({ running, staticDir, port, token });
  } catch (error) {
    await running.close();
    fail(`Cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
  }
  console.log(`Serving at ${server.url}`);
  console.log(`Database: ${isPostgresUrl(dbFile) ? redactUrl(dbFile) : dbFile}`);
  console.log(`Rules: ${running.core.rules.name} (${running.core.rules.id}@${running.core.rules.version})`);

  const stop = async () => {
    await server.close();
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

void main();

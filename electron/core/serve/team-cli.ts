// `npm run server`: the team server, `npm run server -- create-lead` to make its first lead, and
// `npm run server -- import --from file.sqlite` to move a desktop database into a team database.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startCore } from '../app';
import { createLead } from '../identity/create-lead';
import { generatePassword } from '../identity/password';
import { IMPORT_USAGE, runImportCommand } from '../server/import-command';
import { isPostgresUrl, redactUrl } from '../store/postgres';
import { clockFromEnv, FAKE_NOW_ENV } from './clock';
import { startServer } from './server';

const usage = [
  'Usage:',
  '  npm run server -- --database <postgres://… | file.sqlite> --listen HOST:PORT',
  '                    [--tls-cert FILE --tls-key FILE] [--trust-proxy] [--rules FILE]',
  '  npm run server -- create-lead --database <…> --email ADDRESS [--name NAME] [--zone ZONE]',
  '                    (the password is read from standard input, or asked for; empty: one is generated)',
  `  ${IMPORT_USAGE.replace(/^Usage: /, '')}`,
].join('\n');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function databaseOf(value: string | undefined): string {
  if (!value) fail(`--database is required.\n${usage}`);
  return isPostgresUrl(value) ? value : resolve(value);
}

function parseListen(value: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port > 65535) return null;
  return { host: (match[1] ?? match[2])!, port };
}

async function serve(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        database: { type: 'string' },
        listen: { type: 'string', default: '127.0.0.1:8080' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'trust-proxy': { type: 'boolean', default: false },
        rules: { type: 'string' },
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
  const database = databaseOf(values.database);
  const listen = parseListen(values.listen);
  if (!listen) fail(`--listen must be HOST:PORT (e.g. 0.0.0.0:8443 or [::]:8443), not "${values.listen}".`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    fail('--tls-cert and --tls-key go together: give both or neither.');
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values['tls-cert'] && values['tls-key']) {
    try {
      tls = { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) };
    } catch (error) {
      fail(`Cannot read the TLS certificate or key: ${(error as Error).message}`);
    }
  }
  const staticDir = resolve(values.static ?? 'out/renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    fail(`The renderer is not built (no ${staticDir}/index.html): run \`npm run build\` first.`);
  }
  // Tests run the server on a fixed instant, as serve mode does; never set outside tests.
  let now;
  try {
    now = clockFromEnv(process.env[FAKE_NOW_ENV]);
  } catch (error) {
    fail((error as Error).message);
  }
  let running;
  try {
    running = await startCore({
      dbFile: database,
      rulesFile: values.rules,
      demo: false,
      now,
      identity: { requirePasswords: true },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  let server;
  try {
    server = await startServer({
      running,
      staticDir,
      port: listen.port,
      team: { host: listen.host, tls, trustProxy: values['trust-proxy'] },
    });
  } catch (error) {
    await running.close();
    fail(`Cannot listen on ${values.listen}: ${(error as Error).message}`);
  }
  console.log(`Team server at ${server.url}`);
  console.log(`Database: ${isPostgresUrl(database) ? redactUrl(database) : database}`);
  if (now) console.log(`Clock: fake, started at ${new Date(now()).toISOString()} (${FAKE_NOW_ENV})`);
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(listen.host);
  if (!tls && !values['trust-proxy'] && !loopback) {
    console.warn(
      'Warning: plain HTTP on the network: passwords and session cookies travel unencrypted. ' +
        'Give --tls-cert/--tls-key, or put an HTTPS reverse proxy in front and pass --trust-proxy.',
    );
  }
  const leads = await running.core.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'lead')
    .where('active', '=', 1)
    .where('password_hash', 'is not', null)
    .executeTakeFirst();
  if (!leads)
    console.log('No lead can sign in yet: run `npm run server -- create-lead --database … --email …`.');

  const stop = async () => {
    await server.close();
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Reads a password without echoing it on a terminal, or the first line of piped input. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      lines.close();
      return line;
    }
    return '';
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolveAnswer) => {
      process.stdout.write(prompt);
      const stdin = process.stdin;
      stdin.setRawMode(true);
      stdin.resume();
      let typed = '';
      const onData = (chunk: Buffer) => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stdout.write('\n');
            resolveAnswer(typed);
            return;
          }
          if (char === '\u0003') process.exit(130);
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      stdin.on('data', onData);
    });
  const first = await ask('Password for the lead (empty: generate one): ');
  if (first === '') return '';
  const again = await ask('Same password again: ');
  if (again !== first) fail('The two passwords differ; nothing was changed.');
  return first;
}

async function createLeadCommand(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        database: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        zone: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const database = databaseOf(values.database);
  if (!values.email) fail(`--email is required.\n${usage}`);
  const typed = await readPassword();
  const generated = typed === '';
  const password = generated ? generatePassword() : typed;
  let running;
  try {
    running = await startCore({ dbFile: database, demo: false, identity: { requirePasswords: true } });
  } catch (error) {
    fail((error as Error).message);
  }
  try {
    const result = await createLead(running.core, {
      email: values.email,
      name: values.name,
      zone: values.zone,
      password,
    });
    console.log(
      result.created
        ? `Lead ${values.email} created (staff #${result.id}).`
        : `${values.email} (staff #${result.id}) is now a lead with a password.`,
    );
    if (generated) console.log(`Password (shown once, change it after signing in): ${password}`);
  } catch (error) {
    await running.close();
    fail((error as Error).message);
  }
  await running.close();
}

const [first, ...rest] = process.argv.slice(2);
if (first === 'create-lead') void createLeadCommand(rest);
else if (first === 'import') process.exitCode = await runImportCommand(rest);
else void serve(process.argv.slice(2));

// The command lines as a person types them: `npm run serve` options and `npm run seed`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../electron/core/rules';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
let dir: string;
let staticDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-cli-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts serve mode, waits for its URL line, runs `use`, then stops it. */
async function withServer(args: string[], use: (url: URL) => Promise<void>): Promise<void> {
  const child = spawn(tsx, ['electron/core/serve/cli.ts', '--port', '0', '--static', staticDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('Serving at http://127.0.0.1:'));
        if (line) resolve(new URL(line.slice('Serving at '.length).trim()));
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    await use(url);
  } finally {
    child.kill('SIGTERM');
  }
}

async function call(url: URL, method: string, input: unknown) {
  const response = await fetch(new URL(`/api/call/${method}`, url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-support-token': url.searchParams.get('token') ?? '',
      'x-support-session': 'cli-test-session',
    },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
}

describe('npm run serve', () => {
  it('keeps an empty database empty with --no-demo, on a free port with a fresh token', async () => {
    await withServer(['--db', join(dir, 'empty.sqlite'), '--no-demo'], async (url) => {
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.port).not.toBe('0');
      expect(url.searchParams.get('token')?.length).toBeGreaterThanOrEqual(16);
      expect(await call(url, 'staff.list', {})).toEqual({ ok: true, value: [] });
    });
  });

  it('fills a new database with demo data by default', async () => {
    await withServer(['--db', join(dir, 'demo.sqlite')], async (url) => {
      const staff = await call(url, 'staff.list', {});
      expect((staff.value as unknown[]).length).toBe(9);
    });
  });

  it('loads another rule set with --rules', async () => {
    const rules = structuredClone(defaultRuleSet);
    rules.id = 'acme';
    rules.name = 'Acme support rules';
    const file = join(dir, 'acme.json');
    writeFileSync(file, JSON.stringify(rules));
    await withServer(['--db', join(dir, 'acme.sqlite'), '--no-demo', '--rules', file], async (url) => {
      const summary = await call(url, 'rules.summary', {});
      expect(summary.value).toMatchObject({ id: 'acme', name: 'Acme support rules', version: 'acme@1' });
    });
  });

  it.each([
    [
      'an invalid rule set, naming the bad field',
      ['--rules', 'BROKEN'],
      /channels\[1\]\.calendar\.windows\[0\]\.close/,
    ],
    ['a rule set that is not JSON', ['--rules', 'NOTJSON'], /not valid JSON/],
    ['a bad port', ['--port', 'eighty'], /--port must be a whole number/],
    ['an unknown option', ['--colour'], /Unknown option '--colour'/],
  ])('refuses %s in one clear message', (_name, extra, message) => {
    const broken = structuredClone(defaultRuleSet) as unknown as {
      channels: { calendar: { windows: { close: string }[] } }[];
    };
    const window = broken.channels[1]?.calendar.windows[0];
    if (window) window.close = '25:99';
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    writeFileSync(join(dir, 'notjson.json'), '{ nope');
    const args = extra.map((a) =>
      a === 'BROKEN' ? join(dir, 'broken.json') : a === 'NOTJSON' ? join(dir, 'notjson.json') : a,
    );
    const result = spawnSync(
      tsx,
      ['electron/core/serve/cli.ts', '--db', join(dir, 'refused.sqlite'), '--static', staticDir, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run seed', () => {
  it('builds a deterministic data set of the requested size and refuses to fill a non-empty database', () => {
    const db = join(dir, 'seeded.sqlite');
    const args = ['scripts/seed.ts', '--customers', '50', '--tickets', '300', '--db', db, '--seed', '7'];
    const first = spawnSync(tsx, args, { encoding: 'utf8', timeout: 120_000 });
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/300/);
    const second = spawnSync(tsx, args, { encoding: 'utf8', timeout: 120_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already has/);
  });
});

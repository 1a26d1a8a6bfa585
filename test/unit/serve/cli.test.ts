// The command lines as a person types them: `npm run serve` options and `npm run seed`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../../../electron/core/rules';
import { rendererFolder, runScript, withServerProcess } from '../../support/serve';

let dir: string;
let staticDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-cli-'));
  staticDir = rendererFolder(join(dir, 'renderer'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts serve mode, waits for its URL line, runs `use`, then stops it. */
const withServer = (args: string[], use: (url: URL) => Promise<void>) =>
  withServerProcess(
    'electron/core/serve/cli.ts',
    ['--port', '0', '--static', staticDir, ...args],
    'Serving at ',
    use,
  );

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
    const result = runScript('electron/core/serve/cli.ts', [
      '--db',
      join(dir, 'refused.sqlite'),
      '--static',
      staticDir,
      ...args,
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});

describe('npm run seed', () => {
  it('builds a deterministic data set of the requested size and refuses to fill a non-empty database', () => {
    const db = join(dir, 'seeded.sqlite');
    const args = ['--customers', '50', '--tickets', '300', '--db', db, '--seed', '7'];
    const first = runScript('scripts/seed.ts', args, { timeout: 120_000 });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/300/);
    const second = runScript('scripts/seed.ts', args, { timeout: 120_000 });
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/already has/);
  });
});

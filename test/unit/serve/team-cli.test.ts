// `npm run server` as a person types it: create-lead, then the team server on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererFolder, runScript, withServerProcess } from '../../support/serve';

const cli = 'electron/core/serve/team-cli.ts';
let dir: string;
let staticDir: string;
let database: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-team-cli-'));
  staticDir = rendererFolder(join(dir, 'renderer'));
  database = join(dir, 'team.sqlite');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input = '') => runScript(cli, args, { input });

describe('npm run server', { timeout: 120_000 }, () => {
  it('creates the first lead with a password from standard input, once', () => {
    const created = run(
      ['create-lead', '--database', database, '--email', 'Lea.Lead@Example.com', '--name', 'Léa Lead'],
      'a good long password\n',
    );
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Lead Lea\.Lead@Example\.com created/);
    expect(created.out).not.toContain('a good long password');

    const again = run(
      ['create-lead', '--database', database, '--email', 'lea.lead@example.com'],
      'another password!\n',
    );
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already signs in with a password; nothing was changed/);
  });

  it('generates a password and prints it once when none is given', () => {
    const result = run(['create-lead', '--database', database, '--email', 'second@example.com'], '\n');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Password \(shown once, change it after signing in\): [A-Za-z0-9_-]{20}/);
  });

  it.each([
    [['create-lead', '--email', 'x@example.com'], /--database is required/],
    [['create-lead', '--database', 'DB', '--email', 'not-an-address'], /is not an e-mail address/],
    [['--database', 'DB', '--listen', 'everywhere'], /--listen must be HOST:PORT/],
    [['--database', 'DB', '--listen', '127.0.0.1:0', '--tls-cert', 'no.pem'], /go together/],
  ])('refuses %j with a clear message', (args, message) => {
    const result = run(
      args
        .map((a) => (a === 'DB' ? database : a))
        .concat(args[0] === 'create-lead' ? [] : ['--static', staticDir]),
      'a good long password\n',
    );
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it('serves the team on the address given, and the lead signs in with their password', async () => {
    // On a fixed clock (SUPPORT_CONSOLE_NOW), as the e2e run starts it: the session's end follows it.
    await withServerProcess(
      cli,
      ['--database', database, '--listen', '127.0.0.1:0', '--static', staticDir],
      'Team server at ',
      async (url) => {
        expect(url.protocol).toBe('http:');
        expect(url.search).toBe('');
        const response = await fetch(new URL('/api/call/session.signInWithPassword', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'lea.lead@example.com', password: 'a good long password' }),
        });
        const body = (await response.json()) as {
          ok: boolean;
          value: { staff: { name: string; role: string }; expiresAt: number };
        };
        expect(body.value.staff).toMatchObject({ name: 'Léa Lead', role: 'lead' });
        const week = Date.parse('2026-12-02T10:00:00Z');
        expect(body.value.expiresAt).toBeGreaterThanOrEqual(week);
        expect(body.value.expiresAt).toBeLessThan(week + 10 * 60_000);
        expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
      },
      { SUPPORT_CONSOLE_NOW: '2026-11-25T10:00:00Z' },
    );
  });
});

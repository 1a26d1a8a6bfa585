import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Dovecot } from '../../../support/dovecot';
import { useMailIntake } from '../../../support/mail-intake';
import { snapshot } from '../../helpers/core';
import { testMailbox } from './helpers';

const env = useMailIntake();

const valid = (d: Dovecot, mailbox: string) => ({
  enabled: false,
  host: d.host,
  port: d.port,
  security: 'none' as const,
  user: d.user,
  password: d.password,
  mailbox,
  pollSeconds: 60,
});

it('stores the settings with the password sealed, audits the change without it, and checks the mailbox', async () => {
  const lead = await env.core.signedIn(env.core.ids.lead);
  const box = await testMailbox(env.dovecot);
  expect((await env.core.call(lead, 'channels.imap.get', {})).settings).toMatchObject({
    enabled: false,
    hasPassword: false,
  });
  const saved = await env.core.call(lead, 'channels.imap.update', valid(env.dovecot, box.mailbox));
  expect(saved.settings).toMatchObject({ host: '127.0.0.1', hasPassword: true, mailbox: box.mailbox });
  expect(JSON.stringify(saved)).not.toContain(env.dovecot.password);
  const rows = await sql<{ value: string }>`select value from settings`.execute(env.core.core.db);
  const audit = await env.core.core.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'channels.imap.update')
    .execute();
  expect(audit).toHaveLength(1);
  for (const text of [...rows.rows.map((r) => r.value), audit[0]!.before ?? '', audit[0]!.after ?? '']) {
    expect(text).not.toContain(env.dovecot.password);
  }
  expect(JSON.parse(audit[0]!.after!)).toMatchObject({ passwordChanged: true, hasPassword: true });

  await box.append({ from: 'sam.standard@customer.test' });
  await box.append({ from: 'sam.standard@customer.test' });
  expect(await env.core.call(lead, 'channels.imap.test', {})).toEqual({
    ok: true,
    messages: 2,
    unread: 2,
    idle: true,
  });

  // Saving again without a password keeps the stored one.
  const { password: _password, ...withoutPassword } = valid(env.dovecot, box.mailbox);
  await env.core.call(lead, 'channels.imap.update', { ...withoutPassword, pollSeconds: 30 });
  expect((await env.core.call(lead, 'channels.imap.test', {})).ok).toBe(true);

  await env.core.call(lead, 'channels.imap.update', {
    ...valid(env.dovecot, box.mailbox),
    password: 'wrong',
  });
  expect(await env.core.call(lead, 'channels.imap.test', {})).toEqual({
    ok: false,
    error: 'The mail server refused the user name or password.',
  });
});

it.each([
  ['host', { host: 'imap.example.test\r\nX: y' }],
  ['port', { port: 0 }],
  ['security', { security: 'ssl' }],
  ['mailbox', { mailbox: 'INBOX*' }],
  ['pollSeconds', { pollSeconds: 1 }],
  ['password', { enabled: true, password: undefined }],
])('refuses a bad %s, naming it, and changes nothing', async (field, patch) => {
  const lead = await env.core.signedIn(env.core.ids.lead);
  const before = await snapshot(env.core.core.db);
  const result = await env.core.dispatcher.invoke(lead, 'channels.imap.update', {
    ...valid(env.dovecot, 'INBOX'),
    ...patch,
  });
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
  expect(await snapshot(env.core.core.db)).toEqual(before);
});

it('the check says when nothing is set yet', async () => {
  const lead = await env.core.signedIn(env.core.ids.lead);
  const result = await env.core.dispatcher.invoke(lead, 'channels.imap.test', {});
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'host' } });
});

it('removes the mailbox settings for a lead: audited without the password, the intake stops, typed errors', async () => {
  const lead = await env.core.signedIn(env.core.ids.lead);
  const agent = await env.core.signedIn(env.core.ids.agent);
  const box = await testMailbox(env.dovecot);
  // Nothing set up yet: nothing to remove, and nothing changes.
  const empty = await env.core.dispatcher.invoke(lead, 'channels.imap.remove', {});
  expect(empty).toMatchObject({ ok: false, error: { code: 'not_found', message: /nothing to remove/ } });
  await env.core.call(lead, 'channels.imap.update', { ...valid(env.dovecot, box.mailbox), enabled: true });
  expect(await env.core.dispatcher.invoke(agent, 'channels.imap.remove', {})).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  const before = await snapshot(env.core.core.db);
  expect(before.settings?.some((r) => (r as { key: string }).key === 'channels.imap')).toBe(true);

  const removed = await env.core.call(lead, 'channels.imap.remove', {});
  expect(removed.settings).toMatchObject({ enabled: false, host: '', hasPassword: false });
  const rows = await sql<{ key: string }>`select key from settings`.execute(env.core.core.db);
  expect(rows.rows.map((r) => r.key)).not.toContain('channels.imap');
  const audit = await env.core.core.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'channels.imap.remove')
    .execute();
  expect(audit).toHaveLength(1);
  expect(JSON.parse(audit[0]!.before!)).toMatchObject({ host: env.dovecot.host, hasPassword: true });
  expect(audit[0]!.after).toBeNull();
  expect(audit[0]!.before).not.toContain(env.dovecot.password);
  expect(await env.core.dispatcher.invoke(lead, 'channels.imap.remove', {})).toMatchObject({
    ok: false,
    error: { code: 'not_found' },
  });
});

// A mail server that offers no IDLE: the worker cannot be told of new mail, so it looks every
// `pollSeconds`. Debian's Dovecot with IDLE left out of what it advertises.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { imapClient, wakeMailIn } from '../../../../electron/core/channels/mail-in/worker';
import {
  DEFAULT_IMAP_SETTINGS,
  writeImapSettings,
} from '../../../../electron/core/channels/mail-in/settings';
import { startDovecot, type Dovecot } from '../../../support/dovecot';
import { createTestCore } from '../../helpers/core';
import { testMailbox, ticketsOf } from './helpers';

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot({ idle: false });
});
afterAll(async () => {
  await dovecot?.dispose();
});

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('polls a server without IDLE: mail appended after the first look becomes a ticket at the next', async () => {
  const box = await testMailbox(dovecot);
  // The server really offers no IDLE once signed in.
  const probe = await imapClient(box.connection);
  await probe.connect();
  expect(probe.capabilities.has('IDLE')).toBe(false);
  expect(probe.capabilities.has('UIDPLUS')).toBe(true);
  await probe.logout();

  const core = await createTestCore();
  try {
    await writeImapSettings(
      core.core.db,
      {
        ...DEFAULT_IMAP_SETTINGS,
        enabled: true,
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user: dovecot.user,
        passwordSealed: core.core.secrets.seal(dovecot.password),
        mailbox: box.mailbox,
        pollSeconds: 1,
      },
      core.clock.now,
      null,
    );
    wakeMailIn(core.core);
    await until(
      async () =>
        (await core.core.db.selectFrom('mail_mailbox_state').select('last_success_at').executeTakeFirst())
          ?.last_success_at,
      'the first look',
    );
    await box.append({ from: 'sam.standard@customer.test', subject: 'Found by polling' });
    const [ticket] = await until(async () => {
      const found = await ticketsOf(core, core.ids.standard);
      return found.length > 0 ? found : null;
    }, 'the ticket');
    expect(ticket!.subject).toBe('Found by polling');
    const state = await core.core.db.selectFrom('mail_mailbox_state').selectAll().executeTakeFirstOrThrow();
    expect(state.last_error).toBeNull();
  } finally {
    await core.dispose();
  }
});

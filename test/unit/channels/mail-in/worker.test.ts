import { expect, it } from 'vitest';
import { startMailIn, wakeMailIn } from '../../../../electron/core/channels/mail-in/worker';
import {
  DEFAULT_IMAP_SETTINGS,
  writeImapSettings,
} from '../../../../electron/core/channels/mail-in/settings';
import { useMailIntake } from '../../../support/mail-intake';
import { createTestCore, type TestCore } from '../../helpers/core';
import { testMailbox, ticketsOf } from './helpers';

const env = useMailIntake();
const SAM = 'sam.standard@customer.test';

async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('the running worker hears new mail through IDLE, without waiting for its poll', async () => {
  const box = await testMailbox(env.dovecot);
  await writeImapSettings(
    env.core.core.db,
    {
      ...DEFAULT_IMAP_SETTINGS,
      enabled: true,
      host: env.dovecot.host,
      port: env.dovecot.port,
      security: 'none',
      user: env.dovecot.user,
      passwordSealed: env.core.core.secrets.seal(env.dovecot.password),
      mailbox: box.mailbox,
      // Ten minutes: only IDLE can bring the mail in within the test's time.
      pollSeconds: 600,
    },
    env.core.clock.now,
    null,
  );
  // The core's own worker (this process leads): told that its settings changed, as an update does.
  wakeMailIn(env.core.core);
  {
    await until(
      async () =>
        (await env.core.core.db.selectFrom('mail_mailbox_state').select('last_success_at').executeTakeFirst())
          ?.last_success_at,
      'the first check',
    );
    await box.append({ from: SAM, subject: 'Pushed by IDLE' });
    const [ticket] = await until(async () => {
      const t = await ticketsOf(env.core, env.core.ids.standard);
      return t.length > 0 ? t : null;
    }, 'the ticket');
    expect(ticket!.subject).toBe('Pushed by IDLE');
  }
});

it('keeps going after the server goes away: the error is recorded, then mail is read when it is back', async () => {
  const box = await testMailbox(env.dovecot);
  await writeImapSettings(
    env.core.core.db,
    {
      ...DEFAULT_IMAP_SETTINGS,
      enabled: true,
      host: env.dovecot.host,
      port: env.dovecot.port,
      security: 'none',
      user: env.dovecot.user,
      passwordSealed: env.core.core.secrets.seal(env.dovecot.password),
      mailbox: box.mailbox,
      pollSeconds: 1,
    },
    env.core.clock.now,
    null,
  );
  wakeMailIn(env.core.core);
  try {
    await until(
      async () =>
        (await env.core.core.db.selectFrom('mail_mailbox_state').select('last_success_at').executeTakeFirst())
          ?.last_success_at,
      'the first check',
    );
    await env.dovecot.stop();
    const state = await until(
      async () =>
        env.core.core.db
          .selectFrom('mail_mailbox_state')
          .selectAll()
          .where('last_error', 'is not', null)
          .executeTakeFirst(),
      'the error',
    );
    expect(state.last_error).toMatch(/refused the connection|cut/);
    await env.dovecot.start();
    await box.append({ from: SAM, subject: 'After the outage' });
    const [ticket] = await until(async () => {
      const t = await ticketsOf(env.core, env.core.ids.standard);
      return t.length > 0 ? t : null;
    }, 'the ticket');
    expect(ticket!.subject).toBe('After the outage');
  } finally {
    await env.dovecot.start().catch(() => undefined);
  }
});

it('wakes only its own core’s worker: two cores in one process do not wake each other', async () => {
  // Two more cores whose workers are started here, idle for ten minutes: only a wake makes them look.
  const first = await createTestCore(undefined, { channelWorkers: false });
  const second = await createTestCore(undefined, { channelWorkers: false });
  const workers = [
    await startMailIn(first.core, { idleCheckMs: 600_000 }),
    await startMailIn(second.core, { idleCheckMs: 600_000 }),
  ];
  const checked = async (c: TestCore) =>
    (await c.core.db.selectFrom('mail_mailbox_state').select('last_success_at').executeTakeFirst())
      ?.last_success_at ?? null;
  try {
    for (const c of [first, second]) {
      const box = await testMailbox(env.dovecot);
      await writeImapSettings(
        c.core.db,
        {
          ...DEFAULT_IMAP_SETTINGS,
          enabled: true,
          host: env.dovecot.host,
          port: env.dovecot.port,
          security: 'none',
          user: env.dovecot.user,
          passwordSealed: c.core.secrets.seal(env.dovecot.password),
          mailbox: box.mailbox,
          pollSeconds: 600,
        },
        c.clock.now,
        null,
      );
    }
    // The first core's settings "changed": its worker looks, the second's (started last) sleeps on.
    wakeMailIn(first.core);
    await until(() => checked(first), 'the first core’s check');
    expect(await checked(second)).toBeNull();
    // Stopping the first core's worker leaves the second's bell alone.
    await workers[0]!.stop();
    wakeMailIn(second.core);
    await until(() => checked(second), 'the second core’s check');
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await first.dispose();
    await second.dispose();
  }
});

// The mail intake through IMAP, against a real Dovecot. mail_intake_per_s: mails turned into tickets
// per second by one read of a mailbox holding 1,000 new mails (fetch, parse, admit, one write each),
// on a SQLite file. mail_intake_duplicates / mail_intake_losses: 1,000 more mails read by the running
// worker (IDLE) while Dovecot is restarted in the middle of the run; both must be 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/app';
import { DEFAULT_IMAP_SETTINGS, writeImapSettings } from '../../electron/core/channels/mail-in/settings';
import { checkMailboxOnce, wakeMailIn } from '../../electron/core/channels/mail-in/worker';
import { startDovecot } from '../support/dovecot';

const MAILS = 1_000;
const CUSTOMERS = 50;
const NOW = Date.UTC(2026, 10, 25, 10, 0);

function mail(i: number, run: string): string {
  return [
    `From: Customer ${i % CUSTOMERS} <c${i % CUSTOMERS}@bench.test>`,
    'To: support@console.test',
    `Subject: ${run} ${i}`,
    `Message-ID: <${run}-${i}@bench.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Question ${i}: how do I export the table to CSV? `.repeat(8),
    '',
  ].join('\r\n');
}

export async function benchMailIn(): Promise<Record<string, number>> {
  const dovecot = await startDovecot();
  const dir = mkdtempSync(join(tmpdir(), 'support-console-bench-mail-'));
  const running = await startCore({ dbFile: join(dir, 'bench.sqlite'), demo: false, now: () => NOW });
  const core = running.core;
  try {
    for (let c = 0; c < CUSTOMERS; c++) {
      await core.db
        .insertInto('customers')
        .values({
          name: `Customer ${c}`,
          company: null,
          account_email: `c${c}@bench.test`,
          zone: 'Europe/Paris',
          plan_id: 'standard',
          plan_since: NOW - 86_400_000,
          created_at: NOW - 86_400_000,
          updated_at: NOW - 86_400_000,
        })
        .execute();
    }
    const connection = (mailbox: string) => ({
      host: dovecot.host,
      port: dovecot.port,
      security: 'none' as const,
      user: dovecot.user,
      password: dovecot.password,
      mailbox,
    });

    // Throughput: one read of 1,000 waiting mails.
    await dovecot.createMailbox('Speed');
    await dovecot.appendMany(
      Array.from({ length: MAILS }, (_, i) => mail(i, 'speed')),
      'Speed',
    );
    const started = performance.now();
    const read = await checkMailboxOnce(core, connection('Speed'));
    const seconds = (performance.now() - started) / 1_000;
    if (read.taken !== MAILS) throw new Error(`mail bench: ${read.taken} of ${MAILS} mails taken in`);

    // Restart safety: the worker reads as mail arrives; Dovecot restarts halfway.
    await dovecot.createMailbox('Restart');
    await writeImapSettings(
      core.db,
      {
        ...DEFAULT_IMAP_SETTINGS,
        enabled: true,
        host: dovecot.host,
        port: dovecot.port,
        security: 'none',
        user: dovecot.user,
        passwordSealed: core.secrets.seal(dovecot.password),
        mailbox: 'Restart',
        pollSeconds: 10,
      },
      NOW,
      null,
    );
    wakeMailIn(core);
    const count = async () =>
      Number(
        (
          await core.db
            .selectFrom('mail_inbound')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('mailbox', '=', 'Restart')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const half = MAILS / 2;
    await dovecot.appendMany(
      Array.from({ length: half }, (_, i) => mail(i, 'restart')),
      'Restart',
    );
    // Restart while the worker is in the middle of the first half.
    const deadline = Date.now() + 120_000;
    while ((await count()) < half / 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await dovecot.restart();
    await dovecot.appendMany(
      Array.from({ length: half }, (_, i) => mail(half + i, 'restart')),
      'Restart',
    );
    while ((await count()) < MAILS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // A little longer: a duplicate would arrive after the count reached 1,000.
    await new Promise((r) => setTimeout(r, 2_000));

    const tickets = await core.db
      .selectFrom('tickets')
      .select('subject')
      .where('subject', 'like', 'restart %')
      .execute();
    const seen = new Map<string, number>();
    for (const t of tickets) seen.set(t.subject, (seen.get(t.subject) ?? 0) + 1);
    let duplicates = 0;
    let losses = 0;
    for (let i = 0; i < MAILS; i++) {
      const n = seen.get(`restart ${i}`) ?? 0;
      if (n === 0) losses++;
      if (n > 1) duplicates += n - 1;
    }
    return {
      mail_intake_per_s: MAILS / seconds,
      mail_intake_duplicates: duplicates,
      mail_intake_losses: losses,
    };
  } finally {
    await running.close();
    await dovecot.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

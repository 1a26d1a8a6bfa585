// Sending mail over SMTP, against a real smtp-server on 127.0.0.1. mail_send_per_s: mails handed to
// the server per second by the delivery worker draining an outbox of 1,000 queued mails (claim,
// compose, SMTP over the pool's connections, one write per outcome) on a SQLite file.
// mail_send_duplicates / mail_send_losses: 1,000 more mails sent by the running worker while the
// SMTP server is stopped and started again in the middle of the run; both must be 0 (a duplicate is
// a Message-ID the server received twice, a loss one it never received).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/app';
import { newMessageId } from '../../electron/core/channels/message-id';
import { MAIL_OUT_KEY, type StoredMailOut } from '../../electron/core/channels/mail-out/settings';
import { MailOutWorker } from '../../electron/core/channels/mail-out/worker';
import { startSmtpServer } from '../support/smtp';

const MAILS = 1_000;
const NOW = Date.UTC(2026, 10, 25, 10, 0);
const MINUTE = 60_000;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`mail-out bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function benchMailOut(): Promise<Record<string, number>> {
  const smtp = await startSmtpServer();
  const dir = mkdtempSync(join(tmpdir(), 'support-console-bench-mail-out-'));
  // The core's clock runs from NOW at the wall clock's pace; `skip` moves it on (retries' backoff).
  let skip = 0;
  const origin = Date.now();
  const now = () => NOW + (Date.now() - origin) + skip;
  const running = await startCore({
    dbFile: join(dir, 'bench.sqlite'),
    demo: false,
    now,
    channelWorkers: false,
  });
  const core = running.core;
  const workers: MailOutWorker[] = [];
  try {
    const customer = await core.db
      .insertInto('customers')
      .values({
        name: 'Bench Customer',
        company: null,
        account_email: 'bench@customer.test',
        zone: 'Europe/Paris',
        plan_id: 'standard',
        plan_since: NOW - 86_400_000,
        created_at: NOW - 86_400_000,
        updated_at: NOW - 86_400_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const settings: StoredMailOut = {
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: null,
      passwordSealed: null,
      fromAddress: 'support@console.test',
      fromName: 'Support',
      verifyCertificates: true,
    };
    await core.db
      .insertInto('settings')
      .values({ key: MAIL_OUT_KEY, value: JSON.stringify(settings), updated_at: NOW, updated_by: null })
      .execute();

    const queue = async (run: string): Promise<string[]> => {
      const ids = Array.from({ length: MAILS }, () => newMessageId('bench.test'));
      for (let from = 0; from < MAILS; from += 200) {
        await core.db
          .insertInto('outbox')
          .values(
            ids.slice(from, from + 200).map((messageId, i) => ({
              created_at: now(),
              customer_id: customer.id,
              ticket_id: null,
              to_email: `c${(from + i) % 50}@customer.test`,
              kind: 'answer_notification' as const,
              subject: `${run} ${from + i}`,
              body: `Answer ${from + i}: use the Export button, then choose CSV. `.repeat(6),
              attachment: null,
              status: 'pending' as const,
              message_id: messageId,
            })),
          )
          .execute();
      }
      return ids;
    };
    const receivedOf = (ids: string[]) => {
      const wanted = new Set(ids);
      const counts = new Map<string, number>();
      for (const m of smtp.received) {
        if (m.messageId && wanted.has(m.messageId))
          counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      }
      return counts;
    };

    // Throughput: one worker drains 1,000 queued mails.
    const speedIds = await queue('speed');
    const fast = new MailOutWorker(core, { batch: 8 });
    workers.push(fast);
    const started = performance.now();
    const drained = await fast.drain();
    const seconds = (performance.now() - started) / 1_000;
    if (drained.sent !== MAILS || receivedOf(speedIds).size !== MAILS) {
      throw new Error(`mail-out bench: ${drained.sent} of ${MAILS} mails sent`);
    }
    await fast.stop();

    // Restart safety: the running worker sends as mail is queued; the server goes down halfway.
    const runIds = await queue('restart');
    const worker = new MailOutWorker(core, {
      batch: 8,
      pollMs: 50,
      timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 },
    });
    workers.push(worker);
    worker.start();
    await until('half the mails', () => receivedOf(runIds).size >= MAILS / 2);
    await smtp.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await smtp.start();
    // The mails that failed meanwhile wait for their backoff: time moves on past it.
    skip += 2 * MINUTE;
    worker.wake();
    await until('every mail sent', async () => {
      const left = await core.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('delivery', '!=', 'sent')
        .executeTakeFirstOrThrow();
      if (Number(left.n) > 0) {
        const stuck = await core.db
          .selectFrom('outbox')
          .select('id')
          .where('delivery', 'in', ['needs_attention', 'cancelled'])
          .executeTakeFirst();
        if (stuck) throw new Error(`mail-out bench: outbox #${stuck.id} ended in need of attention`);
        skip += MINUTE;
      }
      return Number(left.n) === 0;
    });
    const counts = receivedOf(runIds);
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    const losses = MAILS - counts.size;
    return {
      mail_send_per_s: Math.round((MAILS / seconds) * 10) / 10,
      mail_send_duplicates: duplicates,
      mail_send_losses: losses,
    };
  } finally {
    for (const w of workers) await w.stop();
    await running.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

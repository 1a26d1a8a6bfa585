// The intake worker: one IMAP connection per database (it runs on the leading process), reading
// every mail above the last UID taken in, in UID order. IDLE tells it about new mail where the
// server offers it (imapflow idles by itself when nothing else is asked); otherwise, and as a safety
// net, it looks every `pollSeconds`. A lost connection is retried with a growing pause; a mail that
// cannot be read is logged as failed and the worker goes on.
import { createHash } from 'node:crypto';
import type * as Imapflow from 'imapflow';
import type { ImapFlow } from 'imapflow';
import type { Core } from '../../api/context';
import { runWrite } from '../../api/write';
import type { ChannelWorker } from '../workers';
import { takeInMail, recordFailedMail, type IntakeOptions } from './intake';
import { MAX_MAIL_BYTES, parseMail } from './parse';
import { readImapSettings, type StoredImapSettings } from './settings';

export interface ImapConnection {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  password: string;
  mailbox: string;
}

export interface ReadSummary {
  /** Mails taken in (tickets, messages, unknown senders, skipped). */
  taken: number;
  failed: number;
}

/** How many mails, and how many bytes, are fetched in one FETCH before they are taken in. */
const BATCH_COUNT = 100;
const BATCH_BYTES = 32 * 1024 * 1024;

// imapflow is loaded when a connection is first made (settings saved and the worker running, or a
// lead's check), not with the core: most starts never talk IMAP and would pay for loading it.
let imapflow: Promise<typeof Imapflow> | null = null;

export async function imapClient(
  connection: ImapConnection,
  options: { timeoutMs?: number } = {},
): Promise<ImapFlow> {
  imapflow ??= import('imapflow');
  const { ImapFlow } = await imapflow;
  const timeout = options.timeoutMs ?? 30_000;
  const client = new ImapFlow({
    host: connection.host,
    port: connection.port,
    secure: connection.security === 'tls',
    doSTARTTLS:
      connection.security === 'starttls' ? true : connection.security === 'none' ? false : undefined,
    auth: { user: connection.user, pass: connection.password },
    logger: false,
    // The worker's commands come in bursts: IDLE may start as soon as one is over.
    autoIdleDelay: 500,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(timeout * 2, 60_000),
  });
  // An error after connect also closes the connection; the worker hears that as 'close'.
  client.on('error', () => undefined);
  return client;
}

export function connectionOf(core: Core, settings: StoredImapSettings): ImapConnection {
  return {
    host: settings.host,
    port: settings.port,
    security: settings.security,
    user: settings.user,
    password: settings.passwordSealed ? core.secrets.open(settings.passwordSealed) : '',
    mailbox: settings.mailbox,
  };
}

/**
 * Reads every new mail of the open connection's mailbox. A mailbox whose UIDVALIDITY changed (it
 * was recreated, or the server rebuilt its index) is read from its first UID again: mails taken in
 * before are recognised by their content and Message-ID, and skipped.
 */
export async function readNewMail(
  core: Core,
  client: ImapFlow,
  mailbox: string,
  options: IntakeOptions = {},
): Promise<ReadSummary> {
  const box = await client.mailboxOpen(mailbox, { readOnly: true });
  const uidValidity = Number(box.uidValidity);
  const lastUid = await settleValidity(core, mailbox, uidValidity);
  const summary: ReadSummary = { taken: 0, failed: 0 };
  if (box.exists === 0) return summary;
  const pending: { uid: number; size: number }[] = [];
  for await (const m of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
    // `N:*` names the last mail even when every UID is below N.
    if (m.uid > lastUid) pending.push({ uid: m.uid, size: m.size ?? 0 });
  }
  pending.sort((a, b) => a.uid - b.uid);
  const place = (uid: number) => ({ mailbox, uidValidity, uid });

  let i = 0;
  while (i < pending.length) {
    const first = pending[i];
    if (!first) break;
    if (first.size > MAX_MAIL_BYTES) {
      // Only its header is fetched: enough to thread it and name it, never 30 MB in memory.
      const m = await client.fetchOne(String(first.uid), { uid: true, headers: true }, { uid: true });
      const header = m && m.headers ? m.headers : Buffer.alloc(0);
      summary[
        (await takeIn(core, place(first.uid), header, first.size, true, options)) ? 'taken' : 'failed'
      ]++;
      i++;
      continue;
    }
    const batch: { uid: number; size: number }[] = [];
    let bytes = 0;
    while (i < pending.length && batch.length < BATCH_COUNT) {
      const next = pending[i];
      if (!next || next.size > MAX_MAIL_BYTES || (batch.length > 0 && bytes + next.size > BATCH_BYTES)) break;
      batch.push(next);
      bytes += next.size;
      i++;
    }
    const sources = new Map<number, Buffer>();
    // Nothing is taken in before the whole FETCH arrived: a connection cut halfway leaves the batch
    // unread, to be fetched again.
    for await (const m of client.fetch(
      batch.map((b) => b.uid).join(','),
      { uid: true, source: true },
      { uid: true },
    )) {
      if (m.source) sources.set(m.uid, m.source);
    }
    for (const item of batch) {
      const raw = sources.get(item.uid);
      // Expunged between the listing and the fetch: there is nothing left to read.
      if (!raw) continue;
      summary[(await takeIn(core, place(item.uid), raw, item.size, false, options)) ? 'taken' : 'failed']++;
    }
  }
  return summary;
}

async function takeIn(
  core: Core,
  place: { mailbox: string; uidValidity: number; uid: number },
  raw: Buffer,
  size: number,
  headersOnly: boolean,
  options: IntakeOptions,
): Promise<boolean> {
  try {
    const mail = await parseMail(raw, size, headersOnly);
    await takeInMail(core, place, mail, options);
    return true;
  } catch (error) {
    // A mail that breaks the intake is logged and passed over, so it cannot block the mailbox; if
    // even that cannot be written (the database is down), the error stops this round and the mail
    // is read again on the next.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[mail-in] mail ${place.mailbox}/${place.uidValidity}/${place.uid} failed: ${message}`);
    await recordFailedMail(core, place, {
      size,
      sha256: createHash('sha256').update(raw).digest('hex'),
      error: message,
    });
    return false;
  }
}

/** The last UID taken in under this UIDVALIDITY; a new UIDVALIDITY starts again from 0. */
async function settleValidity(core: Core, mailbox: string, uidValidity: number): Promise<number> {
  const state = await core.db
    .selectFrom('mail_mailbox_state')
    .selectAll()
    .where('mailbox', '=', mailbox)
    .executeTakeFirst();
  if (state && state.uid_validity === uidValidity) return Number(state.last_uid);
  await runWrite(core, 'mail.mailbox.uidValidity', null, async (w) => {
    const before = await w.db
      .selectFrom('mail_mailbox_state')
      .selectAll()
      .where('mailbox', '=', mailbox)
      .executeTakeFirst();
    if (before) {
      await w.db
        .updateTable('mail_mailbox_state')
        .set({ uid_validity: uidValidity, last_uid: 0 })
        .where('mailbox', '=', mailbox)
        .execute();
    } else {
      await w.db
        .insertInto('mail_mailbox_state')
        .values({ mailbox, uid_validity: uidValidity, last_uid: 0 })
        .execute();
    }
    await w.audit({
      entity: 'mail_mailbox',
      entityId: null,
      before: before ?? null,
      after: { mailbox, uid_validity: uidValidity, last_uid: 0 },
    });
  });
  return 0;
}

/** The last check's outcome, for the lead's status panel (not audited: the worker's own bookkeeping). */
export async function recordCheck(core: Core, mailbox: string, error: string | null): Promise<void> {
  const at = core.now();
  const values =
    error === null
      ? { last_check_at: at, last_success_at: at }
      : { last_check_at: at, last_error: error.slice(0, 500), last_error_at: at };
  const updated = await core.db
    .updateTable('mail_mailbox_state')
    .set(values)
    .where('mailbox', '=', mailbox)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await core.db
      .insertInto('mail_mailbox_state')
      .values({ mailbox, uid_validity: null, ...values })
      .execute();
  }
}

/** Connects, reads what is new, disconnects: one round of the worker (and of the bench). */
export async function checkMailboxOnce(
  core: Core,
  connection: ImapConnection,
  options: IntakeOptions = {},
): Promise<ReadSummary> {
  const client = await imapClient(connection);
  try {
    await client.connect();
    const summary = await readNewMail(core, client, connection.mailbox, options);
    await recordCheck(core, connection.mailbox, null);
    return summary;
  } catch (error) {
    await recordCheck(core, connection.mailbox, describeImapError(error)).catch(() => undefined);
    throw error;
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** A sentence for the lead from what imapflow or the socket threw. */
export function describeImapError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; authenticationFailed?: boolean; responseText?: string };
  if (e.authenticationFailed) return 'The mail server refused the user name or password.';
  if (e.code === 'ECONNREFUSED')
    return 'The mail server refused the connection (is it running, is the port right?).';
  if (e.code === 'ENOTFOUND') return 'The mail server’s name could not be found.';
  if (e.code === 'ETIMEDOUT' || e.code === 'CONNECT_TIMEOUT' || e.code === 'GREETING_TIMEOUT')
    return 'The mail server did not answer in time.';
  if (e.code === 'NoConnection' || e.code === 'ECONNRESET' || e.code === 'EPIPE')
    return 'The connection to the mail server was cut.';
  return e.responseText ? `${e.message}: ${e.responseText}` : e.message;
}

/** Tells this core's running worker that its settings changed: it reconnects now. */
export function wakeMailIn(core: Pick<Core, 'workerBells'>): void {
  core.workerBells.mailIn?.();
}

export class MailInWorker implements ChannelWorker {
  readonly name = 'mail-in';
  private stopped = false;
  private waiter: (() => void) | null = null;
  private client: ImapFlow | null = null;
  private done: Promise<void> | null = null;
  private settingsChanged = false;

  constructor(
    private readonly core: Core,
    private readonly options: { idleCheckMs?: number; maxBackoffMs?: number } = {},
  ) {}

  start(): void {
    this.done = this.loop();
  }

  wake(): void {
    this.settingsChanged = true;
    this.waiter?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiter?.();
    await this.client?.logout().catch(() => this.client?.close());
    await this.done;
  }

  private sleep(ms: number): Promise<void> {
    // stop() may land while the loop awaits the database, before it sleeps: nothing would wake it.
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiter = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      timer.unref();
      this.waiter = finish;
    });
  }

  private async loop(): Promise<void> {
    let backoff = 1_000;
    while (!this.stopped) {
      const settings = await readImapSettings(this.core.db).catch(() => null);
      if (!settings || !settings.enabled || !settings.host) {
        await this.sleep(this.options.idleCheckMs ?? 5_000);
        continue;
      }
      this.settingsChanged = false;
      try {
        await this.session(settings);
        backoff = 1_000;
      } catch (error) {
        const message = describeImapError(error);
        console.error(`[mail-in] ${message}`);
        await recordCheck(this.core, settings.mailbox, message).catch(() => undefined);
        if (!this.stopped && !this.settingsChanged) await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 60_000);
      }
    }
  }

  private async session(settings: StoredImapSettings): Promise<void> {
    const connection = connectionOf(this.core, settings);
    const client = await imapClient(connection);
    this.client = client;
    let closed = false;
    const heard = { news: false };
    client.on('exists', () => {
      heard.news = true;
      this.waiter?.();
    });
    client.on('close', () => {
      closed = true;
      this.waiter?.();
    });
    try {
      await client.connect();
      const options = { ownAddresses: ownAddresses(settings) };
      while (!this.stopped && !this.settingsChanged) {
        if (closed)
          throw Object.assign(new Error('The connection to the mail server was cut.'), {
            code: 'NoConnection',
          });
        heard.news = false;
        await readNewMail(this.core, client, connection.mailbox, options);
        await recordCheck(this.core, connection.mailbox, null);
        if (!heard.news && !closed) await this.sleep(settings.pollSeconds * 1_000);
      }
    } finally {
      this.client = null;
      await client.logout().catch(() => client.close());
    }
  }
}

function ownAddresses(settings: StoredImapSettings): string[] {
  return settings.user.includes('@') ? [settings.user.toLowerCase()] : [];
}

export async function startMailIn(
  core: Core,
  options: { idleCheckMs?: number; maxBackoffMs?: number } = {},
): Promise<ChannelWorker> {
  const worker = new MailInWorker(core, options);
  worker.start();
  // The bell is this core's: another core in the same process (tests) has its own worker and bell.
  const bell = () => worker.wake();
  core.workerBells.mailIn = bell;
  return {
    name: worker.name,
    async stop() {
      if (core.workerBells.mailIn === bell) core.workerBells.mailIn = null;
      await worker.stop();
    },
  };
}

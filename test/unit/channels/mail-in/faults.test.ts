// Faults: each is logged and shown (the mailbox status the lead reads), nothing is lost, nothing is
// taken in twice, and the worker goes on.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkMailboxOnce } from '../../../../electron/core/channels/mail-in/worker';
import { useMailIntake } from '../../../support/mail-intake';
import { type TestCore } from '../../helpers/core';
import { inbound, rawMail, testMailbox, ticketsOf } from './helpers';

const env = useMailIntake();
const SAM = 'sam.standard@customer.test';

/** A TCP relay to Dovecot that can cut a connection once it has carried `cutAfter` bytes to us. */
async function relay(
  target: number,
): Promise<{ port: number; cutAfter: number | null; cuts: number; close(): void }> {
  const state = { port: 0, cutAfter: null as number | null, cuts: 0, close: () => undefined as void };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    let carried = 0;
    upstream.on('data', (chunk: Buffer) => {
      carried += chunk.length;
      if (state.cutAfter !== null && carried > state.cutAfter) {
        state.cutAfter = null;
        state.cuts++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.close = () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
  return state;
}

async function status(core: TestCore) {
  const lead = await core.signedIn(core.ids.lead);
  return core.call(lead, 'channels.imap.get', {});
}

describe('the server', () => {
  it('down: the check fails with a sentence the lead sees; once it is back, every mail is read once', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({ from: SAM, subject: 'before the outage' });
    await env.dovecot.stop();
    try {
      await expect(box.read(env.core)).rejects.toThrow();
      const shown = await env.core.core.db
        .selectFrom('mail_mailbox_state')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(shown.last_error).toMatch(/refused the connection/);
    } finally {
      await env.dovecot.start();
    }
    expect(await box.read(env.core)).toEqual({ taken: 1, failed: 0 });
    expect((await ticketsOf(env.core, env.core.ids.standard)).map((t) => t.subject)).toEqual([
      'before the outage',
    ]);
  });

  it('cut mid-fetch: the half-read batch is read again whole, nothing twice, nothing lost', async () => {
    const box = await testMailbox(env.dovecot);
    const filler = 'x'.repeat(70) + '\r\n';
    for (let i = 0; i < 5; i++)
      await box.append({ from: SAM, subject: `big ${i}`, body: filler.repeat(1_500) });
    const cut = await relay(env.dovecot.port);
    try {
      // Past the greeting, login and listing, inside the FETCH of the mails' bodies.
      cut.cutAfter = 200_000;
      const via = { ...box.connection, port: cut.port };
      await expect(checkMailboxOnce(env.core.core, via)).rejects.toThrow();
      expect(cut.cuts).toBe(1);
      expect((await inbound(env.core)).length).toBeLessThan(5);
      expect(await checkMailboxOnce(env.core.core, via)).toMatchObject({ failed: 0 });
    } finally {
      cut.close();
    }
    const subjects = (await ticketsOf(env.core, env.core.ids.standard)).map((t) => t.subject);
    expect(subjects).toEqual(['big 0', 'big 1', 'big 2', 'big 3', 'big 4']);
  });
});

describe('mails that are hard to read', () => {
  it('a 30 MB mail: read by its header, logged as too large, still a ticket; the next mail is read', async () => {
    const box = await testMailbox(env.dovecot);
    const line = 'A'.repeat(76) + '\r\n';
    const big = rawMail({
      from: SAM,
      subject: 'Huge',
      body: line.repeat(Math.ceil((30 * 1024 * 1024) / 78)),
    });
    await box.append(big);
    await box.append({ from: SAM, subject: 'after the huge one' });
    expect(await box.read(env.core)).toEqual({ taken: 2, failed: 0 });
    const [huge, after] = await ticketsOf(env.core, env.core.ids.standard);
    expect(huge!.subject).toBe('Huge');
    expect(after!.subject).toBe('after the huge one');
    const [row] = await inbound(env.core);
    expect(row!.note).toContain('too_large');
    expect(Number(row!.size)).toBeGreaterThan(30 * 1024 * 1024);
    const [message] = await env.core.core.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', huge!.id)
      .execute();
    expect(message!.body).toMatch(/over the 25\.0 MB the console reads/);
    expect((await status(env.core)).recent[1]).toMatchObject({ subject: 'Huge', notes: ['too_large'] });
  }, 60_000);

  it('malformed MIME, an unknown charset, 200 recipients, NUL bytes: each a ticket, noted, none stops the next', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append(
      rawMail({
        from: SAM,
        subject: 'Broken MIME',
        mime: {
          contentType: 'multipart/mixed; boundary="never-closed"',
          body: '--never-closed\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n--wrong-boundary\r\n',
        },
      }),
    );
    await box.append(
      rawMail({
        from: SAM,
        subject: 'Strange charset',
        mime: { contentType: 'text/plain; charset=x-klingon-9', body: 'caf\u00e9 qapla' },
      }),
    );
    const recipients = Array.from({ length: 200 }, (_, i) => `person${i}@many.test`).join(', ');
    await box.append(rawMail({ from: SAM, subject: 'To everyone', headers: { Cc: recipients } }));
    await box.append(rawMail({ from: SAM, subject: 'Nul\u0000 bytes', body: 'a\u0000b' }));
    await box.append('this is not a mail at all\r\n');
    await box.append({ from: SAM, subject: 'A normal one' });
    expect(await box.read(env.core)).toEqual({ taken: 6, failed: 0 });
    const tickets = await ticketsOf(env.core, env.core.ids.standard);
    // The NUL itself is dropped or replaced on the way (Dovecot, then our cleaning); never stored.
    expect(tickets.map((t) => t.subject.replace('\ufffd', ''))).toEqual([
      'Broken MIME',
      'Strange charset',
      'To everyone',
      'Nul bytes',
      'A normal one',
    ]);
    expect(tickets.some((t) => t.subject.includes('\u0000'))).toBe(false);
    const rows = await inbound(env.core);
    expect(rows.map((r) => r.outcome)).toEqual([
      'ticket',
      'ticket',
      'ticket',
      'ticket',
      'unknown_sender',
      'ticket',
    ]);
    expect(rows[1]!.note).toContain('unknown_charset');
    const shown = await status(env.core);
    expect(shown.counts).toMatchObject({ ticket: 5, unknown_sender: 1, failed: 0 });
  });
});

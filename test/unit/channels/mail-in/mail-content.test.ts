import { describe, expect, it } from 'vitest';
import { useMailIntake } from '../../../support/mail-intake';
import { rawMail, testMailbox, ticketsOf } from './helpers';

const env = useMailIntake();
const SAM = 'sam.standard@customer.test';

const PDF = Buffer.from('%PDF-1.4 fake but binary \u0000\u00ff\u0001 bytes');

function withAttachment(from: string, html?: string): string {
  const boundary = 'b1';
  return rawMail({
    from,
    subject: 'Invoice attached',
    mime: {
      contentType: `multipart/mixed; boundary="${boundary}"`,
      body: [
        `--${boundary}`,
        html ? 'Content-Type: text/html; charset=utf-8' : 'Content-Type: text/plain; charset=utf-8',
        '',
        html ?? 'See the invoice.',
        `--${boundary}`,
        'Content-Type: application/pdf; name="invoice.pdf"',
        'Content-Disposition: attachment; filename="invoice.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        PDF.toString('base64'),
        `--${boundary}--`,
      ].join('\r\n'),
    },
  });
}

describe('attachments and HTML', () => {
  it('an HTML body beside an attachment is shown as text too', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append(withAttachment(SAM, '<p>Please see <b>the log</b>.</p><script>alert(1)</script>'));
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    const [message] = await env.core.core.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', ticket!.id)
      .execute();
    expect(message!.body).toBe('Please see the log.');
  });

  it('keeps attachments, lists them on the message and gives their bytes back', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append(withAttachment(SAM));
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    const agent = await env.core.signedIn(env.core.ids.agent);
    const detail = await env.core.call(agent, 'tickets.get', { id: ticket!.id });
    const mail = detail.messages[0]!.mail;
    expect(mail).toMatchObject({
      from: SAM,
      attachments: [{ filename: 'invoice.pdf', contentType: 'application/pdf', size: PDF.length }],
    });
    const file = await env.core.call(agent, 'mail.attachment', { id: mail!.attachments[0]!.id });
    expect(Buffer.from(file.base64, 'base64').equals(PDF)).toBe(true);
    expect(detail.messages[0]!.body).toBe('See the invoice.');
  });

  it('shows an HTML-only mail as plain text: no markup, no script', async () => {
    const box = await testMailbox(env.dovecot);
    await box.append({
      from: SAM,
      mime: {
        contentType: 'text/html; charset=utf-8',
        body: '<html><body><p>Hello <b>there</b></p><script>alert(1)</script><img src=x onerror=alert(2)><p>Second</p></body></html>',
      },
    });
    await box.read(env.core);
    const [ticket] = await ticketsOf(env.core, env.core.ids.standard);
    const [message] = await env.core.core.db
      .selectFrom('messages')
      .selectAll()
      .where('ticket_id', '=', ticket!.id)
      .execute();
    expect(message!.body).toContain('Hello there');
    expect(message!.body).toContain('Second');
    expect(message!.body).not.toMatch(/<|alert|onerror/);
  });
});

// Unknown senders: unknown-customer.test.ts.

describe('HTML to text', () => {
  it('drops scripts, styles and markup, keeps the words and line breaks, decodes entities', async () => {
    const { htmlToText } = await import('../../../../electron/core/channels/mail-in/parse');
    expect(
      htmlToText(
        '<style>p{}</style><p>Caf&eacute; &amp; <b>tea</b></p><script>alert(1)</script><div>A&#39;s<br>B &#x263A;</div>',
      ),
    ).toBe("Caf&eacute; & tea\nA's\nB ☺\n");
  });
});

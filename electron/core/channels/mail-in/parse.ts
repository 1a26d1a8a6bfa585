// A raw mail as the intake reads it: who sent it, what it answers, whether a machine sent it, its text
// (an HTML-only mail turned into plain text: HTML is never kept for display) and its attachments.
import { createHash } from 'node:crypto';
import type * as Mailparser from 'mailparser';
import type { AddressObject, HeaderValue, ParsedMail } from 'mailparser';
import { parseMessageIds } from '../message-id';

/** A mail larger than this is read by its headers only: it is logged and named on its ticket. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;
/** An attachment larger than this is named in the message but not kept. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The text kept from one mail; the rest stays in the mailbox. */
export const MAX_BODY_CHARS = 100_000;

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface InboundMail {
  sha256: string;
  size: number;
  messageId: string | null;
  /** In-Reply-To first, then References from the newest: the order threading tries them. */
  threadIds: string[];
  fromAddress: string | null;
  fromName: string | null;
  subject: string;
  text: string;
  /** RFC 3834 and the common conventions: auto-replies, bounces, lists. Never answered. */
  autoSubmitted: boolean;
  attachments: InboundAttachment[];
  /** What the intake notes about how it read the mail (too_large, unknown_charset, …). */
  notes: string[];
}

// mailparser (and what it pulls in) is loaded with the first mail read, not with the core: a console
// with no mailbox set up never needs it, and every start would pay for it.
let mailparser: Promise<typeof Mailparser> | null = null;
function loadMailparser(): Promise<typeof Mailparser> {
  mailparser ??= import('mailparser');
  return mailparser;
}

/**
 * Reads a mail. `headersOnly` is set for a mail over MAX_MAIL_BYTES: only its header was fetched,
 * and its text says so.
 */
export async function parseMail(raw: Buffer, size: number, headersOnly = false): Promise<InboundMail> {
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const { simpleParser } = await loadMailparser();
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const notes: string[] = [];
  const from = firstAddress(parsed.from);
  const ids = [
    ...parseMessageIds(joinIds(parsed.inReplyTo)),
    ...parseMessageIds(joinIds(parsed.references)).reverse(),
  ];
  const threadIds = [...new Set(ids)];
  const charsets = [
    ...raw
      .subarray(0, Math.min(raw.length, 256 * 1024))
      .toString('latin1')
      .matchAll(/charset="?([^";\s]+)"?/gi),
  ]
    .map((m) => m[1] ?? '')
    .filter((c) => c !== '');
  if (charsets.some((c) => !knownCharset(c))) notes.push('unknown_charset');

  const attachments: InboundAttachment[] = [];
  const dropped: string[] = [];
  for (const a of parsed.attachments) {
    const filename = clean(a.filename ?? '').slice(0, 200) || 'attachment';
    if (a.size > MAX_ATTACHMENT_BYTES) {
      dropped.push(`${filename} (${formatMb(a.size)})`);
      continue;
    }
    attachments.push({
      filename,
      contentType: clean(a.contentType || 'application/octet-stream').slice(0, 200),
      size: a.content.length,
      content: a.content,
    });
  }
  if (dropped.length > 0) notes.push('attachment_too_large');

  // mailparser turns a lone HTML body into text itself, but not always one beside attachments.
  let text = clean(parsed.text || (typeof parsed.html === 'string' ? htmlToText(parsed.html) : '')).trim();
  if (headersOnly) {
    notes.push('too_large');
    text = `[This mail is ${formatMb(size)}, over the ${formatMb(MAX_MAIL_BYTES)} the console reads: its text and attachments were not kept. It is still in the mailbox.]`;
  } else if (text.length > MAX_BODY_CHARS) {
    notes.push('text_cut');
    text = `${text.slice(0, MAX_BODY_CHARS)}\n\n[The rest of this mail was cut; the whole mail is still in the mailbox.]`;
  }
  if (dropped.length > 0) {
    text += `\n\n[Attachments over ${formatMb(MAX_ATTACHMENT_BYTES)} not kept (still in the mailbox): ${dropped.join(', ')}]`;
  }
  if (text === '') text = '(no text)';

  return {
    sha256,
    size,
    messageId: parseMessageIds(parsed.messageId)[0] ?? null,
    threadIds,
    fromAddress: from?.address ?? null,
    fromName: from?.name ?? null,
    subject: clean(parsed.subject ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    text,
    autoSubmitted: isAutomatic(parsed, from?.address ?? null),
    attachments,
    notes,
  };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const entry of group.value) {
      const address = (entry.address ?? '').trim().toLowerCase();
      if (/^[^\s@<>]+@[^\s@<>]+$/.test(address) && address.length <= 254) {
        return { address, name: clean(entry.name ?? '').slice(0, 200) || null };
      }
    }
  }
  return null;
}

function joinIds(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

function header(parsed: ParsedMail, name: string): string {
  const value: HeaderValue | undefined = parsed.headers.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return String(value as unknown);
}

/**
 * A mail a machine sent: it must never be answered automatically, or two robots answer each other
 * forever. RFC 3834's Auto-Submitted, the older Precedence and X-Autoreply conventions, list mail,
 * and bounces (an empty Return-Path, a delivery report, the mailer daemon).
 */
function isAutomatic(parsed: ParsedMail, from: string | null): boolean {
  const autoSubmitted = header(parsed, 'auto-submitted').trim().toLowerCase();
  if (autoSubmitted !== '' && !autoSubmitted.startsWith('no')) return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(header(parsed, 'precedence').trim())) return true;
  for (const name of [
    'x-autoreply',
    'x-autorespond',
    'x-auto-response-suppress',
    'list-id',
    'list-unsubscribe',
  ]) {
    if (parsed.headers.has(name)) return true;
  }
  if (parsed.headers.has('return-path') && header(parsed, 'return-path').replace(/[<>\s]/g, '') === '')
    return true;
  if (/^multipart\/report/i.test(header(parsed, 'content-type'))) return true;
  if (from && /^(mailer-daemon|postmaster|no-?reply)@/i.test(from)) return true;
  return false;
}

/** HTML as plain text: never rendered, so scripts, styles and markup simply go. */
export function htmlToText(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith('#x') || code.startsWith('#X'))
        return String.fromCodePoint(parseInt(code.slice(2), 16) || 0xfffd);
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)) || 0xfffd);
      return entities[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

function knownCharset(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** NUL and other control characters (tabs and newlines aside) have no place in stored text. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

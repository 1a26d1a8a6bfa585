// Every mail we send gets its RFC 5322 Message-ID when it is queued, not when it leaves: a reply
// can then be threaded onto its ticket even if it arrives before the delivery worker marked the
// mail sent, and a retry sends the same id, so the customer's mail program sees one message.
import { randomUUID } from 'node:crypto';

/** `<uuid@domain>`; the domain is the sender address's (support-console.invalid until one is set). */
export function newMessageId(domain = 'support-console.invalid'): string {
  return `<${randomUUID()}@${domain}>`;
}

/** The ids in a Message-ID, In-Reply-To or References header, each in angle brackets. */
export function parseMessageIds(header: string | null | undefined): string[] {
  return header ? (header.match(/<[^<>\s]+>/g) ?? []) : [];
}

// The ticket token in the subject of every mail we send ("[Ticket#1937]"): the last way to thread a
// customer's mail onto its ticket when a mail program or a forward dropped In-Reply-To/References.
const TOKEN = /\[Ticket#(\d{1,12})\]/i;

export function ticketToken(ticketId: number): string {
  return `[Ticket#${ticketId}]`;
}

/** The subject with its token, added once. */
export function withTicketToken(subject: string, ticketId: number): string {
  return findTicketToken(subject) === ticketId ? subject : `${subject} ${ticketToken(ticketId)}`;
}

export function findTicketToken(subject: string): number | null {
  const match = TOKEN.exec(subject);
  return match?.[1] ? Number(match[1]) : null;
}

// PLACEHOLDER (being written): "Why this due time?" and the explain timeline of one ticket.
export function SlaExplainButton(_props: { ticketId: number }) {
  return null;
}

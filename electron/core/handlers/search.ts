// The "/" search: tickets by subject and message text (internal notes included: only staff search),
// customers by name, account e-mail and company. The dialect's full-text index does the matching.
import type { Handler } from '../api/handler';
import { parseSearchText } from '../store/search/query';
import { answerReservingKinds } from '../rules';
import { findCustomerListRows, usageOf } from '../store/queries/customers';
import { findTicketSummaryRows } from '../store/queries/tickets';
import { toCustomerSummary, toTicketSummary } from './present';

export const searchHandler: Handler<'search.query'> = async (ctx, { text, limit }) => {
  const terms = parseSearchText(text);
  // Punctuation alone ("*", '"', "(") can match nothing; it is not an error to type it.
  if (terms.terms.length === 0) return { tickets: [], customers: [] };

  // Side by side: on PostgreSQL each runs on its own connection (SQLite's one connection takes them in turn).
  const [matches, customerIds] = await Promise.all([
    ctx.search.tickets(ctx.db, terms, limit),
    ctx.search.customers(ctx.db, terms, limit),
  ]);
  const ticketRows = new Map(
    (
      await findTicketSummaryRows(
        ctx.db,
        matches.map((m) => m.ticketId),
      )
    ).map((r) => [r.id, r]),
  );
  const tickets = matches.flatMap((m) => {
    const row = ticketRows.get(m.ticketId);
    return row
      ? [{ ticket: toTicketSummary(ctx.rules, row), snippet: m.snippet, matchedIn: m.matchedIn }]
      : [];
  });

  const customerRows = new Map(
    (await findCustomerListRows(ctx.db, answerReservingKinds(ctx.rules), customerIds)).map((r) => [r.id, r]),
  );
  const customers = customerIds.flatMap((id) => {
    const row = customerRows.get(id);
    return row ? [toCustomerSummary(ctx.rules, row, usageOf(row), row.manager_name)] : [];
  });
  return { tickets, customers };
};

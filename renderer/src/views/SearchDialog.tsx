// Search (/): subjects, message text, customer names and e-mails, through search.query. A combobox:
// type, move with the arrows, Enter opens the ticket or the customer.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiErrorShape, CustomerSummary, TicketSummary } from '../../../shared/contract';
import { Dialog } from '../components/Dialog';
import { ErrorNote } from '../components/ErrorNote';
import { PlanBadge } from '../components/PlanBadge';
import { useT } from '../i18n';
import { focusTicketTitle, restoreFocus, useNav } from '../state/nav';
import { api } from '../transport';

type Hit =
  | { kind: 'ticket'; ticket: TicketSummary; snippet: string }
  | { kind: 'customer'; customer: CustomerSummary };

/** "… the [[export]] fails …" → text with the match marked. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/\[\[|\]\]/);
  return (
    // One element: the hit's line lays its children out with gaps, and the text must not be split.
    <span className="snippet">
      {parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>))}
    </span>
  );
}

export function SearchDialog() {
  const t = useT();
  const close = useNav((s) => s.closeDialog);
  const returnFocusTo = useNav((s) => s.returnFocusTo);
  const openTicket = useNav((s) => s.openTicket);
  const openCustomer = useNav((s) => s.openCustomer);
  const setSection = useNav((s) => s.setSection);
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const seq = useRef(0);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits(null);
      setError(null);
      return;
    }
    const timer = window.setTimeout(() => {
      const mine = ++seq.current;
      setBusy(true);
      void api['search.query']({ text: query, limit: 20 }).then((result) => {
        if (mine !== seq.current) return;
        setBusy(false);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setError(null);
        setActive(0);
        setHits([
          ...result.value.tickets.map((h): Hit => ({ kind: 'ticket', ticket: h.ticket, snippet: h.snippet })),
          ...result.value.customers.map((c): Hit => ({ kind: 'customer', customer: c })),
        ]);
      });
    }, 200);
    return () => window.clearTimeout(timer);
  }, [text]);

  function dismiss() {
    close();
    restoreFocus(returnFocusTo, () => document.getElementById('queue-grid'));
  }

  function choose(hit: Hit) {
    close();
    if (hit.kind === 'ticket') {
      openTicket(hit.ticket.id);
      focusTicketTitle();
    } else {
      setSection('customers');
      openCustomer(hit.customer.id, null);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = hits?.length ?? 0;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive((a) => (a + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      setActive((a) => (a - 1 + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits?.[active];
      if (hit) choose(hit);
    }
  }

  const ticketHits = hits?.filter((h) => h.kind === 'ticket') ?? [];
  const summary =
    hits === null
      ? ''
      : hits.length === 0
        ? t('search.none')
        : t('search.count', { tickets: ticketHits.length, customers: hits.length - ticketHits.length });

  return (
    <Dialog
      title={t('search.title')}
      onClose={dismiss}
      className="search-dialog"
      description={t('search.hint')}
    >
      <input
        ref={input}
        data-autofocus
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={hits !== null && hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={hits && hits.length > 0 ? `${listId}-${active}` : undefined}
        className="search-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={t('search.placeholder')}
        autoComplete="off"
      />
      <p className="muted small search-summary" role="status" aria-live="polite">
        {busy ? t('search.searching') : summary}
      </p>
      {error && <ErrorNote error={error} compact />}
      <ul id={listId} role="listbox" aria-label={t('search.results')} className="search-results">
        {(hits ?? []).map((hit, i) => (
          <li
            key={hit.kind === 'ticket' ? `t${hit.ticket.id}` : `c${hit.customer.id}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'search-hit active' : 'search-hit'}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(hit)}
          >
            {hit.kind === 'ticket' ? (
              <>
                <span className="hit-line">
                  <span className="hit-kind">{t(`channel.${hit.ticket.channel}`)}</span>
                  <strong>{hit.ticket.subject}</strong>
                  <span className={`status status-${hit.ticket.status}`}>
                    {t(`status.${hit.ticket.status}`)}
                  </span>
                </span>
                <span className="hit-line muted">
                  {hit.ticket.customerName} · <Snippet text={hit.snippet} />
                </span>
              </>
            ) : (
              <span className="hit-line">
                <span className="hit-kind">{t('search.customer')}</span>
                <strong>{hit.customer.name}</strong>
                <span className="muted">{hit.customer.accountEmail}</span>
                <PlanBadge
                  planId={hit.customer.planId}
                  planName={hit.customer.planName}
                  paid={hit.customer.paid}
                  express={hit.customer.express}
                />
              </span>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

import type { TicketSummary } from '../../../shared/contract';
import { slaLevel, slaRuns, slaSpanText, slaState } from '../format/sla';
import { useLang, useT } from '../i18n';
import { useAfterFirstRows } from '../state/boot';
import { useChannelClocks } from '../state/clock';
import { channelGmt, useRules } from '../state/rules';
import { useSlaStatus, useSlaStatusStore } from '../state/slaStatus';
import { dateTimeString } from './DateTimeText';

type TimeLeftTicket = Pick<TicketSummary, 'id' | 'channel' | 'status' | 'dueAt' | 'firstResponseAt'>;

/** A ticket's SLA countdown and how urgent it is (the pre-breach window is the team's setting). */
export function useSlaReading(ticket: TimeLeftTicket, now: number) {
  const clock = useChannelClocks((s) => s.clocks[ticket.channel]);
  const live = useSlaStatus(slaRuns(ticket) ? ticket.id : null);
  const preBreachMinutes = useSlaStatusStore((s) => s.preBreachMinutes);
  const state = slaState(ticket, clock, now, live);
  return { state, level: slaLevel(state, preBreachMinutes) };
}

/** The words for a ticket's SLA countdown, shared by the queue cell and the ticket header. */
export function useTimeLeftText(ticket: TimeLeftTicket, zone: string, now: number) {
  const t = useT();
  const lang = useLang();
  const rules = useRules((s) => s.rules);
  const { state, level } = useSlaReading(ticket, now);
  const zonesReady = useAfterFirstRows();
  const gmt = channelGmt(rules, ticket.channel);
  const span = slaSpanText(state, t) ?? '';
  let text: string;
  /** Why the countdown is frozen, when it is. */
  let note: string | null = null;
  switch (state.kind) {
    case 'none':
      text = state.answered ? t('sla.answered') : t('sla.none');
      break;
    case 'waiting':
      text = t('sla.pausedWaiting');
      break;
    case 'pending':
      text = t('sla.pending');
      break;
    case 'breached':
      text = t('sla.overdue', { span });
      break;
    case 'running':
      text = t('sla.left', { span });
      break;
    case 'paused':
      text = t('sla.left', { span });
      note = zonesReady
        ? t('sla.pausedClosed', { opens: dateTimeString(state.opensAt, zone, gmt, lang, now) })
        : t('sla.pausedClosedSoon');
      break;
  }
  const dueAt = ticket.dueAt;
  /** "Due Fri 06:18 (11:18 GMT)": built on demand, as the queue only shows it on hover. */
  const due = () =>
    dueAt === null ? null : t('sla.dueAt', { at: dateTimeString(dueAt, zone, gmt, lang, now) });
  return { state, level, text, note, due };
}

/**
 * Business time left to the SLA due, or past it, as the core counts it: running while the channel
 * is open, frozen while it is closed or the ticket waits on the customer.
 */
export function TimeLeft({ ticket, zone, now }: { ticket: TimeLeftTicket; zone: string; now: number }) {
  const t = useT();
  const { state, level, text, note, due } = useTimeLeftText(ticket, zone, now);
  return (
    <span
      className={`time-left sla-${level}`}
      data-sla={state.kind}
      onMouseEnter={(event) => {
        // The whole story on hover: why it is paused (the note may be cut off) and when it is due.
        const hint = state.kind === 'pending' ? t('sla.pendingHint') : null;
        event.currentTarget.title = [hint, note, due()].filter((x) => x).join(' · ');
      }}
    >
      {text}
      {note && <span className="sla-note"> · {note}</span>}
    </span>
  );
}

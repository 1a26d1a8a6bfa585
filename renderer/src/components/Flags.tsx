import type { TicketSummary } from '../../../shared/contract';
import { arrivalClock } from '../format/sla';
import { useT } from '../i18n';
import { useNow } from '../state/clock';

/**
 * A ticket's flags, as the core computed them: refused at intake, not on the customer's plan, quota
 * used up, arrived outside the channel's hours. The words carry the meaning; colour only repeats it.
 */
export function TicketFlags({
  ticket,
}: {
  ticket: Pick<TicketSummary, 'flags' | 'intakeOutcome' | 'intakeReason' | 'clockStartsAt'>;
}) {
  const t = useT();
  const now = useNow();
  const { flags } = ticket;
  // The clock of a ticket that arrived closed starts at the opening, or started there once it passed.
  const clock = arrivalClock(flags.outsideHours, ticket.clockStartsAt, now);
  return (
    <span className="flags">
      {ticket.intakeOutcome === 'refuse' && (
        <span className="flag flag-refused" title={ticket.intakeReason}>
          {t('flag.refused')}
        </span>
      )}
      {flags.notEntitled && ticket.intakeOutcome !== 'refuse' && (
        <span className="flag flag-danger" title={t('flag.notEntitledHint')}>
          {t('flag.notEntitled')}
        </span>
      )}
      {flags.overQuota && (
        <span className="flag flag-warn" title={t('flag.overQuotaHint')}>
          {t('flag.overQuota')}
        </span>
      )}
      {flags.outsideHours && (
        <span
          className="flag flag-info"
          title={t(clock === 'starts' ? 'flag.outsideHoursHintStarts' : 'flag.outsideHoursHint')}
        >
          {t('flag.outsideHours')}
        </span>
      )}
    </span>
  );
}

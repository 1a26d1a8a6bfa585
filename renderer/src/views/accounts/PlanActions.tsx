// The customer panel's "Change plan" control and, after a change, what it did: the consequences the
// core returned (assignment ended, tickets and calls flagged, the quota again), calmly, where the
// person acted. Nothing is deleted by a plan change, and the summary says so.
import { useId, useState } from 'react';
import type { CustomerDetail, PlanChangeConsequences } from '../../../../shared/contract';
import { dateTimeString } from '../../components/DateTimeText';
import { QuotaInline } from '../../components/QuotaMeter';
import { systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useNav } from '../../state/nav';
import { usePlanName } from '../../state/rules';
import { useSession } from '../../state/session';
import { planChangeAccess } from './access';
import { ChangePlanDialog } from './ChangePlanDialog';
import { endedReasonText } from './ManagerActions';
import './accounts.css';

export function PlanActions({ detail }: { detail: CustomerDetail }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ customerId: number; value: PlanChangeConsequences } | null>(null);
  // Calls are reported by id; the panel knows which ticket each belongs to (read before the change,
  // since a flagged request stays listed until someone decides what happens to it).
  const [callTickets, setCallTickets] = useState<Record<number, number>>({});
  const { customer } = detail;
  const access = planChangeAccess(me, detail);
  if (!access.allowed && !access.visible && !result) return null;

  return (
    <div className="plan-actions">
      {access.allowed ? (
        <button
          type="button"
          className="small-button"
          onClick={() => {
            setCallTickets(Object.fromEntries(detail.upcomingCalls.map((c) => [c.id, c.ticketId])));
            setOpen(true);
          }}
        >
          {t('plan.change')}
        </button>
      ) : (
        access.visible && (
          <>
            <button type="button" className="small-button" disabled aria-describedby={reasonId}>
              {t('plan.change')}
            </button>
            <span id={reasonId} className="muted small">
              {t('plan.notYours')}
            </span>
          </>
        )
      )}
      {result && result.customerId === customer.id && (
        <PlanChangeSummary
          consequences={result.value}
          callTickets={callTickets}
          onDismiss={() => setResult(null)}
        />
      )}
      {open && (
        <ChangePlanDialog
          customer={{
            id: customer.id,
            name: customer.name,
            planId: customer.planId,
          }}
          onClose={() => setOpen(false)}
          onChanged={(value) => {
            setOpen(false);
            setResult({ customerId: customer.id, value });
          }}
        />
      )}
    </div>
  );
}

interface SummaryProps {
  consequences: PlanChangeConsequences;
  callTickets: Record<number, number>;
  onDismiss(): void;
}

export function PlanChangeSummary({ consequences: c, callTickets, onDismiss }: SummaryProps) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const openTicket = useNav((s) => s.openTicket);
  const planName = usePlanName();
  const from = planName(c.fromPlanId);
  const to = planName(c.toPlanId);
  const when = dateTimeString(c.effectiveAt, zone, true, lang);
  const headingId = useId();

  const ticketLinks = (ids: number[]) => (
    <span className="id-links">
      {ids.map((id) => (
        <button key={id} type="button" className="link-button" onClick={() => openTicket(id)}>
          {t('consequence.ticketLink', { id })}
        </button>
      ))}
    </span>
  );
  const nothingFlagged =
    c.applied &&
    !c.managerAssignmentEnded &&
    c.ticketsFlagged.length === 0 &&
    c.ticketsUnflagged.length === 0 &&
    c.callsFlagged.length === 0 &&
    c.callsUnflagged.length === 0;

  return (
    <section className="consequences" role="status" aria-labelledby={headingId}>
      <h4 id={headingId} className="subheading">
        {c.applied ? t('consequence.applied', { from, to }) : t('consequence.scheduled', { from, to, when })}
      </h4>
      {c.applied ? (
        <ul className="consequence-list">
          <li className="muted small">{t('consequence.effective', { when })}</li>
          {c.managerAssignmentEnded && (
            <li data-consequence="assignment-ended">
              {t('consequence.managerEnded', {
                manager: c.managerAssignmentEnded.managerName,
                reason: endedReasonText(c.managerAssignmentEnded.endedReason, t),
              })}
            </li>
          )}
          {c.ticketsFlagged.length > 0 && (
            <li data-consequence="tickets-flagged">
              {t('consequence.ticketsFlagged', { n: c.ticketsFlagged.length })}{' '}
              {ticketLinks(c.ticketsFlagged)}
            </li>
          )}
          {c.ticketsUnflagged.length > 0 && (
            <li data-consequence="tickets-unflagged">
              {t('consequence.ticketsUnflagged', { n: c.ticketsUnflagged.length })}{' '}
              {ticketLinks(c.ticketsUnflagged)}
            </li>
          )}
          {c.callsFlagged.length > 0 && (
            <li data-consequence="calls-flagged">
              {t('consequence.callsFlagged', { n: c.callsFlagged.length })}{' '}
              {ticketLinks(
                c.callsFlagged.flatMap((id) => {
                  const ticketId = callTickets[id];
                  return ticketId === undefined ? [] : [ticketId];
                }),
              )}
            </li>
          )}
          {c.callsUnflagged.length > 0 && (
            <li data-consequence="calls-unflagged">
              {t('consequence.callsUnflagged', { n: c.callsUnflagged.length })}
            </li>
          )}
          {c.quota && (
            <li data-consequence="quota">
              {t('consequence.quota')} <QuotaInline quota={c.quota} />
            </li>
          )}
          {nothingFlagged && <li>{t('consequence.nothing')}</li>}
        </ul>
      ) : (
        <p className="small">{t('consequence.later')}</p>
      )}
      <p className="muted small">{t('consequence.kept')}</p>
      <p>
        <button type="button" className="small-button" onClick={onDismiss}>
          {t('consequence.dismiss')}
        </button>
      </p>
    </section>
  );
}

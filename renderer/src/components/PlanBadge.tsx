import { useLang, useT } from '../i18n';
import { planName as planNameIn, planShortName } from '../i18n/plans';

interface PlanBadgeProps {
  planId: string;
  /** The rule set's name (English). */
  planName: string;
  /** The short form, full name in the tooltip: where the customer's name has priority. */
  compact?: boolean;
  paid: boolean;
  express: boolean;
}

/** The plan as a coloured pill: Free, paid, and Express plans read apart at a glance. */
export function PlanBadge({ planId, planName, paid, express, compact = false }: PlanBadgeProps) {
  const lang = useLang();
  const tier = express ? 'express' : paid ? 'paid' : 'free';
  const full = planNameIn(lang, planId, planName);
  if (!compact) return <span className={`plan-badge plan-${tier}`}>{full}</span>;
  return (
    <span className={`plan-badge plan-${tier}`} title={full}>
      <span aria-hidden="true">{planShortName(lang, planId, planName)}</span>
      <span className="visually-hidden">{full}</span>
    </span>
  );
}

/** The Express marker: Express plans get phone support and, on Enterprise Express, a manager. */
export function ExpressMarker() {
  const t = useT();
  return (
    <span className="express-marker" title={t('badge.expressHint')}>
      <span aria-hidden="true">⚡</span> {t('badge.express')}
    </span>
  );
}

/**
 * Where a plan badge goes on a ticket: the customer's plan, or, for mail from an address no customer
 * has, the "Unknown customer" marker (no plan, so nothing is decided until someone links it).
 */
export function TicketPlanBadge({
  ticket,
  compact = false,
}: {
  ticket: { planId: string | null; planName: string | null; paid: boolean; express: boolean };
  compact?: boolean;
}) {
  const t = useT();
  if (ticket.planId === null) {
    return (
      <span className="plan-badge plan-unknown" data-unknown-customer="">
        {t('ticket.unknownCustomer')}
      </span>
    );
  }
  // The rule set's name is only the fallback for a plan the dictionaries do not know.
  const { planId, planName: ruleSetName } = ticket;
  return (
    <PlanBadge
      compact={compact}
      planId={planId}
      planName={ruleSetName ?? planId}
      paid={ticket.paid}
      express={ticket.express}
    />
  );
}

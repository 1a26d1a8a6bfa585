// One customer: what their plan entitles them to right now (computed by the rules engine in
// customers.get), their quota, manager, plan history, other tickets and upcoming calls.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { CustomerDetail } from '../../../shared/contract';
import type { ChannelEntitlement } from '../../../shared/domain';
import { DateTimeText } from '../components/DateTimeText';
import { EntitlementBadge } from '../components/EntitlementBadge';
import { ErrorNote } from '../components/ErrorNote';
import { ExternalLink } from '../components/ExternalLink';
import { ExpressMarker, PlanBadge } from '../components/PlanBadge';
import { QuotaMeter } from '../components/QuotaMeter';
import { Tooltip } from '../components/Tooltip';
import { formatHours } from '../format/hours';
import { formatDate, formatFull, systemZone, zoneLabel } from '../format/time';
import { useLang, useT } from '../i18n';
import { reasonText } from '../i18n/reasons';
import { useChannelClocks, useNow } from '../state/clock';
import { useDataChanged } from '../state/live';
import { useNav } from '../state/nav';
import { useResource } from '../state/resource';
import { usePlanName } from '../state/rules';
import { useSession } from '../state/session';
import { api } from '../transport';
import { ManagerActions } from './accounts/ManagerActions';
import { PlanActions } from './accounts/PlanActions';

const PANEL_TOPICS = new Set(['tickets', 'messages', 'assignments', 'staff', 'calls', 'customers']);

/**
 * `embedded`: beside an open ticket (it follows the ticket; no close button, no focus grab).
 * Otherwise a panel opened on its own, which takes focus and closes with Escape.
 */
export function CustomerPanel({ customerId, embedded = false }: { customerId: number; embedded?: boolean }) {
  const t = useT();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const close = useNav((s) => s.closeCustomer);
  const returnFocusTo = useNav((s) => s.returnFocusTo);
  const now = useNow();
  const detail = useResource(`customer:${customerId}`, () => api['customers.get']({ id: customerId }));
  const ingest = useChannelClocks((s) => s.ingestEntitlements);
  useDataChanged(
    (change) => change.customerIds.includes(customerId) || change.topics.some((x) => PANEL_TOPICS.has(x)),
    detail.reload,
  );
  useEffect(() => {
    if (detail.data) ingest(detail.data.entitlements);
  }, [detail.data, ingest]);

  const heading = useRef<HTMLHeadingElement>(null);
  // A panel opened on its own takes focus so keyboard users land on what they asked for.
  useEffect(() => {
    if (!embedded) heading.current?.focus();
  }, [customerId, embedded]);

  function closePanel() {
    close();
    if (returnFocusTo?.isConnected) returnFocusTo.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (!embedded && event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      closePanel();
    }
  }

  const data = detail.data;
  const titleId = embedded ? 'ticket-customer-title' : 'customer-title';
  return (
    <aside
      className={embedded ? 'customer-panel embedded' : 'customer-panel'}
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
    >
      <div className="panel-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {data ? data.customer.name : t('customer.title')}
        </h2>
        {!embedded && (
          <button type="button" className="icon-button" onClick={closePanel} aria-label={t('customer.close')}>
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      {detail.error && <ErrorNote error={detail.error} onRetry={detail.reload} />}
      {!data && detail.loading && (
        <p className="muted" role="status">
          {t('customer.loading')}
        </p>
      )}
      {data && <CustomerBody detail={data} zone={zone} now={now} />}
    </aside>
  );
}

function CustomerBody({ detail, zone, now }: { detail: CustomerDetail; zone: string; now: number }) {
  const t = useT();
  const lang = useLang();
  const { customer, entitlements, manager } = detail;
  const openTicket = useNav((s) => s.openTicket);
  const planName = usePlanName();
  const pm = entitlements.personalManager;
  return (
    <div className="panel-body">
      <p className="customer-meta">
        {customer.company && <span>{customer.company}</span>}
        <span>{customer.accountEmail}</span>
        {customer.zone && <span>{customer.zone}</span>}
      </p>
      <p className="plan-line">
        <span className="visually-hidden">{t('punct.colon', { text: t('customer.plan') })} </span>
        <PlanBadge
          planId={entitlements.planId}
          planName={entitlements.planName}
          paid={entitlements.paid}
          express={entitlements.express}
        />
        {entitlements.express && <ExpressMarker />}
        <span className="muted small">
          <span title={formatFull(customer.planSince, zone, lang)}>
            {t('customer.planSince', { date: formatDate(customer.planSince, zone, lang) })}
          </span>
        </span>
      </p>
      <PlanActions detail={detail} />

      <section aria-labelledby="channels-title" className="panel-section">
        <h3 id="channels-title">{t('customer.channels')}</h3>
        <p className="hint">{t('customer.channelsHint', { zone, label: zoneLabel(zone, lang, now) })}</p>
        <ul className="entitlements">
          {entitlements.channels.map((e) => (
            <li
              key={e.channel}
              className={e.allowed ? 'entitlement allowed' : 'entitlement refused'}
              data-channel={e.channel}
            >
              <EntitlementBadge entitlement={e} />
              <span className="entitlement-when">
                <span className="entitlement-hours">{formatHours(e.openingHours, lang, t)}</span>
                <OpenState entitlement={e} zone={zone} now={now} />
              </span>
            </li>
          ))}
        </ul>
      </section>

      {entitlements.quota && (
        <section aria-labelledby="quota-title" className="panel-section">
          <h3 id="quota-title">{t('customer.quotaTitle', { plan: planName(entitlements.planId) })}</h3>
          <QuotaMeter quota={entitlements.quota} />
        </section>
      )}

      <section aria-labelledby="manager-title" className="panel-section">
        <h3 id="manager-title">{t('customer.manager')}</h3>
        <p className="manager-line">
          <Tooltip content={reasonText(pm.reason, lang)}>
            {(trigger) => (
              <button
                type="button"
                className={pm.entitled ? 'entitlement-badge allowed' : 'entitlement-badge refused'}
                data-manager={pm.entitled}
                {...trigger}
              >
                <span className="entitlement-icon" aria-hidden="true">
                  {pm.entitled ? '✓' : '✕'}
                </span>
                <span className="entitlement-name">{t('customer.manager')}</span>
                <span className="entitlement-state">
                  {pm.entitled ? t('badge.entitled') : t('badge.notOnPlan')}
                </span>
              </button>
            )}
          </Tooltip>
          {manager ? (
            <span className="manager-name">
              {t('customer.managerSince', {
                name: manager.name,
                date: formatDate(manager.since, zone, lang),
              })}
            </span>
          ) : (
            pm.entitled && <span className="warn-text">{t('customer.noManager')}</span>
          )}
        </p>
        <ManagerActions detail={detail} />
      </section>

      <section aria-labelledby="calls-title" className="panel-section">
        <h3 id="calls-title">{t('customer.calls')}</h3>
        {detail.upcomingCalls.length === 0 ? (
          <p className="muted">{t('customer.noCalls')}</p>
        ) : (
          <ul className="calls">
            {detail.upcomingCalls.map((c) => (
              <li key={c.id}>
                {c.startsAt !== null ? (
                  <DateTimeText ms={c.startsAt} zone={zone} withGmt now={now} />
                ) : (
                  <span className="muted">{t('customer.callRequested')}</span>
                )}
                <span>
                  {c.tool === 'google_meet' ? 'Google Meet' : c.tool === 'skype' ? 'Skype' : c.tool}
                </span>
                <span className="muted">{c.agentName ?? t('ticket.unassigned')}</span>
                <button type="button" className="link-button" onClick={() => openTicket(c.ticketId)}>
                  #{c.ticketId}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="recent-title" className="panel-section">
        <h3 id="recent-title">{t('customer.tickets')}</h3>
        {detail.recentTickets.length === 0 ? (
          <p className="muted">{t('customer.noTickets')}</p>
        ) : (
          <ul className="recent-tickets">
            {detail.recentTickets.map((ticket) => (
              <li key={ticket.id}>
                <span className="recent-channel">{t(`channel.${ticket.channel}`)}</span>
                <button
                  type="button"
                  className="link-button recent-subject"
                  onClick={() => openTicket(ticket.id)}
                  title={ticket.subject}
                >
                  {ticket.subject}
                </button>
                <span className={`status status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
                {ticket.intakeOutcome === 'refuse' && (
                  <span className="flag flag-refused">{t('flag.refused')}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {detail.planHistory.length > 0 && (
        <section aria-labelledby="history-title" className="panel-section">
          <h3 id="history-title">{t('customer.history')}</h3>
          <ul className="plan-history">
            {detail.planHistory.map((h) => (
              <li key={h.id}>
                <span title={formatFull(h.effectiveAt, zone, lang)}>
                  {formatDate(h.effectiveAt, zone, lang)}
                </span>
                : {h.fromPlanId ? `${planName(h.fromPlanId)} → ${planName(h.planId)}` : planName(h.planId)}
                {h.reason && <span className="muted"> · {h.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="community-title" className="panel-section">
        <h3 id="community-title">{t('customer.community')}</h3>
        <p>
          {t('customer.communityText')}{' '}
          <ExternalLink href={entitlements.community.url}>{entitlements.community.name}</ExternalLink>
        </p>
      </section>
      <p className="muted small">{t('customer.ruleSet', { version: entitlements.ruleSetVersion })}</p>
    </div>
  );
}

function OpenState({
  entitlement,
  zone,
  now,
}: {
  entitlement: ChannelEntitlement;
  zone: string;
  now: number;
}) {
  const t = useT();
  // When the channel opens means nothing to a customer whose plan does not have it.
  if (!entitlement.allowed && entitlement.reason.code === 'channel.not_on_plan') return null;
  if (entitlement.openNow) return <span className="open-state open">{t('customer.openNow')}</span>;
  if (entitlement.nextOpen === null)
    return <span className="open-state muted">{t('customer.neverOpens')}</span>;
  return (
    <span className="open-state closed">
      {t('customer.opens')}{' '}
      <DateTimeText ms={entitlement.nextOpen} zone={zone} withGmt={entitlement.openingHours.gmt} now={now} />
    </span>
  );
}

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
import { channelLabels, statusLabels } from '../format/labels';
import { formatDate, formatFull, hoursAreGmt, systemZone, zoneLabel } from '../format/time';
import { useRules } from '../state/rules';
import { useDataChanged } from '../state/live';
import { useNow, useResource } from '../state/resource';
import { useSelection } from '../state/selection';
import { useSession } from '../state/session';
import { api } from '../transport';

const PANEL_TOPICS = new Set(['tickets', 'messages', 'assignments', 'staff']);

/** One customer: what their plan entitles them to right now, and their recent history. */
export function CustomerPanel({ customerId }: { customerId: number }) {
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const close = useSelection((s) => s.closeCustomer);
  const returnFocusTo = useSelection((s) => s.returnFocusTo);
  const now = useNow();
  const detail = useResource(`customer:${customerId}`, () => api['customers.get']({ id: customerId }));
  useDataChanged(
    (change) =>
      change.customerIds.includes(customerId) ||
      change.topics.includes('customers') ||
      change.topics.some((t) => PANEL_TOPICS.has(t)),
    detail.reload,
  );

  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus into the panel when a customer is opened so keyboard users land on what they asked for.
  useEffect(() => {
    heading.current?.focus();
  }, [customerId]);

  function closePanel() {
    close();
    if (returnFocusTo?.isConnected) returnFocusTo.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape' && !event.defaultPrevented) closePanel();
  }

  const data = detail.data;
  return (
    <aside className="customer-panel" aria-labelledby="customer-title" onKeyDown={onKeyDown}>
      <div className="panel-header">
        <h2 id="customer-title" ref={heading} tabIndex={-1}>
          {data ? data.customer.name : 'Customer'}
        </h2>
        <button type="button" className="icon-button" onClick={closePanel} aria-label="Close customer">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {detail.error && <ErrorNote error={detail.error} onRetry={detail.reload} />}
      {!data && detail.loading && (
        <p className="muted" role="status">
          Loading customer…
        </p>
      )}
      {data && <CustomerBody detail={data} zone={zone} now={now} />}
    </aside>
  );
}

function CustomerBody({ detail, zone, now }: { detail: CustomerDetail; zone: string; now: number }) {
  const { customer, entitlements, manager } = detail;
  const plans = useRules((s) => s.rules?.plans);
  const planName = (id: string) => plans?.find((p) => p.id === id)?.name ?? id;
  return (
    <div className="panel-body">
      <p className="customer-meta">
        {customer.company && <span>{customer.company}</span>}
        <span>{customer.accountEmail}</span>
        {customer.zone && <span>{customer.zone}</span>}
      </p>
      <p className="plan-line">
        <PlanBadge planName={customer.planName} paid={customer.paid} express={customer.express} />
        {entitlements.express && <ExpressMarker />}
        <span className="muted small">
          <span title={formatFull(customer.planSince, zone)}>
            On this plan since {formatDate(customer.planSince, zone)}
          </span>
        </span>
      </p>

      <section aria-labelledby="channels-title" className="panel-section">
        <h3 id="channels-title">Support channels</h3>
        <p className="hint">
          Hover or focus a channel to read the rule. Times in {zone} ({zoneLabel(zone, now)}).
        </p>
        <ul className="entitlements">
          {entitlements.channels.map((e) => (
            <li key={e.channel} className={e.allowed ? 'entitlement allowed' : 'entitlement refused'}>
              <EntitlementBadge entitlement={e} />
              <span className="entitlement-hours">{e.hours}</span>
              <OpenState entitlement={e} zone={zone} now={now} />
            </li>
          ))}
        </ul>
      </section>

      {entitlements.quota && (
        <section aria-labelledby="quota-title" className="panel-section">
          <h3 id="quota-title">Free plan quota</h3>
          <QuotaMeter quota={entitlements.quota} label="Messages in topics and blog comments" />
        </section>
      )}

      <section aria-labelledby="manager-title" className="panel-section">
        <h3 id="manager-title">Personal manager</h3>
        <p className="manager-line">
          <Tooltip content={entitlements.personalManager.reason.text}>
            {(trigger) => (
              <button
                type="button"
                className={
                  entitlements.personalManager.entitled
                    ? 'entitlement-badge allowed'
                    : 'entitlement-badge refused'
                }
                {...trigger}
              >
                <span className="entitlement-icon" aria-hidden="true">
                  {entitlements.personalManager.entitled ? '✓' : '✕'}
                </span>
                <span className="entitlement-name">Personal manager</span>
                <span className="entitlement-state">
                  {entitlements.personalManager.entitled ? 'entitled' : 'not on plan'}
                </span>
              </button>
            )}
          </Tooltip>
          {manager ? (
            <span>
              {manager.name}, since {formatDate(manager.since, zone)}
            </span>
          ) : (
            entitlements.personalManager.entitled && (
              <span className="warn-text">No manager assigned yet.</span>
            )
          )}
        </p>
      </section>

      <section aria-labelledby="community-title" className="panel-section">
        <h3 id="community-title">Community</h3>
        <p>
          Everyone can ask other users in{' '}
          <ExternalLink href={entitlements.community.url}>{entitlements.community.name}</ExternalLink>.
        </p>
      </section>

      <section aria-labelledby="recent-title" className="panel-section">
        <h3 id="recent-title">Recent tickets</h3>
        {detail.recentTickets.length === 0 ? (
          <p className="muted">No tickets yet.</p>
        ) : (
          <ul className="recent-tickets">
            {detail.recentTickets.map((t) => (
              <li key={t.id}>
                <span className="recent-channel">{channelLabels[t.channel]}</span>
                <span className="recent-subject">{t.subject}</span>
                <span className={`status status-${t.status}`}>{statusLabels[t.status]}</span>
                {t.intakeOutcome === 'refuse' && <span className="flag flag-refused">Refused</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {detail.planHistory.length > 0 && (
        <section aria-labelledby="history-title" className="panel-section">
          <h3 id="history-title">Plan history</h3>
          <ul className="plan-history">
            {detail.planHistory.map((h) => (
              <li key={h.id}>
                <span title={formatFull(h.effectiveAt, zone)}>{formatDate(h.effectiveAt, zone)}</span>:{' '}
                {h.fromPlanId ? `${planName(h.fromPlanId)} → ${planName(h.planId)}` : planName(h.planId)}
                {h.reason && <span className="muted"> · {h.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="muted small">Rule set {entitlements.ruleSetVersion}</p>
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
  if (entitlement.openNow) return <span className="open-state open">Open now</span>;
  if (entitlement.nextOpen === null) return <span className="open-state muted">Never opens</span>;
  return (
    <span className="open-state closed">
      Opens{' '}
      <DateTimeText
        ms={entitlement.nextOpen}
        zone={zone}
        withGmt={hoursAreGmt(entitlement.hours)}
        now={now}
      />
    </span>
  );
}

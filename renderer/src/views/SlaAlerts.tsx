// The person's SLA alerts in the console (a polite live region, so a screen reader hears them
// without losing its place) and the switch for desktop notifications.
import { useT } from '../i18n';
import { openAlertTicket, useSlaAlerts } from '../state/slaAlerts';

export function SlaAlertTray() {
  const t = useT();
  const alerts = useSlaAlerts((s) => s.alerts);
  const dismiss = useSlaAlerts((s) => s.dismiss);
  return (
    <section className="sla-alerts" aria-label={t('slaAlert.region')}>
      <div role="status" aria-live="polite">
        <ul>
          {alerts.map((alert) => (
            <li
              key={alert.key}
              className={`sla-alert sla-alert-${alert.kind}`}
              data-ticket-id={alert.ticketId ?? undefined}
            >
              <div className="sla-alert-text">
                <strong>{alert.title}</strong>
                <span>{alert.body}</span>
              </div>
              <div className="sla-alert-actions">
                <button
                  type="button"
                  onClick={() => {
                    dismiss(alert.key);
                    openAlertTicket(alert.ticketId);
                  }}
                >
                  {alert.ticketId === null ? t('slaAlert.openQueue') : t('slaAlert.open')}
                </button>
                <button type="button" aria-label={t('slaAlert.dismiss')} onClick={() => dismiss(alert.key)}>
                  <span aria-hidden="true">×</span>
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** On, off, or what stops it (the browser refused, or this system has no notifications). */
export function NotificationSwitch() {
  const t = useT();
  const enabled = useSlaAlerts((s) => s.enabled);
  const permission = useSlaAlerts((s) => s.permission);
  const setEnabled = useSlaAlerts((s) => s.setEnabled);
  const unavailable = permission === 'blocked' || permission === 'unsupported';
  const on = enabled && permission === 'granted';
  const label = unavailable
    ? t(permission === 'blocked' ? 'slaAlert.notifyBlocked' : 'slaAlert.notifyUnsupported')
    : t('slaAlert.notify');
  // Icon-only in the crowded top bar; its name says what it is and its state, for everyone.
  return (
    <button
      type="button"
      className="notify-switch"
      aria-pressed={on}
      aria-label={label}
      disabled={unavailable}
      title={
        unavailable
          ? label
          : `${label}: ${t(on ? 'slaAlert.notifyOn' : 'slaAlert.notifyOff')}. ${t('slaAlert.notifyHint')}`
      }
      onClick={() => void setEnabled(!on)}
    >
      <BellIcon muted={!on} />
    </button>
  );
}

/** Drawn rather than an emoji: not every system has a font with one. */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg
      className="bell-icon"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M8 1.5a4 4 0 0 0-4 4v2.6L2.6 11h10.8L12 8.1V5.5a4 4 0 0 0-4-4zM6.3 12.5a1.8 1.8 0 0 0 3.4 0z"
        fill="currentColor"
      />
      {muted && <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.6" />}
    </svg>
  );
}

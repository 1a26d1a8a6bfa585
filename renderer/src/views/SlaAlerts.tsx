// The person's SLA alerts: a bell in the top bar with their count, opening the list (open the
// ticket, dismiss) and the desktop-notification switch. Nothing floats over the work: a new alert
// changes the count and is read out by a polite live region, and the desktop notification (when
// on) is what reaches a person looking elsewhere.
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';
import { openAlertTicket, useSlaAlerts } from '../state/slaAlerts';

export function SlaAlertsMenu() {
  const t = useT();
  const alerts = useSlaAlerts((s) => s.alerts);
  const dismiss = useSlaAlerts((s) => s.dismiss);
  const enabled = useSlaAlerts((s) => s.enabled);
  const [open, setOpen] = useState(false);
  const id = useId();
  const anchor = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // A click anywhere else closes the list, as a menu would.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !anchor.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const latest = alerts[0];
  return (
    <span
      className="popover-anchor sla-alerts-anchor"
      ref={anchor}
      onKeyDown={(event) => {
        if (!open) return;
        // The list's keys stay in the list (the queue's shortcuts must not fire behind it).
        event.stopPropagation();
        if (event.key === 'Escape') {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="sla-alerts-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={t('slaAlert.button', { n: alerts.length })}
        title={t('slaAlert.button', { n: alerts.length })}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon muted={!enabled} />
        {alerts.length > 0 && (
          <span className="sla-alerts-count" aria-hidden="true">
            {alerts.length}
          </span>
        )}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {latest ? `${latest.title}. ${latest.body}` : ''}
      </span>
      {open && (
        <div id={id} className="popover sla-alerts" role="group" aria-label={t('slaAlert.region')}>
          {alerts.length === 0 ? (
            <p className="muted">{t('slaAlert.none')}</p>
          ) : (
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
                        setOpen(false);
                        openAlertTicket(alert.ticketId);
                      }}
                    >
                      {alert.ticketId === null ? t('slaAlert.openQueue') : t('slaAlert.open')}
                    </button>
                    <button
                      type="button"
                      aria-label={t('slaAlert.dismissOne', { title: alert.title })}
                      onClick={() => dismiss(alert.key)}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <NotificationSwitch />
        </div>
      )}
    </span>
  );
}

/** On, off, or what stops it (the browser refused, or this system has no notifications). */
function NotificationSwitch() {
  const t = useT();
  const enabled = useSlaAlerts((s) => s.enabled);
  const permission = useSlaAlerts((s) => s.permission);
  const setEnabled = useSlaAlerts((s) => s.setEnabled);
  const hintId = useId();
  const unavailable = permission === 'blocked' || permission === 'unsupported';
  return (
    <div className="sla-notify">
      <label className="checkbox">
        <input
          type="checkbox"
          role="switch"
          checked={enabled && permission === 'granted'}
          disabled={unavailable}
          aria-describedby={hintId}
          onChange={(e) => void setEnabled(e.target.checked)}
        />
        {t('slaAlert.notify')}
      </label>
      <p id={hintId} className="hint">
        {unavailable
          ? t(permission === 'blocked' ? 'slaAlert.notifyBlocked' : 'slaAlert.notifyUnsupported')
          : t('slaAlert.notifyHint')}
      </p>
    </div>
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

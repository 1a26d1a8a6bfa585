// The lead's "Receiving mail" panel: where the intake reads mail, a check of the mailbox, what the
// last checks found (an unknown sender's mail is a ticket of its own, in the queue's Unknown customer
// view). The core validates,
// seals the password and decides; this panel shows and words it.
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { ImapStatus, ImapTestResult, MailInboundItem } from '../../../../shared/mail-in';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT, type MessageKey } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { RemoveSettings } from './RemoveSettings';

export function MailInSettings() {
  const t = useT();
  const status = useResource('channels.imap', () => api['channels.imap.get']({}));
  useDataChanged((c) => c.topics.includes('settings') || c.topics.includes('tickets'), status.reload);
  return (
    <div className="mail-in">
      <h2>{t('mailIn.title')}</h2>
      <p className="muted">{t('mailIn.intro')}</p>
      {status.error && <ErrorNote error={status.error} onRetry={status.reload} />}
      {status.data && (
        <div className="mail-in-columns">
          <SettingsForm status={status.data} onSaved={status.reload} />
          <MailboxStatus status={status.data} onChecked={status.reload} />
        </div>
      )}
      {status.data && status.data.settings.host !== '' && (
        <p className="form-actions">
          <RemoveSettings
            title={t('mailIn.removeTitle')}
            consequence={t('mailIn.removeConsequence')}
            remove={async () => {
              const result = await api['channels.imap.remove']({});
              return result.ok ? null : result.error;
            }}
            onRemoved={status.reload}
          />
        </p>
      )}
      {status.data && <RecentMail items={status.data.recent} />}
    </div>
  );
}

function SettingsForm({ status, onSaved }: { status: ImapStatus; onSaved(): void }) {
  const t = useT();
  const id = useId();
  const s = status.settings;
  const [form, setForm] = useState({
    enabled: s.enabled,
    host: s.host,
    port: String(s.port),
    security: s.security,
    user: s.user,
    password: '',
    mailbox: s.mailbox,
    pollSeconds: String(s.pollSeconds),
  });
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api['channels.imap.update']({
      enabled: form.enabled,
      host: form.host,
      port: Number(form.port),
      security: form.security,
      user: form.user,
      ...(form.password ? { password: form.password } : {}),
      mailbox: form.mailbox,
      pollSeconds: Number(form.pollSeconds),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    // The password is sealed in the core now; the field goes back to "stored, leave empty".
    setForm((f) => ({ ...f, password: '' }));
    setSaved(true);
    onSaved();
  }

  const field = (name: keyof typeof form, label: MessageKey, input: ReactElement) => (
    <p className="form-row">
      <label htmlFor={`${id}-${name}`}>{t(label)}</label>
      {input}
      {error?.field === name && (
        <span className="field-error" id={`${id}-${name}-error`}>
          {error.message}
        </span>
      )}
    </p>
  );
  const invalid = (name: string) =>
    error?.field === name ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {};

  return (
    <form className="mail-in-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('mailIn.settings')}</h3>
      <p className="form-row">
        <label>
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />{' '}
          {t('mailIn.enabled')}
        </label>
      </p>
      {field(
        'host',
        'mailIn.host',
        <input
          id={`${id}-host`}
          value={form.host}
          onChange={(e) => set({ host: e.target.value })}
          {...invalid('host')}
        />,
      )}
      {field(
        'port',
        'mailIn.port',
        <input
          id={`${id}-port`}
          inputMode="numeric"
          value={form.port}
          onChange={(e) => set({ port: e.target.value })}
          {...invalid('port')}
        />,
      )}
      {field(
        'security',
        'mailIn.security',
        <select
          id={`${id}-security`}
          value={form.security}
          onChange={(e) => set({ security: e.target.value as typeof form.security })}
        >
          <option value="tls">{t('mailIn.security.tls')}</option>
          <option value="starttls">{t('mailIn.security.starttls')}</option>
          <option value="none">{t('mailIn.security.none')}</option>
        </select>,
      )}
      {field(
        'user',
        'mailIn.user',
        <input
          id={`${id}-user`}
          autoComplete="off"
          value={form.user}
          onChange={(e) => set({ user: e.target.value })}
          {...invalid('user')}
        />,
      )}
      {field(
        'password',
        'mailIn.password',
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          placeholder={s.hasPassword ? t('mailIn.passwordKept') : ''}
          value={form.password}
          onChange={(e) => set({ password: e.target.value })}
          {...invalid('password')}
        />,
      )}
      <p className="muted small">{t('mailIn.sealedBy', { keeper: s.keeper })}</p>
      {field(
        'mailbox',
        'mailIn.mailbox',
        <input
          id={`${id}-mailbox`}
          value={form.mailbox}
          onChange={(e) => set({ mailbox: e.target.value })}
          {...invalid('mailbox')}
        />,
      )}
      {field(
        'pollSeconds',
        'mailIn.pollSeconds',
        <input
          id={`${id}-pollSeconds`}
          inputMode="numeric"
          value={form.pollSeconds}
          onChange={(e) => set({ pollSeconds: e.target.value })}
          {...invalid('pollSeconds')}
        />,
      )}
      {error && !error.field && <ErrorNote error={error} compact />}
      <p className="form-actions">
        <button type="submit" disabled={busy}>
          {t('mailIn.save')}
        </button>
        <span role="status" aria-live="polite" className="muted">
          {saved ? t('mailIn.saved') : ''}
        </span>
      </p>
    </form>
  );
}

function MailboxStatus({ status, onChecked }: { status: ImapStatus; onChecked(): void }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((x) => x.me?.zone) ?? systemZone();
  const [check, setCheck] = useState<ImapTestResult | null>(null);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const m = status.mailbox;
  const when = (ms: number | null) => (ms === null ? t('mailIn.never') : formatFull(ms, zone, lang));

  async function runCheck() {
    setBusy(true);
    setError(null);
    setCheck(null);
    const result = await api['channels.imap.test']({});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCheck(result.value);
    onChecked();
  }

  return (
    <section className="mail-in-status" aria-labelledby="mail-in-status-title">
      <h3 id="mail-in-status-title">{t('mailIn.status')}</h3>
      <dl className="mail-in-facts">
        <dt>{t('mailIn.lastCheck')}</dt>
        <dd>{when(m.lastCheckAt)}</dd>
        <dt>{t('mailIn.lastSuccess')}</dt>
        <dd>{when(m.lastSuccessAt)}</dd>
        <dt>{t('mailIn.lastError')}</dt>
        <dd
          className={
            m.lastError && (m.lastErrorAt ?? 0) >= (m.lastSuccessAt ?? 0) ? 'mail-in-error' : undefined
          }
        >
          {m.lastError ? `${m.lastError} (${when(m.lastErrorAt)})` : t('mailIn.none')}
        </dd>
      </dl>
      <ul className="mail-in-counts" aria-label={t('mailIn.counts')}>
        {(Object.keys(status.counts) as (keyof typeof status.counts)[]).map((outcome) => (
          <li key={outcome} data-outcome={outcome}>
            <strong>{status.counts[outcome]}</strong> {t(`mailIn.outcome.${outcome}`)}
          </li>
        ))}
      </ul>
      <p>
        <button type="button" onClick={() => void runCheck()} disabled={busy}>
          {t('mailIn.check')}
        </button>
      </p>
      <div role="status" aria-live="polite" className="mail-in-check">
        {check?.ok === true &&
          t(check.idle ? 'mailIn.checkOkIdle' : 'mailIn.checkOk', {
            messages: check.messages,
            unread: check.unread,
          })}
        {check?.ok === false && <span className="mail-in-error">{check.error}</span>}
      </div>
      {error && <ErrorNote error={error} compact />}
    </section>
  );
}

function RecentMail({ items }: { items: MailInboundItem[] }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((x) => x.me?.zone) ?? systemZone();
  if (items.length === 0) return <p className="muted">{t('mailIn.noMail')}</p>;
  return (
    // Scrolls sideways on a narrow window: focusable so the keyboard can scroll it too.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('mailIn.recent')}>
      <table className="mail-in-recent">
        <caption>{t('mailIn.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mailIn.received')}</th>
            <th scope="col">{t('mailIn.from')}</th>
            <th scope="col">{t('mailIn.subject')}</th>
            <th scope="col">{t('mailIn.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-outcome={item.outcome}>
              <td>{formatFull(item.receivedAt, zone, lang)}</td>
              <td>{item.from ?? t('mailIn.noSender')}</td>
              <td>{item.subject || t('mailIn.noSubject')}</td>
              <td>
                {t(`mailIn.row.${item.outcome}`)}
                {item.ticketId !== null && ` · #${item.ticketId}`}
                {item.notes.map((note) => (
                  <span key={note} className="flag">
                    {noteText(t, note)}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const noteKeys: Record<string, MessageKey> = {
  auto_submitted: 'mailIn.note.auto_submitted',
  answer_rate_limited: 'mailIn.note.answer_rate_limited',
  already_answered: 'mailIn.note.already_answered',
  too_large: 'mailIn.note.too_large',
  unknown_charset: 'mailIn.note.unknown_charset',
  attachment_too_large: 'mailIn.note.attachment_too_large',
  text_cut: 'mailIn.note.text_cut',
  duplicate: 'mailIn.note.duplicate',
  own_address: 'mailIn.note.own_address',
  linked: 'mailIn.note.linked',
  no_sender: 'mailIn.note.no_sender',
};

function noteText(t: ReturnType<typeof useT>, note: string): string {
  const key = noteKeys[note];
  // A failed mail's note is the error itself, already a sentence.
  return key ? t(key) : note;
}

// The lead's SMTP settings: the server, its security, the login (the password goes to the core once
// and is stored sealed; it is never shown again), the sender, and a test mail sent on request.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape, SmtpSecurity, SmtpSettings, SmtpTestResult } from '../../../../shared/contract';
import { smtpSecurities } from '../../../../shared/vocabulary';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';
import { RemoveSettings } from './RemoveSettings';

export function MailOutSettings() {
  const t = useT();
  const id = useId();
  const settings = useResource('channels.smtp.get', () => api['channels.smtp.get']({}));
  useDataChanged((change) => change.topics.includes('settings'), settings.reload);
  return (
    <section className="mail-out-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('smtp.title')}</h2>
      <p className="muted">{t('smtp.intro')}</p>
      {settings.error && <ErrorNote error={settings.error} onRetry={settings.reload} />}
      {settings.data && <SmtpForm settings={settings.data} />}
      {settings.data?.configured && <TestMail />}
      {settings.data?.configured && (
        <p className="form-actions">
          <RemoveSettings
            title={t('smtp.removeTitle')}
            consequence={t('smtp.removeConsequence')}
            remove={async () => {
              const result = await api['channels.smtp.remove']({ updatedAt: settings.data?.updatedAt ?? 0 });
              return result.ok ? null : result.error;
            }}
            onRemoved={settings.reload}
          />
        </p>
      )}
    </section>
  );
}

interface Draft {
  host: string;
  port: string;
  security: SmtpSecurity;
  user: string;
  password: string;
  removePassword: boolean;
  fromAddress: string;
  fromName: string;
  verifyCertificates: boolean;
}

function draftOf(s: SmtpSettings): Draft {
  return {
    host: s.host,
    port: String(s.port),
    security: s.security,
    user: s.user ?? '',
    password: '',
    removePassword: false,
    fromAddress: s.fromAddress,
    fromName: s.fromName,
    verifyCertificates: s.verifyCertificates,
  };
}

function SmtpForm({ settings }: { settings: SmtpSettings }) {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(settings)), [settings]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api['channels.smtp.update']({
      host: draft.host,
      // The core checks the number and names the field when it is wrong.
      port: draft.port.trim() === '' ? Number.NaN : Number(draft.port),
      security: draft.security,
      user: draft.user.trim() === '' ? null : draft.user,
      ...(draft.removePassword
        ? { password: null }
        : draft.password !== ''
          ? { password: draft.password }
          : {}),
      fromAddress: draft.fromAddress,
      fromName: draft.fromName,
      verifyCertificates: draft.verifyCertificates,
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setSaved(true);
  }

  const field = (name: string) => `${id}-${name}`;
  const invalid = (name: string) => (error?.field === name ? true : undefined);
  return (
    <form className="smtp-form" onSubmit={(e) => void save(e)} aria-describedby={`${id}-state`}>
      <p id={`${id}-state`} className="muted">
        {settings.configured && settings.updatedAt !== null
          ? t('smtp.lastSaved', { time: formatFull(settings.updatedAt, zone, lang) })
          : t('smtp.notConfigured')}
      </p>
      <div className="smtp-grid">
        <label htmlFor={field('host')}>{t('smtp.host')}</label>
        <input
          id={field('host')}
          type="text"
          autoComplete="off"
          value={draft.host}
          aria-invalid={invalid('host')}
          onChange={(e) => set('host', e.target.value)}
        />
        <label htmlFor={field('port')}>{t('smtp.port')}</label>
        <input
          id={field('port')}
          type="number"
          inputMode="numeric"
          value={draft.port}
          aria-invalid={invalid('port')}
          onChange={(e) => set('port', e.target.value)}
        />
        <label htmlFor={field('security')}>{t('smtp.security')}</label>
        <select
          id={field('security')}
          value={draft.security}
          onChange={(e) => set('security', e.target.value as SmtpSecurity)}
        >
          {smtpSecurities.map((s) => (
            <option key={s} value={s}>
              {t(`smtp.security.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor={field('user')}>{t('smtp.user')}</label>
        <input
          id={field('user')}
          type="text"
          autoComplete="off"
          value={draft.user}
          aria-invalid={invalid('user')}
          onChange={(e) => set('user', e.target.value)}
        />
        <label htmlFor={field('password')}>{t('smtp.password')}</label>
        <span>
          <input
            id={field('password')}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            disabled={draft.removePassword}
            aria-describedby={field('password-help')}
            aria-invalid={invalid('password')}
            onChange={(e) => set('password', e.target.value)}
          />
          <br />
          <span id={field('password-help')} className="muted small">
            {settings.passwordSet ? t('smtp.passwordKept') : t('smtp.passwordNone')}{' '}
            {t('smtp.sealed', { keeper: settings.keeper })}
          </span>
          {settings.passwordSet && (
            <>
              <br />
              <label>
                <input
                  type="checkbox"
                  checked={draft.removePassword}
                  onChange={(e) => set('removePassword', e.target.checked)}
                />{' '}
                {t('smtp.removePassword')}
              </label>
            </>
          )}
        </span>
        <label htmlFor={field('fromAddress')}>{t('smtp.fromAddress')}</label>
        <input
          id={field('fromAddress')}
          type="email"
          value={draft.fromAddress}
          aria-invalid={invalid('fromAddress')}
          onChange={(e) => set('fromAddress', e.target.value)}
        />
        <label htmlFor={field('fromName')}>{t('smtp.fromName')}</label>
        <input
          id={field('fromName')}
          type="text"
          value={draft.fromName}
          aria-invalid={invalid('fromName')}
          onChange={(e) => set('fromName', e.target.value)}
        />
        <span />
        <label>
          <input
            type="checkbox"
            checked={draft.verifyCertificates}
            onChange={(e) => set('verifyCertificates', e.target.checked)}
          />{' '}
          {t('smtp.verify')}
        </label>
      </div>
      <p>
        <button type="submit" disabled={busy}>
          {t('smtp.save')}
        </button>{' '}
        {saved && <span role="status">{t('smtp.saved')}</span>}
      </p>
      {error && <ErrorNote error={error} compact context={t('smtp.notSaved')} />}
    </form>
  );
}

function TestMail() {
  const t = useT();
  const id = useId();
  const me = useSession((s) => s.me?.email) ?? '';
  const [to, setTo] = useState(me);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [result, setResult] = useState<SmtpTestResult | null>(null);

  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const answer = await api['channels.smtp.test']({ to });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setResult(answer.value);
  }

  return (
    <form className="smtp-test" onSubmit={(e) => void send(e)}>
      <h3>{t('smtp.test')}</h3>
      <label htmlFor={`${id}-to`}>{t('smtp.testTo')}</label>{' '}
      <input id={`${id}-to`} type="email" value={to} onChange={(e) => setTo(e.target.value)} />{' '}
      <button type="submit" disabled={busy}>
        {busy ? t('smtp.testSending') : t('smtp.test')}
      </button>
      <div role="status" aria-live="polite">
        {result?.ok && (
          <p className="smtp-test-ok">{t('smtp.testOk', { response: result.response ?? '' })}</p>
        )}
        {result && !result.ok && result.error && (
          <p className="smtp-test-failed">
            {t('smtp.testFailed')} {t(`mailError.${result.error.code}`)}{' '}
            <span className="muted">{t('outbox.serverSaid', { text: result.error.detail })}</span>
          </p>
        )}
      </div>
      {error && <ErrorNote error={error} compact />}
    </form>
  );
}

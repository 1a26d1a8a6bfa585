// The website channel's panel (a lead's): switch it on and off, the endpoint and its headers, the
// signing secret (created or rotated, shown once), a test post through the endpoint's own checks, and
// what arrived lately. The core decides everything; this view shows its answers.
import { useId, useState, type FormEvent } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type {
  WebsiteLanguage,
  WebsitePostKind,
  WebsiteRecent,
  WebsiteSettings as Settings,
  WebsiteTestResult,
} from '../../../../shared/website';
import { websiteLanguages } from '../../../../shared/website';
import { ErrorNote } from '../../components/ErrorNote';
import { formatFull, systemZone } from '../../format/time';
import { useLang, useT, type MessageKey } from '../../i18n';
import { reasonText } from '../../i18n/reasons';
import { useDataChanged } from '../../state/live';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { api } from '../../transport';

const kinds: readonly WebsitePostKind[] = ['topic_question', 'blog_comment', 'call_request'];

export function WebsiteSettings() {
  const t = useT();
  const settings = useResource('channels.website.get', () => api['channels.website.get']({}));
  const recent = useResource('channels.website.recent', () => api['channels.website.recent']({ limit: 20 }));
  useDataChanged(
    (change) => change.topics.includes('settings') || change.topics.includes('website'),
    () => {
      settings.reload();
      recent.reload();
    },
  );

  return (
    <section className="website-panel" aria-labelledby="website-title">
      <h2 id="website-title">{t('website.title')}</h2>
      <p className="muted">{t('website.intro')}</p>
      {settings.error && <ErrorNote error={settings.error} onRetry={settings.reload} />}
      {settings.data && (
        <>
          <Switch settings={settings.data} reload={settings.reload} />
          <Endpoint settings={settings.data} />
          <Secret settings={settings.data} reload={settings.reload} />
          <TestPost />
        </>
      )}
      {recent.error && <ErrorNote error={recent.error} onRetry={recent.reload} />}
      {recent.data && <Recent recent={recent.data} />}
    </section>
  );
}

function useZone(): string {
  return useSession((s) => s.me?.zone) ?? systemZone();
}

function Switch({ settings, reload }: { settings: Settings; reload(): void }) {
  const t = useT();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  async function toggle(enabled: boolean) {
    setBusy(true);
    setError(null);
    const result = await api['channels.website.update']({ enabled });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    reload();
  }

  return (
    <section className="website-block" aria-labelledby={`${id}-label`}>
      <p className="website-switch">
        <input
          id={id}
          type="checkbox"
          checked={settings.enabled}
          disabled={busy || (!settings.hasSecret && !settings.enabled)}
          onChange={(e) => void toggle(e.target.checked)}
        />{' '}
        <label id={`${id}-label`} htmlFor={id}>
          {t('website.enabled')}
        </label>{' '}
        <span className={settings.enabled ? 'website-state on' : 'website-state'} role="status">
          {t(settings.enabled ? 'website.enabledOn' : 'website.enabledOff')}
        </span>
      </p>
      {error && <ErrorNote error={error} compact context={t('website.notSaved')} />}
    </section>
  );
}

function Endpoint({ settings }: { settings: Settings }) {
  const t = useT();
  const id = useId();
  const web = window.location.protocol === 'http:' || window.location.protocol === 'https:';
  return (
    <section className="website-block" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('website.endpoint')}</h3>
      {web ? (
        <>
          <input
            aria-labelledby={`${id}-title`}
            className="website-code"
            type="text"
            readOnly
            value={`${window.location.origin}${settings.endpointPath}`}
            onFocus={(e) => e.target.select()}
          />
          <p className="muted small">{t('website.endpointHelp')}</p>
        </>
      ) : (
        <p>{t('website.endpointPathOnly', { path: settings.endpointPath })}</p>
      )}
      <p className="muted small">
        {t('website.headers', {
          timestamp: settings.headers.timestamp,
          signature: settings.headers.signature,
          key: settings.headers.idempotencyKey,
          tolerance: settings.timestampToleranceSeconds,
        })}
      </p>
    </section>
  );
}

function Secret({ settings, reload }: { settings: Settings; reload(): void }) {
  const t = useT();
  const lang = useLang();
  const zone = useZone();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function rotate() {
    setBusy(true);
    setError(null);
    setCopied(false);
    const result = await api['channels.website.rotateSecret']({});
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setError(result.error);
    setSecret(result.value.secret);
    reload();
  }

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard permission: the secret stays selected in its field to copy by hand.
    }
  }

  return (
    <section className="website-block" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('website.secret')}</h3>
      {settings.hasSecret && settings.secretCreatedAt !== null ? (
        <p>
          {t('website.secretSince', {
            time: formatFull(settings.secretCreatedAt, zone, lang),
            keeper: settings.sealedBy,
          })}
        </p>
      ) : (
        <p>{t('website.noSecret')}</p>
      )}
      {settings.previousValidUntil !== null && (
        <p className="muted">
          {t('website.previousUntil', { time: formatFull(settings.previousValidUntil, zone, lang) })}
        </p>
      )}
      {confirming ? (
        <p className="website-confirm" role="group" aria-label={t('website.rotateSecret')}>
          <span>{t('website.rotateConfirm')}</span>{' '}
          <button type="button" className="small-button danger" disabled={busy} onClick={() => void rotate()}>
            {t('website.rotate')}
          </button>{' '}
          <button type="button" className="small-button" onClick={() => setConfirming(false)}>
            {t('action.cancel')}
          </button>
        </p>
      ) : (
        <button
          type="button"
          disabled={busy}
          onClick={() => (settings.hasSecret ? setConfirming(true) : void rotate())}
        >
          {t(settings.hasSecret ? 'website.rotateSecret' : 'website.createSecret')}
        </button>
      )}
      {error && <ErrorNote error={error} compact context={t('website.notSaved')} />}
      {secret && (
        <div className="website-secret" role="status">
          <label className="stacked" htmlFor={`${id}-secret`}>
            {t('website.newSecret')}
          </label>
          <input
            id={`${id}-secret`}
            className="website-code"
            type="text"
            readOnly
            value={secret}
            onFocus={(e) => e.target.select()}
            autoFocus
          />{' '}
          <button type="button" onClick={() => void copy(secret)}>
            {t('website.copy')}
          </button>
          {copied && <span className="muted small"> {t('website.copied')}</span>}
        </div>
      )}
    </section>
  );
}

function TestPost() {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<WebsitePostKind>('topic_question');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<WebsiteLanguage>('en');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape | null>(null);
  const [result, setResult] = useState<WebsiteTestResult | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const sent = await api['channels.website.sendTest']({ kind, accountEmail: email.trim(), language });
    setBusy(false);
    if (!sent.ok) return setError(sent.error);
    setResult(sent.value);
  }

  return (
    <form
      className="website-block website-test"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{t('website.test')}</h3>
      <p className="muted small">{t('website.testIntro')}</p>
      <div className="website-test-fields">
        <label className="stacked">
          {t('website.testKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as WebsitePostKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`website.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="stacked">
          {t('website.testEmail')}
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label className="stacked">
          {t('website.testLanguage')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as WebsiteLanguage)}>
            {websiteLanguages.map((l) => (
              <option key={l} value={l}>
                {t(`website.lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !email.trim()}>
          {busy ? t('website.testSending') : t('website.testSend')}
        </button>
      </div>
      {error && <ErrorNote error={error} compact />}
      {result && (
        <div
          className="website-test-result"
          role="status"
          data-outcome={result.ok ? result.outcome : 'error'}
        >
          {result.ok ? (
            <>
              <p>
                <strong>
                  {t(result.outcome === 'accept' ? 'website.testAccepted' : 'website.testRefused')}
                </strong>
              </p>
              <p className="muted small">{t('website.customerWouldSee')}</p>
              <blockquote lang={language} className="website-customer-text">
                {result.customerText}
              </blockquote>
            </>
          ) : (
            <>
              <p>
                <strong>
                  {t('website.testFailed', {
                    status: result.status,
                    code: t(`website.error.${result.error.code}` as MessageKey),
                  })}
                </strong>
              </p>
              <p className="muted small">{result.error.message}</p>
            </>
          )}
        </div>
      )}
    </form>
  );
}

function Recent({ recent }: { recent: WebsiteRecent }) {
  const t = useT();
  const lang = useLang();
  const zone = useZone();
  return (
    <>
      <section className="website-block" aria-labelledby="website-recent-title">
        <h3 id="website-recent-title">{t('website.recent')}</h3>
        {recent.posts.length === 0 ? (
          <p className="muted">{t('website.recentNone')}</p>
        ) : (
          <table className="website-table" aria-labelledby="website-recent-title">
            <thead>
              <tr>
                <th scope="col">{t('website.col.received')}</th>
                <th scope="col">{t('website.col.kind')}</th>
                <th scope="col">{t('website.col.customer')}</th>
                <th scope="col">{t('website.col.outcome')}</th>
                <th scope="col">{t('website.col.ticket')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.posts.map((p) => (
                <tr key={p.postId} data-outcome={p.outcome}>
                  <td>{formatFull(p.receivedAt, zone, lang)}</td>
                  <td>{t(`website.kind.${p.kind}`)}</td>
                  <td>{p.customerName}</td>
                  <td>
                    <strong>{t(p.outcome === 'accept' ? 'website.accepted' : 'website.refused')}</strong>
                    <span className="muted small website-reason"> {reasonText(p.reason, lang)}</span>
                  </td>
                  <td>{t('website.ticketNumber', { id: p.ticketId })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="website-block" aria-labelledby="website-rejections-title">
        <h3 id="website-rejections-title">{t('website.rejections')}</h3>
        {recent.rejections.length === 0 ? (
          <p className="muted">{t('website.rejectionsNone')}</p>
        ) : (
          <table className="website-table" aria-labelledby="website-rejections-title">
            <thead>
              <tr>
                <th scope="col">{t('website.col.when')}</th>
                <th scope="col">{t('website.col.status')}</th>
                <th scope="col">{t('website.col.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {recent.rejections.map((r) => (
                <tr key={r.id}>
                  <td>{formatFull(r.at, zone, lang)}</td>
                  <td>{r.status}</td>
                  <td>
                    <strong>{t(`website.error.${r.code}` as MessageKey)}</strong>
                    <span className="muted small"> {r.message}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

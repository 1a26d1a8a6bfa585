import { useRef, useState, type FormEvent } from 'react';
import type { ChoiceProblem, ChooseResult } from '../../../shared/desktop';
import { LangSwitch } from '../components/LangSwitch';
import { useT } from '../i18n';
import { useConnection } from '../state/connection';
import '../connection.css';

type Shown = { code: ChoiceProblem['code'] | 'forbidden' | 'invalid_input'; detail: string };

/** Problems whose technical detail helps (the network's or the server's words); the others say it all. */
const WITH_DETAIL = new Set<Shown['code']>([
  'unreachable',
  'not_a_console',
  'token_refused',
  'server_error',
  'local_failed',
  'settings_unreadable',
]);

/**
 * The desktop app's first question: keep the data on this computer, or join a team server (its
 * address now, the sign-in next). Shown again after "Change…" on the sign-in screen, and when the
 * last choice can no longer be honoured (`problem` says why).
 */
export function FirstRunChoice({ problem }: { problem: ChoiceProblem | null }) {
  const t = useT();
  const choose = useConnection((s) => s.choose);
  const [mode, setMode] = useState<'local' | 'team'>(problem?.code === 'local_failed' ? 'team' : 'local');
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Shown | null>(problem);
  const addressInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result: ChooseResult = await choose(
      mode === 'local' ? { mode: 'local' } : { mode: 'team', address },
    );
    // On success the page reloads into the console; only a failure stays here.
    if (!result.ok) {
      setBusy(false);
      setError({ code: result.error.code, detail: result.error.message });
      if (mode === 'team') addressInput.current?.focus();
    }
  }

  const addressProblem = error !== null && mode === 'team' && error.code !== 'local_failed';
  return (
    <main className="sign-in" aria-labelledby="first-run-title">
      <form className="sign-in-card first-run-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="sign-in-head">
          <h1 id="first-run-title">{t('firstRun.title')}</h1>
          <LangSwitch />
        </div>
        <p className="muted">{t('firstRun.intro')}</p>
        <fieldset className="mode-choices">
          <legend className="visually-hidden">{t('firstRun.title')}</legend>
          <label className="mode-choice">
            <input
              type="radio"
              name="mode"
              value="local"
              checked={mode === 'local'}
              onChange={() => setMode('local')}
              autoFocus
            />
            <span className="mode-choice-title">{t('firstRun.local')}</span>
            <span className="mode-choice-hint">{t('firstRun.localHint')}</span>
          </label>
          <label className="mode-choice">
            <input
              type="radio"
              name="mode"
              value="team"
              checked={mode === 'team'}
              onChange={() => setMode('team')}
            />
            <span className="mode-choice-title">{t('firstRun.team')}</span>
            <span className="mode-choice-hint">{t('firstRun.teamHint')}</span>
          </label>
        </fieldset>
        {mode === 'team' && (
          <div className="server-address">
            <label htmlFor="server-address">{t('firstRun.address')}</label>
            <input
              id="server-address"
              ref={addressInput}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder="https://support.example.com"
              value={address}
              onChange={(e) => setAddress(e.target.value)}
              aria-describedby={addressProblem ? 'server-address-hint choice-error' : 'server-address-hint'}
              aria-invalid={addressProblem || undefined}
            />
            <span className="hint" id="server-address-hint">
              {t('firstRun.addressHint')}
            </span>
          </div>
        )}
        {error && (
          <div role="alert" className="error-note" id="choice-error" data-code={error.code}>
            <p className="error-title">{t(`firstRun.problem.${error.code}`)}</p>
            {error.detail && WITH_DETAIL.has(error.code) && (
              <p className="error-detail choice-detail">{error.detail}</p>
            )}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy
              ? mode === 'team'
                ? t('firstRun.checking')
                : t('firstRun.opening')
              : t('firstRun.continue')}
          </button>
        </div>
      </form>
    </main>
  );
}

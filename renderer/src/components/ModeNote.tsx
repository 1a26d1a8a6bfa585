import { useState } from 'react';
import { useT } from '../i18n';
import { useConnection } from '../state/connection';
import '../connection.css';

/** Under the sign-in screen in the desktop app: where the app works, and the way to change it. */
export function ModeNote() {
  const t = useT();
  const state = useConnection((s) => s.state);
  const choose = useConnection((s) => s.choose);
  const [busy, setBusy] = useState(false);
  if (state === null || state.mode === 'unchosen') return null;
  return (
    <div className="mode-note">
      <span>{state.mode === 'local' ? t('mode.local') : t('mode.team', { server: state.server })}</span>
      <button
        type="button"
        className="link-button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void choose({ mode: 'unchosen' }).then(() => setBusy(false));
        }}
      >
        {t('mode.change')}
      </button>
      {state.mode === 'team' && !state.sessionKept && <span>{t('mode.sessionNotKept')}</span>}
    </div>
  );
}

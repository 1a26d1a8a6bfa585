import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { useConnection } from '../state/connection';
import '../connection.css';

/** How long "Connected again" stays after the link comes back. */
const BACK_NOTE_MS = 4000;

/**
 * The link to the team server, when it is down: what is wrong, when the next attempt is, a way to
 * try now, and the reassurance that nothing typed is lost. Nothing at all while the link is fine,
 * or during the first connection of a start.
 */
export function ConnectionBanner() {
  const t = useT();
  const state = useConnection((s) => s.state);
  const retry = useConnection((s) => s.retry);
  const link = state?.mode === 'team' ? state.link : null;
  const down =
    link !== null && (link.status === 'offline' || (link.status === 'connecting' && link.attempt > 0));
  const [now, setNow] = useState(() => Date.now());
  const [back, setBack] = useState(false);
  const wasDown = useRef(false);

  useEffect(() => {
    if (!down) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [down, link?.retryAt]);

  useEffect(() => {
    if (down) {
      wasDown.current = true;
      setBack(false);
      return;
    }
    if (!wasDown.current || link?.status !== 'online') return;
    wasDown.current = false;
    setBack(true);
    const timer = window.setTimeout(() => setBack(false), BACK_NOTE_MS);
    return () => window.clearTimeout(timer);
  }, [down, link?.status]);

  if (state?.mode !== 'team' || link === null) return null;
  if (!down) {
    return back ? (
      <div className="connection-banner ok" role="status">
        <p className="banner-title">{t('connection.back')}</p>
      </div>
    ) : null;
  }
  const seconds = link.retryAt === null ? null : Math.max(0, Math.ceil((link.retryAt - now) / 1000));
  return (
    <div className="connection-banner" data-status={link.status}>
      <p className="banner-title" role="alert">
        {link.status === 'offline'
          ? t('connection.offline', { server: state.server })
          : t('connection.connecting', { server: state.server })}
        {link.problem && ` ${t(`connection.problem.${link.problem.code}`)}`}
      </p>
      {link.status === 'offline' && seconds !== null && <p>{t('connection.retryIn', { seconds })}</p>}
      {link.status === 'offline' && (
        <button type="button" onClick={retry}>
          {t('connection.retryNow')}
        </button>
      )}
      <p className="banner-detail">{t('connection.kept')}</p>
    </div>
  );
}

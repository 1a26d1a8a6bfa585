import { useState, type ReactNode } from 'react';
import type { ApiErrorShape } from '../../../shared/contract';
import { ErrorNote } from '../components/ErrorNote';
import { LangSwitch } from '../components/LangSwitch';
import { zoneLabel } from '../format/time';
import { useLang, useT } from '../i18n';
import { useAfterFirstRows } from '../state/boot';
import { useNav, type Section } from '../state/nav';
import { useSession } from '../state/session';
import { accountSections, sectionLabelKey } from './accounts/access';
import { slaSections } from './sla/access';
import { staffSections } from './staff/access';
import { channelsSections } from './channels/access';
import { SlaAlertsMenu } from './SlaAlerts';

const sections: Section[] = ['queue', 'customers', 'calls'];

/** The frame around every signed-in view: where you are, the tools, who you are, and the way out. */
export function Shell({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useSession((s) => s.me);
  const signOut = useSession((s) => s.signOut);
  const section = useNav((s) => s.section);
  const setSection = useNav((s) => s.setSection);
  const openDialog = useNav((s) => s.openDialog);
  const [error, setError] = useState<ApiErrorShape | null>(null);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('shell.sections')}>
          <ul className="view-tabs">
            {[
              ...sections,
              ...accountSections(me?.role),
              ...slaSections(me?.role),
              ...staffSections(me?.role),
              ...channelsSections(me?.role),
            ].map((s) => (
              <li key={s}>
                <button
                  type="button"
                  aria-current={section === s ? 'page' : undefined}
                  onClick={() => setSection(s)}
                >
                  {t(sectionLabelKey(s, me?.role))}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="topbar-tools">
          <button type="button" onClick={() => openDialog('search')} aria-keyshortcuts="/">
            <span aria-hidden="true">⌕</span> {t('shell.search')} <kbd aria-hidden="true">/</kbd>
          </button>
          <button type="button" onClick={() => openDialog('newTicket')} aria-keyshortcuts="c">
            {t('shell.newTicket')} <kbd aria-hidden="true">c</kbd>
          </button>
          <button
            type="button"
            className="help-button"
            onClick={() => openDialog('help')}
            aria-keyshortcuts="?"
            aria-label={t('shell.shortcuts')}
          >
            <kbd aria-hidden="true">?</kbd>
          </button>
          <SlaAlertsMenu />
          <LangSwitch />
        </div>
        {me && (
          <div className="who" role="group" aria-label={t('shell.signedIn')}>
            <span className="who-name">{me.name}</span>
            <span className="who-meta">
              {t(`role.${me.role}`)} · {me.zone}
              <ZoneOffset zone={me.zone} />
            </span>
            <button type="button" onClick={() => openDialog('password')}>
              {t('password.change')}
            </button>
            <button type="button" onClick={() => void signOut().then(setError)}>
              {t('shell.signOut')}
            </button>
          </div>
        )}
      </header>
      {error && (
        <div className="topbar-error">
          <ErrorNote error={error} compact />
        </div>
      )}
      {children}
    </div>
  );
}

/** " (GMT-5)", once the first rows are on screen (see useAfterFirstRows). */
function ZoneOffset({ zone }: { zone: string }) {
  const lang = useLang();
  const ready = useAfterFirstRows();
  return ready ? <> ({zoneLabel(zone, lang)})</> : null;
}

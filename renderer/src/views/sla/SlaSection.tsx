// The lead's SLA section: the review of SLA hours (ReviewView) and the SLA targets and holidays
// the clock measures against (SlaRulesEditor), one tab each.
import { useId } from 'react';
import { useT } from '../../i18n';
import { useSession } from '../../state/session';
import { slaSections } from './access';
import { PreBreachSetting } from './PreBreachSetting';
import { ReviewView } from './ReviewView';
import { SlaRulesEditor } from './SlaRulesEditor';
import { useSlaNav } from './slaNav';
import './sla.css';

export function SlaSection() {
  const t = useT();
  const me = useSession((s) => s.me);
  const tab = useSlaNav((s) => s.tab);
  const setTab = useSlaNav((s) => s.setTab);
  const titleId = useId();
  if (!slaSections(me?.role).includes('sla')) {
    return (
      <section className="sla-view" aria-labelledby={titleId}>
        <h1 id={titleId}>{t('section.sla')}</h1>
        <p className="muted">{t('sla.section.notForRole')}</p>
      </section>
    );
  }
  return (
    <section className="sla-view" aria-labelledby={titleId}>
      <div className="view-header">
        <h1 id={titleId}>{t('section.sla')}</h1>
        <div className="button-row" role="group" aria-label={t('section.sla')}>
          {(['review', 'rules'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={tab === k} onClick={() => setTab(k)}>
              {t(k === 'review' ? 'sla.section.review' : 'sla.section.rules')}
            </button>
          ))}
        </div>
      </div>
      {tab === 'review' ? (
        <ReviewView />
      ) : (
        <>
          <PreBreachSetting />
          <SlaRulesEditor />
        </>
      )}
    </section>
  );
}

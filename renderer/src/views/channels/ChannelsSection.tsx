// The lead's Channels section: one tab per concern, each its own panel file.
import { useState, type ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { MailInSettings } from './MailInSettings';
import { MailOutSettings } from './MailOutSettings';
import { OutboxPanel } from './OutboxPanel';
import { WebsiteSettings } from './WebsiteSettings';
import './channels.css';

type Tab = 'outbox' | 'mailOut' | 'mailIn' | 'website';

const tabs: { id: Tab; label: MessageKey; panel: () => ReactNode }[] = [
  { id: 'outbox', label: 'channels.tab.outbox', panel: () => <OutboxPanel /> },
  { id: 'mailOut', label: 'channels.tab.mailOut', panel: () => <MailOutSettings /> },
  { id: 'mailIn', label: 'channels.tab.mailIn', panel: () => <MailInSettings /> },
  { id: 'website', label: 'channels.tab.website', panel: () => <WebsiteSettings /> },
];

export function ChannelsSection() {
  const t = useT();
  const [active, setActive] = useState<Tab>('outbox');
  const current = tabs.find((x) => x.id === active) ?? tabs[0];
  return (
    <section className="channels-section" aria-labelledby="channels-title">
      <h1 id="channels-title">{t('section.channels')}</h1>
      <div role="tablist" aria-label={t('section.channels')} className="channels-tabs">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`channels-tab-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls="channels-panel"
            onClick={() => setActive(tab.id)}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="channels-panel" aria-labelledby={`channels-tab-${active}`}>
        {current?.panel()}
      </div>
    </section>
  );
}

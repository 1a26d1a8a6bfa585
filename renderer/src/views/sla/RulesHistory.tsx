// The version history of the rule set: every stored version, newest first, with when (in the
// viewer's zone), who, why and which is in force; any version opens read-only with what it changed.
import { useRef, useState } from 'react';
import type { ChannelId } from '../../../../shared/domain';
import type { RuleVersionSummary, SlaRules } from '../../../../shared/sla';
import { DateTimeText } from '../../components/DateTimeText';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { formatHours } from '../../format/hours';
import { useLang, useT, type Translate } from '../../i18n';
import { useNow } from '../../state/clock';
import type { Resource } from '../../state/resource';
import { useResource } from '../../state/resource';
import { api } from '../../transport';
import { rulesChanges, type RulesChange } from './rulesDiff';
import { holidayLabel, minutesReading, shortMinutes } from './rulesFormat';
import { channelName as nameOfChannel } from '../../i18n/channels';
import { planNamer } from '../../i18n/plans';

interface RulesHistoryProps {
  versions: Resource<RuleVersionSummary[]>;
  zone: string;
}

export function RulesHistory({ versions, zone }: RulesHistoryProps) {
  const t = useT();
  const now = useNow();
  const [viewing, setViewing] = useState<number | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const rows = versions.data ?? [];

  return (
    <>
      {versions.error && <ErrorNote error={versions.error} onRetry={versions.reload} compact />}
      {rows.length === 0 && !versions.error ? (
        <p className="muted small">{t('app.loading')}</p>
      ) : (
        <div className="table-wrap">
          <table className="rules-history">
            <caption className="visually-hidden">{t('slaRules.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('slaRules.history.version')}</th>
                <th scope="col">{t('slaRules.history.when', { zone })}</th>
                <th scope="col">{t('slaRules.history.who')}</th>
                <th scope="col">{t('slaRules.history.note')}</th>
                <th scope="col">{t('slaRules.history.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('slaRules.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.version} className={v.active ? 'active' : undefined} data-version={v.version}>
                  <th scope="row">
                    {v.version} <span className="muted small">{v.label}</span>
                  </th>
                  <td>
                    <DateTimeText ms={v.createdAt} zone={zone} withGmt={false} now={now} />
                  </td>
                  <td>{v.createdByName ?? <span className="muted">{t('slaRules.history.system')}</span>}</td>
                  <td className="rules-history-note">{v.note}</td>
                  <td>
                    {v.active && <span className="rules-in-force">{t('slaRules.history.inForce')}</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('slaRules.history.viewVersion', { version: v.version })}
                      onClick={(e) => {
                        opener.current = e.currentTarget;
                        setViewing(v.version);
                      }}
                    >
                      {t('slaRules.history.view')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {viewing !== null && (
        <RulesVersionDialog
          version={viewing}
          summary={rows.find((r) => r.version === viewing) ?? null}
          previous={rows.filter((r) => r.version < viewing)[0]?.version ?? null}
          zone={zone}
          onClose={() => {
            setViewing(null);
            const back = opener.current;
            window.requestAnimationFrame(() => back?.focus());
          }}
        />
      )}
    </>
  );
}

interface RulesVersionDialogProps {
  version: number;
  summary: RuleVersionSummary | null;
  previous: number | null;
  zone: string;
  onClose(): void;
}

/** One stored version, read-only: its targets and holidays, and what it changed from the one before. */
function RulesVersionDialog({ version, summary, previous, zone, onClose }: RulesVersionDialogProps) {
  const t = useT();
  const lang = useLang();
  const now = useNow();
  const rules = useResource(`rules.sla:${version}`, () => api['rules.sla']({ version }));
  const before = useResource(previous === null ? null : `rules.sla:${previous}`, () =>
    api['rules.sla']({ version: previous ?? version }),
  );
  const data = rules.data;
  const channelName = (id: ChannelId) => nameOfChannel(t, id);
  const planName = planNamer(lang, data?.plans);

  return (
    <Dialog
      title={t('slaRules.version.title', { version, label: summary?.label ?? data?.label ?? '' })}
      onClose={onClose}
      className="rules-version-dialog"
      description={t('slaRules.version.readOnly')}
    >
      {summary && (
        <p className="small">
          <DateTimeText ms={summary.createdAt} zone={zone} withGmt={false} now={now} />
          {' · '}
          {summary.createdByName ?? t('slaRules.history.system')}
          {' · '}
          <span className="muted">{summary.note}</span>
          {summary.active && <span className="rules-in-force">{t('slaRules.history.inForce')}</span>}
        </p>
      )}
      {rules.error && <ErrorNote error={rules.error} onRetry={rules.reload} />}
      {!data && !rules.error && <p className="muted">{t('app.loading')}</p>}
      {data && (
        <>
          {previous !== null && before.data && (
            <section className="rules-changes" aria-label={t('slaRules.version.changes', { previous })}>
              <h3>{t('slaRules.version.changes', { previous })}</h3>
              <ChangeList
                changes={rulesChanges(before.data, data)}
                t={t}
                channelName={channelName}
                planName={planName}
              />
            </section>
          )}
          <h3>{t('slaRules.targets.title')}</h3>
          <div className="table-wrap">
            <table className="rules-table readonly">
              <caption className="visually-hidden">{t('slaRules.targets.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('slaRules.col.channel')}</th>
                  <th scope="col">{t('slaRules.col.plans')}</th>
                  <th scope="col">{t('slaRules.col.first')}</th>
                  <th scope="col">{t('slaRules.col.next')}</th>
                  <th scope="col">{t('slaRules.col.note')}</th>
                </tr>
              </thead>
              <tbody>
                {data.targets.map((target) => {
                  const channel = data.channels.find((c) => c.id === target.channel);
                  const day = channel ? channel.openingHours.openDayMinutes : null;
                  return (
                    <tr key={target.id}>
                      <td>
                        {channelName(target.channel)}
                        {channel && (
                          <span className="rules-hours">{formatHours(channel.openingHours, lang, t)}</span>
                        )}
                      </td>
                      <td>{target.plans.map((id) => planName(id)).join(', ')}</td>
                      <td>
                        {t('slaRules.minutes', { n: target.firstResponseMinutes })}
                        <span className="rules-reading">
                          {minutesReading(target.firstResponseMinutes, t, day)}
                        </span>
                      </td>
                      <td>
                        {t('slaRules.minutes', { n: target.nextResponseMinutes })}
                        <span className="rules-reading">
                          {minutesReading(target.nextResponseMinutes, t, day)}
                        </span>
                      </td>
                      <td>{target.note ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <h3>{t('slaRules.holidays.title')}</h3>
          <ul className="rules-version-holidays">
            {data.channels.map((c) => (
              <li key={c.id}>
                <strong>{nameOfChannel(t, c.id)}</strong>{' '}
                {data.holidays[c.id].length === 0 ? (
                  <span className="muted">{t('slaRules.noHolidays')}</span>
                ) : (
                  data.holidays[c.id].map((d) => holidayLabel(d, lang)).join(', ')
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

function ChangeList({
  changes,
  t,
  channelName,
  planName,
}: {
  changes: RulesChange[];
  t: Translate;
  channelName(id: ChannelId): string;
  planName(id: string): string;
}) {
  const lang = useLang();
  if (changes.length === 0) return <p className="muted small">{t('slaRules.version.noChanges')}</p>;
  const targetName = (target: SlaRules['targets'][number]) =>
    t('slaRules.version.targetName', {
      channel: channelName(target.channel),
      plans: target.plans.map(planName).join(', '),
    });
  return (
    <ul className="rules-change-list">
      {changes.map((change, i) => {
        switch (change.kind) {
          case 'targetAdded':
            return <li key={i}>{t('slaRules.change.targetAdded', { target: targetName(change.target) })}</li>;
          case 'targetRemoved':
            return (
              <li key={i}>{t('slaRules.change.targetRemoved', { target: targetName(change.target) })}</li>
            );
          case 'targetChanged':
            return (
              <li key={i}>
                {targetName(change.after)}:{' '}
                {change.fields
                  .map((field) => {
                    switch (field) {
                      case 'firstResponseMinutes':
                        return t('slaRules.change.first', {
                          before: shortMinutes(change.before.firstResponseMinutes, t),
                          after: shortMinutes(change.after.firstResponseMinutes, t),
                        });
                      case 'nextResponseMinutes':
                        return t('slaRules.change.next', {
                          before: shortMinutes(change.before.nextResponseMinutes, t),
                          after: shortMinutes(change.after.nextResponseMinutes, t),
                        });
                      case 'plans':
                        return t('slaRules.change.plans', {
                          plans: change.after.plans.map(planName).join(', '),
                        });
                      case 'channel':
                        return t('slaRules.change.channel', { channel: channelName(change.after.channel) });
                      case 'note':
                        return t('slaRules.change.note');
                    }
                  })
                  .join('; ')}
              </li>
            );
          case 'holidayAdded':
            return (
              <li key={i}>
                {t('slaRules.change.holidayAdded', {
                  date: holidayLabel(change.date, lang),
                  channel: channelName(change.channel),
                })}
              </li>
            );
          case 'holidayRemoved':
            return (
              <li key={i}>
                {t('slaRules.change.holidayRemoved', {
                  date: holidayLabel(change.date, lang),
                  channel: channelName(change.channel),
                })}
              </li>
            );
        }
      })}
    </ul>
  );
}

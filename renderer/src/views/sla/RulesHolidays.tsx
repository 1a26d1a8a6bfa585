// Holidays per channel: each channel's hours and zone (what a holiday takes away), its dates with
// their weekday, adding one with a date input and removing one.
import { useId, useState } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { ChannelId } from '../../../../shared/domain';
import type { SlaRules } from '../../../../shared/sla';
import { ErrorNote } from '../../components/ErrorNote';
import { formatHours } from '../../format/hours';
import { useLang, useT, type MessageKey, type Params } from '../../i18n';
import { channelName } from '../../i18n/channels';
import { useNow } from '../../state/clock';
import { holidayProblem, withHoliday, type DraftIssue, type FieldPlace, type RulesDraft } from './rulesDraft';
import { holidayLabel, todayIn } from './rulesFormat';
import { fieldId } from './RulesTargetsTable';

interface RulesHolidaysProps {
  base: SlaRules;
  draft: RulesDraft;
  issuesFor(field: string): DraftIssue[];
  serverError: ApiErrorShape | null;
  serverPlace: FieldPlace;
  update(change: (draft: RulesDraft) => RulesDraft): void;
}

export function RulesHolidays({
  base,
  draft,
  issuesFor,
  serverError,
  serverPlace,
  update,
}: RulesHolidaysProps) {
  return (
    <div className="rules-holidays">
      <EveryChannelCard
        add={(date) =>
          update((d) => ({
            ...d,
            holidays: Object.fromEntries(
              Object.entries(d.holidays).map(([channel, dates]) => [
                channel,
                dates.includes(date) ? dates : withHoliday(dates, date),
              ]),
            ) as RulesDraft['holidays'],
          }))
        }
      />
      {base.channels.map((channel) => (
        <HolidayCard
          key={channel.id}
          channel={channel}
          dates={draft.holidays[channel.id]}
          stored={base.holidays[channel.id]}
          issuesFor={issuesFor}
          serverError={
            serverError && serverPlace.area === 'holiday' && serverPlace.channel === channel.id
              ? serverError
              : null
          }
          setDates={(change) =>
            update((d) => ({
              ...d,
              holidays: { ...d.holidays, [channel.id]: change(d.holidays[channel.id]) },
            }))
          }
        />
      ))}
    </div>
  );
}

/** One date closed on every channel at once: added to each channel's list in the draft. */
function EveryChannelCard({ add }: { add(date: string): void }) {
  const t = useT();
  const headingId = useId();
  const inputId = useId();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<{ key: MessageKey; params?: Params } | null>(null);
  function submit() {
    const found = holidayProblem(value, []);
    setProblem(found);
    if (found) {
      document.getElementById(inputId)?.focus();
      return;
    }
    add(value.trim());
    setValue('');
  }
  return (
    <section className="rules-holiday-card rules-every-channel" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('slaRules.everyChannel.title')}</h4>
      <p className="muted small">{t('slaRules.everyChannel.hint')}</p>
      <label className="visually-hidden" htmlFor={inputId}>
        {t('slaRules.everyChannel.label')}
      </label>
      <input
        id={inputId}
        type="date"
        value={value}
        aria-invalid={problem !== null || undefined}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="button" onClick={submit}>
        {t('slaRules.everyChannel.add')}
      </button>
      {problem && <p className="rules-issue">{t(problem.key, problem.params)}</p>}
    </section>
  );
}

interface HolidayCardProps {
  channel: SlaRules['channels'][number];
  dates: string[];
  stored: string[];
  issuesFor(field: string): DraftIssue[];
  serverError: ApiErrorShape | null;
  setDates(change: (dates: string[]) => string[]): void;
}

function HolidayCard({ channel, dates, stored, issuesFor, serverError, setDates }: HolidayCardProps) {
  const t = useT();
  const lang = useLang();
  const now = useNow();
  const headingId = useId();
  const inputId = fieldId(`holidays.${channel.id}`);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<{ key: MessageKey; params?: Params } | null>(null);
  const today = todayIn(channel.zone, now);
  const id: ChannelId = channel.id;
  const name = channelName(t, id);
  const removed = stored.filter((d) => !dates.includes(d));

  function add() {
    const found = holidayProblem(value, dates);
    setProblem(found);
    if (found) {
      document.getElementById(inputId)?.focus();
      return;
    }
    setDates((list) => withHoliday(list, value.trim()));
    setValue('');
  }

  function remove(date: string, index: number) {
    setDates((list) => list.filter((d) => d !== date));
    window.requestAnimationFrame(() => {
      const next =
        document.getElementById(fieldId(`holidays.${id}.${index}`)) ??
        document.getElementById(fieldId(`holidays.${id}.${index - 1}`)) ??
        document.getElementById(inputId);
      next?.focus();
    });
  }

  return (
    <section className="rules-holiday-card" aria-labelledby={headingId}>
      <h4 id={headingId}>{name}</h4>
      <p className="rules-hours">
        {formatHours(channel.openingHours, lang, t)}
        <span className="muted"> · {t('slaRules.zone', { zone: channel.zone })}</span>
      </p>
      {dates.length === 0 ? (
        <p className="muted small">{t('slaRules.noHolidays')}</p>
      ) : (
        <ul className="rules-dates" aria-label={t('slaRules.holidaysOf', { channel: name })}>
          {dates.map((date, index) => {
            const issues = issuesFor(`holidays.${id}.${index}`);
            const isNew = !stored.includes(date);
            return (
              <li key={date} className={isNew ? 'new' : undefined}>
                <span className="rules-date">
                  <time dateTime={date}>{holidayLabel(date, lang)}</time>
                  {isNew && <span className="rules-tag">{t('slaRules.newRow')}</span>}
                  {date < today && <span className="muted small"> {t('slaRules.past')}</span>}
                </span>
                <button
                  type="button"
                  id={fieldId(`holidays.${id}.${index}`)}
                  className="small-button ghost"
                  aria-label={t('slaRules.removeHoliday', {
                    date: holidayLabel(date, lang),
                    channel: name,
                  })}
                  onClick={() => remove(date, index)}
                >
                  {t('slaRules.remove')}
                </button>
                {issues[0] && <span className="rules-issue">{t(issues[0].key, issues[0].params)}</span>}
              </li>
            );
          })}
        </ul>
      )}
      {removed.length > 0 && (
        <p className="rules-removed small">
          {t('slaRules.removedDates', { dates: removed.map((d) => holidayLabel(d, lang)).join(', ') })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => setDates((list) => [...list, ...removed].sort())}
          >
            {t('slaRules.undoRemove')}
          </button>
        </p>
      )}
      <div className="rules-add-date">
        <input
          id={inputId}
          type="date"
          value={value}
          aria-label={t('slaRules.holidayDate', { channel: name })}
          aria-invalid={problem !== null || undefined}
          aria-describedby={problem ? `${inputId}-issue` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="small-button" onClick={add}>
          {t('slaRules.addHoliday')}
        </button>
      </div>
      {problem && (
        <p id={`${inputId}-issue`} className="rules-issue" role="alert">
          {t(problem.key, {
            ...problem.params,
            date: holidayLabel(String(problem.params?.date ?? ''), lang),
            channel: name,
          })}
        </p>
      )}
      {serverError && <ErrorNote error={serverError} compact context={t('slaRules.notSaved')} />}
    </section>
  );
}

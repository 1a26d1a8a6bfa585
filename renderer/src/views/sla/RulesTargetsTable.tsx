// The editable table of SLA targets: one row per target, naming a channel, the plans it covers and
// the first and next response targets in business minutes of that channel's hours.
import { type KeyboardEvent } from 'react';
import type { ApiErrorShape } from '../../../../shared/contract';
import type { ChannelId } from '../../../../shared/domain';
import type { SlaRules } from '../../../../shared/sla';
import { ErrorNote } from '../../components/ErrorNote';
import { formatHours } from '../../format/hours';
import { useLang, useT } from '../../i18n';
import {
  MAX_MINUTES,
  newKey,
  parseMinutes,
  type DraftIssue,
  type FieldPlace,
  type RulesDraft,
  type TargetDraft,
} from './rulesDraft';
import { minutesReading } from './rulesFormat';
import { channelName as nameOfChannel } from '../../i18n/channels';
import { planNamer } from '../../i18n/plans';

const PLANS_PER_LINE = 4;

export const fieldId = (field: string) => `rules-${field.replace(/\./g, '-')}`;

interface RulesTargetsTableProps {
  base: SlaRules;
  draft: RulesDraft;
  plansByChannel: Record<ChannelId, string[]>;
  issuesFor(field: string): DraftIssue[];
  /** Marks a field as visited, so its problems show from then on. */
  touch(field: string): void;
  serverError: ApiErrorShape | null;
  serverPlace: FieldPlace;
  update(change: (draft: RulesDraft) => RulesDraft): void;
}

export function RulesTargetsTable(props: RulesTargetsTableProps) {
  const { base, draft, plansByChannel, issuesFor, serverError, serverPlace, update } = props;
  const t = useT();
  const channelName = (id: ChannelId) => nameOfChannel(t, id);

  function setRow(index: number, change: (row: TargetDraft) => TargetDraft) {
    update((d) => ({ ...d, targets: d.targets.map((row, i) => (i === index ? change(row) : row)) }));
  }

  function addRow() {
    // Start where a target is missing: the first channel with a plan no row covers yet.
    const covered = new Set(draft.targets.flatMap((row) => row.plans.map((p) => `${row.channel}/${p}`)));
    const channel =
      base.channels.find((c) => plansByChannel[c.id].some((p) => !covered.has(`${c.id}/${p}`)))?.id ??
      base.channels[0]?.id ??
      'topic';
    const plans = plansByChannel[channel].filter((p) => !covered.has(`${channel}/${p}`));
    update((d) => ({
      ...d,
      targets: [...d.targets, { key: newKey(), id: null, channel, plans, first: '', next: '', note: '' }],
    }));
    window.requestAnimationFrame(() =>
      document.getElementById(fieldId(`targets.${draft.targets.length}.channel`))?.focus(),
    );
  }

  function removeRow(index: number) {
    update((d) => ({ ...d, targets: d.targets.filter((_, i) => i !== index) }));
    // Focus stays in the table: on the row that took this one's place, else the add button.
    window.requestAnimationFrame(() => {
      const next =
        document.getElementById(fieldId(`targets.${index}.remove`)) ??
        document.getElementById(fieldId(`targets.${index - 1}.remove`)) ??
        document.getElementById('rules-add-target');
      next?.focus();
    });
  }

  const tableIssues = issuesFor('targets');
  const baseById = new Map(base.targets.map((target) => [target.id, target]));

  return (
    <div className="rules-targets">
      <div className="table-wrap">
        <table className="rules-table" id={fieldId('targets')} tabIndex={-1}>
          <caption className="visually-hidden">{t('slaRules.targets.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('slaRules.col.channel')}</th>
              <th scope="col">{t('slaRules.col.plans')}</th>
              <th scope="col">{t('slaRules.col.first')}</th>
              <th scope="col">{t('slaRules.col.next')}</th>
              <th scope="col">{t('slaRules.col.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('slaRules.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.targets.map((row, index) => (
              <TargetRow
                key={row.key}
                index={index}
                row={row}
                stored={row.id === null ? null : (baseById.get(row.id) ?? null)}
                base={base}
                plansByChannel={plansByChannel}
                channelName={channelName}
                issuesFor={issuesFor}
                touch={props.touch}
                serverError={
                  serverError && serverPlace.area === 'target' && serverPlace.row === index
                    ? serverError
                    : null
                }
                setRow={(change) => setRow(index, change)}
                remove={() => removeRow(index)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {tableIssues.length > 0 && (
        <ul className="rules-issues" aria-live="polite">
          {tableIssues.map((issue, i) => (
            <li key={i}>{t(issue.key, issue.params)}</li>
          ))}
        </ul>
      )}
      {serverError && serverPlace.area === 'targets' && (
        <ErrorNote error={serverError} compact context={t('slaRules.notSaved')} />
      )}
      <p className="rules-table-actions">
        <button type="button" id="rules-add-target" onClick={addRow}>
          {t('slaRules.addTarget')}
        </button>
        <span className="muted small">{t('slaRules.targets.hint')}</span>
      </p>
    </div>
  );
}

interface TargetRowProps {
  index: number;
  row: TargetDraft;
  stored: SlaRules['targets'][number] | null;
  base: SlaRules;
  plansByChannel: Record<ChannelId, string[]>;
  channelName(id: ChannelId): string;
  issuesFor(field: string): DraftIssue[];
  touch(field: string): void;
  serverError: ApiErrorShape | null;
  setRow(change: (row: TargetDraft) => TargetDraft): void;
  remove(): void;
}

function TargetRow(props: TargetRowProps) {
  const { index, row, stored, base, plansByChannel, channelName, issuesFor, touch, serverError, setRow } =
    props;
  const t = useT();
  const lang = useLang();
  const n = index + 1;
  const channel = base.channels.find((c) => c.id === row.channel);
  const dayMinutes = channel ? channel.openingHours.openDayMinutes : null;
  const f = (part: string) => `targets.${index}.${part}`;
  const planName = planNamer(lang, base.plans);
  const offered = plansByChannel[row.channel];
  // Plans this row names that the channel lacks (only from a stored version's data) stay visible.
  const shownPlans = base.plans.map((p) => p.id).filter((p) => offered.includes(p) || row.plans.includes(p));
  // The plans sit in the same place on every row (a grid of PLANS_PER_LINE, in the rule set's
  // order), so a column reads down the table; lines with no plan of this channel are left out.
  const slots: (string | null)[] = [];
  for (let i = 0; i < base.plans.length; i += PLANS_PER_LINE) {
    const line = base.plans
      .slice(i, i + PLANS_PER_LINE)
      .map((p) => (shownPlans.includes(p.id) ? p.id : null));
    if (line.some((p) => p !== null)) slots.push(...line);
  }
  const planIssues = issuesFor(f('plans'));

  function minutesCell(which: 'first' | 'next') {
    const field = f(which === 'first' ? 'firstResponseMinutes' : 'nextResponseMinutes');
    const issues = issuesFor(field);
    const parsed = parseMinutes(row[which]);
    const storedValue = stored
      ? which === 'first'
        ? stored.firstResponseMinutes
        : stored.nextResponseMinutes
      : null;
    const changed = storedValue === null || row[which].trim() !== String(storedValue);
    const readingId = `${fieldId(field)}-reading`;
    const issueId = `${fieldId(field)}-issue`;
    const label =
      which === 'first'
        ? t('slaRules.firstLabel', { row: n, channel: channelName(row.channel) })
        : t('slaRules.nextLabel', { row: n, channel: channelName(row.channel) });
    function step(event: KeyboardEvent<HTMLInputElement>) {
      if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
      event.preventDefault();
      const current = parsed.ok ? parsed.value : 0;
      const by = (event.shiftKey ? 60 : 1) * (event.key === 'ArrowUp' ? 1 : -1);
      const value = Math.min(MAX_MINUTES, Math.max(1, current + by));
      setRow((r) => ({ ...r, [which]: String(value) }));
    }
    return (
      <td className="rules-minutes-cell">
        <span className="rules-minutes-line">
          <input
            id={fieldId(field)}
            className={changed ? 'rules-minutes changed' : 'rules-minutes'}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            size={7}
            value={row[which]}
            aria-label={label}
            aria-invalid={issues.length > 0 || undefined}
            aria-describedby={issues.length > 0 ? `${issueId} ${readingId}` : readingId}
            onChange={(e) => setRow((r) => ({ ...r, [which]: e.target.value }))}
            onBlur={() => touch(field)}
            onKeyDown={step}
          />
          <span className="muted small" aria-hidden="true">
            {t('slaRules.min')}
          </span>
        </span>
        <span id={readingId} className="rules-reading">
          {parsed.ok ? minutesReading(parsed.value, t, dayMinutes) : ''}
        </span>
        {issues[0] && (
          <span id={issueId} className="rules-issue">
            {t(issues[0].key, issues[0].params)}
          </span>
        )}
        {changed && storedValue !== null && (
          <span className="rules-was">{t('slaRules.was', { value: storedValue })}</span>
        )}
      </td>
    );
  }

  return (
    <>
      <tr className={row.id === null ? 'rules-row new' : 'rules-row'} data-target-id={row.id ?? undefined}>
        <td className="rules-channel-cell">
          <select
            id={fieldId(f('channel'))}
            value={row.channel}
            aria-label={t('slaRules.channelLabel', { row: n })}
            onChange={(e) => {
              const next = base.channels.find((c) => c.id === e.target.value)?.id;
              if (!next) return;
              // Plans the new channel lacks could not be kept: the rule set would refuse them.
              setRow((r) => ({
                ...r,
                channel: next,
                plans: r.plans.filter((p) => plansByChannel[next].includes(p)),
              }));
            }}
          >
            {base.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {nameOfChannel(t, c.id)}
              </option>
            ))}
          </select>
          {channel && (
            <span className="rules-hours" title={t('slaRules.zone', { zone: channel.zone })}>
              {formatHours(channel.openingHours, lang, t)}
            </span>
          )}
          {row.id === null ? (
            <span className="rules-tag">{t('slaRules.newRow')}</span>
          ) : (
            <span className="rules-id" title={t('slaRules.ruleId')}>
              {row.id}
            </span>
          )}
        </td>
        <td>
          <fieldset
            className={planIssues.length > 0 ? 'rules-plans invalid' : 'rules-plans'}
            aria-describedby={planIssues.length > 0 ? `${fieldId(f('plans'))}-issue` : undefined}
          >
            <legend className="visually-hidden">
              {t('slaRules.plansLabel', { row: n, channel: channelName(row.channel) })}
            </legend>
            {slots.map((plan, i) => {
              if (plan === null)
                return <span key={`gap-${i}`} className="rules-plan-gap" aria-hidden="true" />;
              const on = row.plans.includes(plan);
              const wasOn = stored ? stored.plans.includes(plan) : false;
              return (
                <label key={plan} className={on !== wasOn && stored ? 'checkbox changed' : 'checkbox'}>
                  <input
                    type="checkbox"
                    id={plan === shownPlans[0] ? fieldId(f('plans')) : undefined}
                    checked={on}
                    onChange={(e) => {
                      const checked = e.target.checked;
                      setRow((r) => ({
                        ...r,
                        plans: checked
                          ? base.plans.map((p) => p.id).filter((p) => p === plan || r.plans.includes(p))
                          : r.plans.filter((p) => p !== plan),
                      }));
                      touch(f('plans'));
                    }}
                  />
                  {planName(plan)}
                </label>
              );
            })}
            {shownPlans.length === 0 && <span className="muted small">{t('slaRules.noPlansOnChannel')}</span>}
          </fieldset>
          {planIssues.length > 0 && (
            <span id={`${fieldId(f('plans'))}-issue`} className="rules-issue">
              {planIssues.map((issue) => t(issue.key, issue.params)).join(' ')}
            </span>
          )}
        </td>
        {minutesCell('first')}
        {minutesCell('next')}
        <td className="rules-note-cell">
          <input
            id={fieldId(f('note'))}
            type="text"
            value={row.note}
            maxLength={2000}
            placeholder={t('slaRules.notePlaceholder')}
            aria-label={t('slaRules.targetNoteLabel', { row: n, channel: channelName(row.channel) })}
            className={stored && (stored.note ?? '') !== row.note.trim() ? 'changed' : undefined}
            onChange={(e) => setRow((r) => ({ ...r, note: e.target.value }))}
            onBlur={() => touch(f('note'))}
          />
        </td>
        <td className="rules-actions-cell">
          <button
            type="button"
            id={fieldId(f('remove'))}
            className="small-button danger"
            aria-label={t('slaRules.removeRow', { row: n, channel: channelName(row.channel) })}
            title={t('slaRules.removeRow', { row: n, channel: channelName(row.channel) })}
            onClick={props.remove}
          >
            {t('slaRules.remove')}
          </button>
        </td>
      </tr>
      {serverError && (
        <tr className="rules-error-row">
          <td colSpan={6}>
            <ErrorNote error={serverError} compact context={t('slaRules.notSavedRow', { row: n })} />
          </td>
        </tr>
      )}
    </>
  );
}

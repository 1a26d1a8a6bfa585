// The review's filter bar: the period (presets or custom days in the viewer's zone), channel, plan
// and agent. An impossible period is explained beside the dates and nothing is asked of the core.
import { useEffect, useId } from 'react';
import { DateTime } from 'luxon';
import type { ChannelId } from '../../../../shared/domain';
import { channelIds } from '../../format/vocabulary';
import { formatDate, zoneLabel } from '../../format/time';
import { useLang, useT, type MessageKey } from '../../i18n';
import { usePlanName, useRules } from '../../state/rules';
import { useStaff } from '../../state/staff';
import { rangePresets, type RangePreset, type RangeResult } from './reviewRange';
import { useReviewFilters } from './reviewState';

const presetKeys: Record<RangePreset, MessageKey> = {
  last7: 'slaReview.preset.last7',
  last30: 'slaReview.preset.last30',
  thisMonth: 'slaReview.preset.thisMonth',
  lastMonth: 'slaReview.preset.lastMonth',
  custom: 'slaReview.preset.custom',
};

export function ReviewFilterBar({
  range,
  zone,
  loading,
  onRefresh,
}: {
  range: RangeResult;
  zone: string;
  loading: boolean;
  onRefresh(): void;
}) {
  const t = useT();
  const lang = useLang();
  const filters = useReviewFilters();
  const rules = useRules((s) => s.rules);
  const planName = usePlanName();
  const staff = useStaff((s) => s.staff);
  const ids = {
    period: useId(),
    from: useId(),
    to: useId(),
    channel: useId(),
    plan: useId(),
    agent: useId(),
    error: useId(),
    zone: useId(),
  };

  useEffect(() => {
    if (!useStaff.getState().staff) void useStaff.getState().load();
    if (!useRules.getState().rules) void useRules.getState().load();
  }, []);

  const problem = range.ok ? null : range.problem;
  const fromInvalid = problem === 'missingFrom' || problem === 'toBeforeFrom' || problem === 'tooLong';
  const toInvalid = problem === 'missingTo' || problem === 'toBeforeFrom' || problem === 'tooLong';
  const people = [...(staff ?? [])].sort((a, b) => a.name.localeCompare(b.name, lang));
  const agentKnown =
    filters.agentId === '' ||
    filters.agentId === 'none' ||
    people.some((p) => String(p.id) === filters.agentId);
  const filtered = filters.channel !== '' || filters.planId !== '' || filters.agentId !== '';

  /** A day as the lead reads dates ("1 Jan 2020"); as typed when it is not a date. */
  const dayText = (iso: string) => {
    const d = DateTime.fromISO(iso, { zone });
    return d.isValid ? formatDate(d.toMillis(), zone, lang) : iso;
  };

  /** Editing a date makes the period custom, starting from the days on screen. */
  function setDate(which: 'fromDate' | 'toDate', value: string) {
    filters.set({ preset: 'custom', fromDate: range.fromDate, toDate: range.toDate, [which]: value });
  }

  return (
    <form className="review-filters" aria-label={t('slaReview.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="filter-row">
        <span className="field">
          <label htmlFor={ids.period}>{t('slaReview.period')}</label>
          <select
            id={ids.period}
            value={filters.preset}
            onChange={(e) => {
              const preset = e.target.value as RangePreset;
              filters.set(
                preset === 'custom' ? { preset, fromDate: range.fromDate, toDate: range.toDate } : { preset },
              );
            }}
          >
            {rangePresets.map((p) => (
              <option key={p} value={p}>
                {t(presetKeys[p])}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor={ids.from}>{t('slaReview.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={range.fromDate}
            aria-invalid={fromInvalid || undefined}
            aria-describedby={problem ? `${ids.error} ${ids.zone}` : ids.zone}
            onChange={(e) => setDate('fromDate', e.target.value)}
          />
        </span>
        <span className="field">
          <label htmlFor={ids.to}>{t('slaReview.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={range.toDate}
            aria-invalid={toInvalid || undefined}
            aria-describedby={problem ? `${ids.error} ${ids.zone}` : ids.zone}
            onChange={(e) => setDate('toDate', e.target.value)}
          />
        </span>
        <span className="field">
          <label htmlFor={ids.channel}>{t('slaReview.col.channel')}</label>
          <select
            id={ids.channel}
            value={filters.channel}
            onChange={(e) => filters.set({ channel: e.target.value as ChannelId | '' })}
          >
            <option value="">{t('slaReview.allChannels')}</option>
            {channelIds.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor={ids.plan}>{t('slaReview.col.plan')}</label>
          <select
            id={ids.plan}
            value={filters.planId}
            onChange={(e) => filters.set({ planId: e.target.value })}
          >
            <option value="">{t('slaReview.allPlans')}</option>
            {(rules?.plans ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {planName(p.id)}
              </option>
            ))}
            {filters.planId !== '' && !rules?.plans.some((p) => p.id === filters.planId) && (
              <option value={filters.planId}>{filters.planId}</option>
            )}
          </select>
        </span>
        <span className="field">
          <label htmlFor={ids.agent}>{t('slaReview.col.agent')}</label>
          <select
            id={ids.agent}
            value={filters.agentId}
            onChange={(e) => filters.set({ agentId: e.target.value })}
          >
            <option value="">{t('slaReview.allAgents')}</option>
            <option value="none">{t('slaReview.nobody')}</option>
            {people.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.active ? p.name : t('slaReview.inactive', { name: p.name })}
              </option>
            ))}
            {!agentKnown && <option value={filters.agentId}>{`#${filters.agentId}`}</option>}
          </select>
        </span>
        <span className="filter-actions">
          {filtered && (
            <button
              type="button"
              className="small-button"
              onClick={() => filters.set({ channel: '', planId: '', agentId: '' })}
            >
              {t('slaReview.clearFilters')}
            </button>
          )}
          <button type="button" className="small-button" onClick={onRefresh} disabled={!range.ok}>
            {t('slaReview.refresh')}
          </button>
          {loading && (
            <span className="muted loading" role="status">
              {t('queue.updating')}
            </span>
          )}
        </span>
      </div>
      <p id={ids.zone} className="muted small">
        {t('slaReview.zoneNote', { zone, label: zoneLabel(zone, lang) })}
      </p>
      {problem && (
        <p id={ids.error} className="range-error" role="alert">
          {t(`slaReview.range.${problem}`, { from: dayText(range.fromDate), to: dayText(range.toDate) })}
        </p>
      )}
    </form>
  );
}

// The lead's SLA review (issue #6): for a period, by channel, plan and agent, the tickets, the
// first-response business time (median and p90), the share within target and the breaches; a
// weekly trend; arrivals by hour of the week over the support windows. Every number opens the
// tickets behind it; every table exports as CSV.
import { useMemo, useRef, useState } from 'react';
import type { SlaReview } from '../../../../shared/sla';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCount } from '../../format/number';
import { formatDate, systemZone } from '../../format/time';
import { useLang, useT, type MessageKey } from '../../i18n';
import { useDataChanged } from '../../state/live';
import { restoreFocus } from '../../state/nav';
import { useResource } from '../../state/resource';
import { useSession } from '../../state/session';
import { useStaff } from '../../state/staff';
import { useRules } from '../../state/rules';
import { api } from '../../transport';
import { ReviewDrill } from './ReviewDrill';
import { ReviewFilterBar } from './ReviewFilters';
import { ReviewHeatmap } from './ReviewHeatmap';
import { ReviewRowTable, ReviewTotals } from './ReviewTables';
import { ReviewTrend } from './ReviewTrend';
import { drillKey, type DrillRequest, type ReviewQuery } from './reviewDrill';
import { resolveRange, type RangeResult } from './reviewRange';
import { agentFilter, useReviewFilters, type ReviewFilterFields } from './reviewState';

const REFRESH_TOPICS = new Set(['tickets', 'messages', 'sla', 'rules']);
/** Live updates come in bursts (a reply writes a message, a ticket and an SLA event): one refetch. */
const REFRESH_DELAY_MS = 1500;

export function ReviewView() {
  const t = useT();
  const lang = useLang();
  const zone = useSession((s) => s.me?.zone) ?? systemZone();
  const fields = useReviewFilters();
  const range = resolveRange(fields, zone, Date.now());

  const query = queryFor(range, fields);
  const key = query ? drillKey(query, { measure: 'tickets' }) : null;
  // The loader only runs for a non-null key, that is with a query.
  const res = useResource(key, () =>
    query ? api['sla.review'](query) : Promise.reject(new Error('no query')),
  );
  const pending = useRef<number | undefined>(undefined);
  useDataChanged(
    (change) => change.topics.some((x) => REFRESH_TOPICS.has(x)),
    () => {
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(res.reload, REFRESH_DELAY_MS);
    },
  );

  // While new filters load, the previous results stay on screen (dimmed) instead of collapsing.
  const [shown, setShown] = useState<{ key: string; review: SlaReview } | null>(null);
  if (res.data && key && (shown?.review !== res.data || shown.key !== key))
    setShown({ key, review: res.data });
  const review = query ? (res.data ?? (res.error ? null : (shown?.review ?? null))) : null;
  const stale = review !== null && review !== res.data;
  const shownQuery = stale && shown ? queryOf(shown.key) : query;

  const [drill, setDrill] = useState<DrillRequest | null>(null);

  const staff = useStaff((s) => s.staff);
  const rules = useRules((s) => s.rules);
  const filterSummary = (() => {
    if (!range.ok) return '';
    const parts = [
      t('slaReview.summary.period', {
        from: formatDate(range.from, zone, lang),
        to: formatDate(range.to - 1, zone, lang),
      }),
    ];
    if (fields.channel) parts.push(t(`channel.${fields.channel}` as MessageKey));
    if (fields.planId) parts.push(rules?.plans.find((p) => p.id === fields.planId)?.name ?? fields.planId);
    if (fields.agentId === 'none') parts.push(t('slaReview.nobody'));
    else if (fields.agentId)
      parts.push(staff?.find((s) => String(s.id) === fields.agentId)?.name ?? `#${fields.agentId}`);
    return parts.join(' · ');
  })();

  const versionLabels = useMemo(
    () => new Map((review?.ruleVersions ?? []).map((v) => [v.version, v.label])),
    [review],
  );

  function closeDrill() {
    const opener = drill?.opener ?? null;
    setDrill(null);
    restoreFocus(opener);
  }

  const nothing =
    review !== null &&
    review.totals.tickets === 0 &&
    review.heatmap.arrivals.every((row) => row.every((n) => n === 0));

  return (
    <div className="review">
      <ReviewFilterBar
        range={range}
        zone={zone}
        loading={res.loading && review !== null}
        onRefresh={res.reload}
      />
      {query && res.error && (
        <ErrorNote error={res.error} onRetry={res.reload} context={t('slaReview.failed')} />
      )}
      {query && !review && !res.error && (
        <p className="muted" role="status">
          {t('slaReview.loading')}
        </p>
      )}
      {review && shownQuery && (
        <div
          className={stale ? 'review-body stale' : 'review-body'}
          data-stale={stale || undefined}
          aria-busy={res.loading || undefined}
        >
          {nothing ? (
            <p className="review-empty">{t('slaReview.empty')}</p>
          ) : (
            <>
              <ReviewTotals totals={review.totals} query={shownQuery} onDrill={setDrill} />
              <div className="review-tables">
                <ReviewRowTable
                  kind="channel"
                  rows={review.byChannel}
                  query={shownQuery}
                  onDrill={setDrill}
                />
                <ReviewRowTable kind="plan" rows={review.byPlan} query={shownQuery} onDrill={setDrill} />
                <ReviewRowTable kind="agent" rows={review.byAgent} query={shownQuery} onDrill={setDrill} />
              </div>
              <ReviewTrend review={review} query={shownQuery} onDrill={setDrill} />
              <ReviewHeatmap heatmap={review.heatmap} query={shownQuery} onDrill={setDrill} />
            </>
          )}
          <footer className="review-notes small">
            <p>
              {review.ruleVersions.length === 0
                ? t('slaReview.versionsNone')
                : t('slaReview.versions', {
                    list: review.ruleVersions
                      .map((v) =>
                        t('slaReview.versionItem', {
                          label: v.label,
                          n: formatCount(v.tickets, lang),
                          count: v.tickets,
                        }),
                      )
                      .join(', '),
                  })}
            </p>
            <p className="muted">{t('slaReview.definitions')}</p>
          </footer>
        </div>
      )}
      {drill && (
        <ReviewDrill
          drill={drill}
          zone={zone}
          filterSummary={filterSummary}
          versionLabels={versionLabels}
          onClose={closeDrill}
        />
      )}
    </div>
  );
}

/** The contract's filters for what the fields say; null while the period is impossible. */
function queryFor(range: RangeResult, fields: ReviewFilterFields): ReviewQuery | null {
  if (!range.ok) return null;
  const q: ReviewQuery = { from: range.from, to: range.to };
  if (fields.channel) q.channel = fields.channel;
  if (fields.planId) q.planId = fields.planId;
  const agent = agentFilter(fields.agentId);
  if (agent !== undefined) q.agentId = agent;
  return q;
}

/** The query a shown review was fetched with (its key), so stale numbers drill into what they count. */
function queryOf(key: string): ReviewQuery | null {
  try {
    const [from, to, channel, planId, agentId] = JSON.parse(key) as [
      number,
      number,
      ReviewQuery['channel'] | null,
      string | null,
      number | 'none' | null,
    ];
    const q: ReviewQuery = { from, to };
    if (channel) q.channel = channel;
    if (planId) q.planId = planId;
    if (agentId !== null) q.agentId = agentId;
    return q;
  } catch {
    return null;
  }
}

import type { ChannelId, Decision } from '../../../shared/domain';
import { formatHours } from '../format/hours';
import { arrivalClock } from '../format/sla';
import { useLang, useT } from '../i18n';
import { reasonText } from '../i18n/reasons';
import { channelGmt, usePlanName, useRules } from '../state/rules';
import { dateTimeString } from './DateTimeText';
import { ExternalLink } from './ExternalLink';

interface DecisionViewProps {
  decision: Decision;
  channel: ChannelId;
  zone: string;
  now: number;
  /** A heading for the block, e.g. "Intake decision". */
  title?: string;
  compact?: boolean;
  /**
   * Say when a closed channel opens: for accepted customer items, whose clock waits for it. Staff
   * may write at any hour, and a refused item has no clock. `now`: an item being decided (the
   * decision's own openness); `arrival`: a logged ticket, as the core stored its clock (the words
   * follow the clock: it starts at an opening still ahead, it started at one that has passed).
   */
  timing?: { kind: 'now' } | { kind: 'arrival'; closedOnArrival: boolean; clockStartsAt: number };
}

/** The sentence on a closed channel's opening, or null when there is none to say. */
function timingText(
  timing: DecisionViewProps['timing'],
  decision: Decision,
  now: number,
): {
  key: 'decision.closedNow' | 'decision.closedAtArrival' | 'decision.closedAtArrivalStarts';
  at: number;
} | null {
  if (timing === undefined || decision.outcome !== 'accept') return null;
  if (timing.kind === 'now') {
    return !decision.openNow && decision.nextOpen !== null
      ? { key: 'decision.closedNow', at: decision.nextOpen }
      : null;
  }
  const clock = arrivalClock(timing.closedOnArrival, timing.clockStartsAt, now);
  if (clock === null) return null;
  return {
    key: clock === 'starts' ? 'decision.closedAtArrivalStarts' : 'decision.closedAtArrival',
    at: timing.clockStartsAt,
  };
}

/** What the rules engine decided, in the person's language: outcome, reason, cost and what else to offer. */
export function DecisionView({ decision, channel, zone, now, title, compact, timing }: DecisionViewProps) {
  const t = useT();
  const lang = useLang();
  const rules = useRules((s) => s.rules);
  const planName = usePlanName();
  const gmt = channelGmt(rules, channel);
  const opening = timingText(timing, decision, now);
  const accepted = decision.outcome === 'accept';
  const quota = decision.quota;
  return (
    <div
      className={`decision decision-${decision.outcome}${compact ? ' compact' : ''}`}
      data-outcome={decision.outcome}
    >
      <p className="decision-head">
        {title && <span className="decision-title">{title}</span>}
        <span className={`outcome outcome-${decision.outcome}`}>
          {accepted
            ? t('decision.accepted')
            : decision.outcome === 'undecided'
              ? t('decision.undecided')
              : t('decision.refused')}
        </span>
      </p>
      <p className="decision-reason">{reasonText(decision.reason, lang, { decision, now })}</p>
      {quota && (
        <p className="decision-quota">
          {quota.counts
            ? t('decision.quotaSpends', {
                before: quota.before.used,
                after: quota.after.used,
                limit: quota.after.limit,
              })
            : t('decision.quotaFree', { used: quota.before.used, limit: quota.before.limit })}
        </p>
      )}
      {opening && (
        <p className="decision-timing" data-clock={opening.key}>
          {t(opening.key, {
            channel: t(`channel.${channel}`),
            at: dateTimeString(opening.at, zone, gmt, lang, now),
          })}
        </p>
      )}
      {!compact && decision.alternatives.length > 0 && (
        <div className="decision-alternatives">
          <p className="muted small">{t('decision.alternatives')}</p>
          <ul>
            {decision.alternatives.map((alt, i) => (
              <li key={i}>
                {alt.kind === 'channel' && (
                  <>
                    {t(`channel.${alt.channel}`)}{' '}
                    <span className="muted">({formatHours(alt.openingHours, lang, t)})</span>
                  </>
                )}
                {alt.kind === 'upgrade' &&
                  t('decision.altUpgrade', {
                    plans: alt.planIds.map((id, i) => planName(id, alt.planNames[i])).join(', '),
                  })}
                {alt.kind === 'community' && <ExternalLink href={alt.url}>{alt.name}</ExternalLink>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

import type { ChannelId, Decision } from '../../../shared/domain';
import { hoursAreGmt, localHours } from '../format/time';
import { useLang, useT } from '../i18n';
import { reasonText } from '../i18n/reasons';
import { channelHours, useRules } from '../state/rules';
import { dateTimeString } from './DateTimeText';
import { ExternalLink } from './ExternalLink';

interface DecisionViewProps {
  decision: Decision;
  channel: ChannelId;
  zone: string;
  now: number;
  accountEmail?: string;
  /** A heading for the block, e.g. "Intake decision". */
  title?: string;
  compact?: boolean;
  /**
   * Say when a closed channel opens: for accepted customer items, whose clock waits for it. Staff
   * may write at any hour, and a refused item has no clock.
   */
  timing?: 'now' | 'atArrival';
}

/** What the rules engine decided, in the person's language: outcome, reason, cost and what else to offer. */
export function DecisionView({
  decision,
  channel,
  zone,
  now,
  accountEmail,
  title,
  compact,
  timing,
}: DecisionViewProps) {
  const t = useT();
  const lang = useLang();
  const rules = useRules((s) => s.rules);
  const gmt = hoursAreGmt(channelHours(rules, channel));
  const accepted = decision.outcome === 'accept';
  const quota = decision.quota;
  return (
    <div
      className={`decision decision-${decision.outcome}${compact ? ' compact' : ''}`}
      data-outcome={decision.outcome}
    >
      <p className="decision-head">
        {title && <span className="decision-title">{title}</span>}
        <span className={accepted ? 'outcome outcome-accept' : 'outcome outcome-refuse'}>
          {accepted ? t('decision.accepted') : t('decision.refused')}
        </span>
      </p>
      <p className="decision-reason">{reasonText(decision.reason, lang, { decision, accountEmail, now })}</p>
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
      {timing !== undefined && accepted && !decision.openNow && decision.nextOpen !== null && (
        <p className="decision-timing">
          {t(timing === 'now' ? 'decision.closedNow' : 'decision.closedAtArrival', {
            channel: t(`channel.${channel}`),
            at: dateTimeString(decision.nextOpen, zone, gmt, lang, now),
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
                    <span className="muted">({localHours(alt.hours, lang)})</span>
                  </>
                )}
                {alt.kind === 'upgrade' && t('decision.altUpgrade', { plans: alt.planNames.join(', ') })}
                {alt.kind === 'community' && <ExternalLink href={alt.url}>{alt.name}</ExternalLink>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

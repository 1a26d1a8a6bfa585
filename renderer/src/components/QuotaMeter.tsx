import type { Quota } from '../../../shared/domain';
import { useT } from '../i18n';

export type QuotaLevel = 'ok' | 'low' | 'exhausted';

/**
 * A question needs room for itself and its answer, so the balance reads as a warning once two or
 * fewer messages are free, and as exhausted when none is (spent, or kept for answers already owed).
 */
export function quotaLevel(quota: Quota): QuotaLevel {
  return quota.remaining === 0 ? 'exhausted' : quota.remaining <= 2 ? 'low' : 'ok';
}

/** The Free plan's topic quota as "3 / 5 used", with a bar and what the balance still allows. */
export function QuotaMeter({ quota, label }: { quota: Quota; label?: string }) {
  const t = useT();
  const level = quotaLevel(quota);
  const percent = quota.limit === 0 ? 100 : Math.min(100, (quota.used / quota.limit) * 100);
  const keptPercent = quota.limit === 0 ? 0 : Math.min(100 - percent, (quota.reserved / quota.limit) * 100);
  const note =
    level === 'exhausted'
      ? quota.reserved > 0
        ? t('quota.noteReserved')
        : t('quota.noteExhausted')
      : quota.remaining === 1
        ? t('quota.noteOne')
        : level === 'low'
          ? t('quota.noteTwo')
          : t('quota.noteLeft', { n: quota.remaining });
  return (
    <div className={`quota quota-${level}`} data-level={level}>
      <span className="quota-label">{label ?? t('quota.label')}</span>
      <span className="quota-value">{t('quota.used', { used: quota.used, limit: quota.limit })}</span>
      <span className="quota-bar" aria-hidden="true">
        <span className="quota-fill" style={{ width: `${percent}%` }} />
        {keptPercent > 0 && (
          <span className="quota-fill-kept" style={{ left: `${percent}%`, width: `${keptPercent}%` }} />
        )}
      </span>
      {quota.reserved > 0 && (
        <span className="quota-kept" data-reserved={quota.reserved}>
          {t('quota.kept', { n: quota.reserved })}
        </span>
      )}
      <span className="quota-note">{note}</span>
    </div>
  );
}

/** The same balance, inline: "3 / 5 used" coloured by level. */
export function QuotaInline({ quota }: { quota: Quota }) {
  const t = useT();
  return (
    <span
      className={`quota-inline quota-${quotaLevel(quota)}`}
      title={quota.reserved > 0 ? t('quota.kept', { n: quota.reserved }) : undefined}
    >
      {t('quota.used', { used: quota.used, limit: quota.limit })}
      {quota.reserved > 0 && ` (+${quota.reserved})`}
    </span>
  );
}

import type { ChannelEntitlement } from '../../../shared/domain';
import { useLang, useT } from '../i18n';
import { reasonText } from '../i18n/reasons';
import { Tooltip } from './Tooltip';

/**
 * One support channel for one customer: allowed or not, with the rule's own sentence as the
 * reason. The badge is a button so it can take keyboard focus and the reason can be pinned open.
 */
export function EntitlementBadge({ entitlement }: { entitlement: ChannelEntitlement }) {
  const t = useT();
  const lang = useLang();
  const { allowed, reason, channel } = entitlement;
  return (
    <Tooltip content={reasonText(reason, lang, { hours: entitlement.openingHours })}>
      {(trigger) => (
        <button
          type="button"
          className={allowed ? 'entitlement-badge allowed' : 'entitlement-badge refused'}
          data-channel={channel}
          data-allowed={allowed}
          {...trigger}
        >
          <span className="entitlement-icon" aria-hidden="true">
            {allowed ? '✓' : '✕'}
          </span>
          <span className="entitlement-name">{t(`channel.${channel}`)}</span>
          <span className="entitlement-state">
            {allowed
              ? t('badge.allowed')
              : reason.code === 'quota.exhausted'
                ? t('badge.quotaUsedUp')
                : reason.code === 'quota.insufficient'
                  ? t('badge.quotaNotEnough')
                  : t('badge.notOnPlan')}
          </span>
        </button>
      )}
    </Tooltip>
  );
}

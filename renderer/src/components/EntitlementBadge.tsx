import type { ChannelEntitlement } from '../../../shared/domain';
import { Tooltip } from './Tooltip';

/**
 * One support channel for one customer: allowed or not, with the rule's own sentence as the
 * reason. The badge is a button so it can take keyboard focus and the reason can be pinned open.
 */
export function EntitlementBadge({ entitlement }: { entitlement: ChannelEntitlement }) {
  const { allowed, name, reason } = entitlement;
  return (
    <Tooltip content={reason.text}>
      {(trigger) => (
        <button
          type="button"
          className={allowed ? 'entitlement-badge allowed' : 'entitlement-badge refused'}
          data-channel={entitlement.channel}
          data-allowed={allowed}
          {...trigger}
        >
          <span className="entitlement-icon" aria-hidden="true">
            {allowed ? '✓' : '✕'}
          </span>
          <span className="entitlement-name">{name}</span>
          <span className="entitlement-state">{allowed ? 'allowed' : 'not on plan'}</span>
        </button>
      )}
    </Tooltip>
  );
}

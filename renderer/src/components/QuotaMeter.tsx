import type { Quota } from '../../../shared/domain';

/**
 * The Free plan's topic quota. A question needs room for itself and its answer, so the balance is
 * shown as a warning once two or fewer messages remain, and as exhausted at zero.
 */
export function QuotaMeter({ quota, label = 'Topic quota' }: { quota: Quota; label?: string }) {
  const level = quota.remaining === 0 ? 'exhausted' : quota.remaining <= 2 ? 'low' : 'ok';
  const percent = quota.limit === 0 ? 100 : Math.min(100, (quota.used / quota.limit) * 100);
  const note =
    level === 'exhausted'
      ? 'No messages left: new questions are refused.'
      : quota.remaining === 1
        ? '1 left: not enough for a new question and its answer.'
        : level === 'low'
          ? '2 left: room for one more question and its answer.'
          : `${quota.remaining} left`;
  return (
    <div className={`quota quota-${level}`} data-level={level}>
      <span className="quota-label">{label}</span>
      <span className="quota-value">
        {quota.used} / {quota.limit} used
      </span>
      <span className="quota-bar" aria-hidden="true">
        <span className="quota-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="quota-note">{note}</span>
    </div>
  );
}

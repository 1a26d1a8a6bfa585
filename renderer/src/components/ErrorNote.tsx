import type { ApiErrorShape } from '../../../shared/contract';
import { plainError } from '../format/errors';
import { useSession } from '../state/session';

interface ErrorNoteProps {
  error: ApiErrorShape;
  onRetry?: () => void;
  compact?: boolean;
}

/** A call's failure, in plain words, placed where the person acted. */
export function ErrorNote({ error, onRetry, compact }: ErrorNoteProps) {
  const lost = useSession((s) => s.lost);
  const plain = plainError(error);
  return (
    <div role="alert" className={compact ? 'error-note compact' : 'error-note'} data-code={error.code}>
      <p className="error-title">{plain.title}</p>
      {plain.detail && <p className="error-detail">{plain.detail}</p>}
      {(plain.needsSignIn || onRetry) && (
        <p className="error-actions">
          {plain.needsSignIn ? (
            <button type="button" onClick={lost}>
              Sign in again
            </button>
          ) : (
            onRetry && (
              <button type="button" onClick={onRetry}>
                Try again
              </button>
            )
          )}
        </p>
      )}
    </div>
  );
}

import type { ApiErrorShape } from '../../../shared/contract';
import { plainError } from '../format/errors';
import { useT } from '../i18n';
import { useSession } from '../state/session';

interface ErrorNoteProps {
  error: ApiErrorShape;
  onRetry?: () => void;
  compact?: boolean;
  /** What the person was doing, e.g. "The answer was not sent." */
  context?: string;
}

/** A call's failure, in plain words, placed where the person acted. */
export function ErrorNote({ error, onRetry, compact, context }: ErrorNoteProps) {
  const t = useT();
  const lost = useSession((s) => s.lost);
  const plain = plainError(error, t);
  return (
    <div role="alert" className={compact ? 'error-note compact' : 'error-note'} data-code={error.code}>
      <p className="error-title">{context ? `${context} ${plain.title}` : plain.title}</p>
      {plain.detail && <p className="error-detail">{plain.detail}</p>}
      {(plain.needsSignIn || onRetry) && (
        <p className="error-actions">
          {plain.needsSignIn ? (
            <button type="button" onClick={lost}>
              {t('error.signInAgain')}
            </button>
          ) : (
            onRetry && (
              <button type="button" onClick={onRetry}>
                {t('error.retry')}
              </button>
            )
          )}
        </p>
      )}
    </div>
  );
}

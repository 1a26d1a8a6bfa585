// Turns a contract error into what the person who acted should read. The core's messages are
// already meant for people (in English), except validation errors, which name contract fields.
import type { ApiErrorShape } from '../../../shared/contract';
import { useI18n, type Translate } from '../i18n';
import { formatLocal, systemZone } from './time';

export interface PlainError {
  title: string;
  detail: string | null;
  /** The person must choose who they are working as again before retrying. */
  needsSignIn: boolean;
}

/** How to sign in again, as the core says it is done here (one machine or a team server). */
function signInAgain(error: ApiErrorShape, t: Translate): string | null {
  if (error.signIn === 'picker') return t('error.chooseWho');
  if (error.signIn === 'password') return t('error.signInWithPassword');
  return null;
}

export function plainError(error: ApiErrorShape, t: Translate): PlainError {
  const plain = describe(error, t);
  // A core sentence that is the title word for word (a wrong password, in English) is said once.
  return plain.detail === plain.title ? { ...plain, detail: null } : plain;
}

function describe(error: ApiErrorShape, t: Translate): PlainError {
  switch (error.code) {
    case 'not_signed_in':
      return {
        title: t('error.notSignedIn'),
        detail: signInAgain(error, t) ?? error.message,
        needsSignIn: true,
      };
    case 'wrong_password':
      return { title: t('error.wrongPassword'), detail: error.message, needsSignIn: false };
    case 'locked_out':
      return {
        title: t('error.lockedOut'),
        detail:
          error.until === undefined
            ? error.message
            : t('error.lockedOutUntil', {
                time: formatLocal(error.until, systemZone(), useI18n.getState().lang),
              }),
        needsSignIn: false,
      };
    case 'session_expired':
      return {
        title: t('error.sessionExpired'),
        detail: signInAgain(error, t) ?? error.message,
        needsSignIn: true,
      };
    case 'deactivated':
      return { title: t('error.deactivated'), detail: error.message, needsSignIn: true };
    case 'forbidden':
      return { title: t('error.forbidden'), detail: error.message, needsSignIn: false };
    case 'not_found':
      return {
        title: t('error.notFound'),
        detail: `${error.message} ${t('error.notFoundHint')}`,
        needsSignIn: false,
      };
    case 'rule_refused':
      return { title: t('error.ruleRefused'), detail: error.message, needsSignIn: false };
    case 'conflict':
      return {
        title: t('error.conflict'),
        detail: `${error.message} ${t('error.conflictHint')}`,
        needsSignIn: false,
      };
    case 'invalid_input':
      return { title: t('error.invalid'), detail: error.message, needsSignIn: false };
    case 'unavailable':
      return { title: t('error.unavailable'), detail: error.message, needsSignIn: false };
    case 'storage_full':
      return { title: t('error.storageFull'), detail: t('error.storageFullHint'), needsSignIn: false };
    case 'internal':
      return { title: t('error.internal'), detail: error.message, needsSignIn: false };
  }
}

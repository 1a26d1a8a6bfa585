// Turns a contract error into what the person who acted should read. The core's messages are
// already meant for people, except validation errors, which name contract fields.
import type { ApiErrorShape } from '../../../shared/contract';

export interface PlainError {
  title: string;
  detail: string | null;
  /** The person must choose who they are working as again before retrying. */
  needsSignIn: boolean;
}

export function plainError(error: ApiErrorShape): PlainError {
  switch (error.code) {
    case 'not_signed_in':
      return {
        title: 'You are not signed in any more.',
        detail: error.message.startsWith('Sign in first')
          ? 'Choose who you are working as, then try again.'
          : error.message,
        needsSignIn: true,
      };
    case 'forbidden':
      return { title: 'Your role does not allow this.', detail: error.message, needsSignIn: false };
    case 'not_found':
      return {
        title: 'That no longer exists.',
        detail: `${error.message} It may have been removed; refresh the list.`,
        needsSignIn: false,
      };
    case 'rule_refused':
      return { title: 'The support rules do not allow this.', detail: error.message, needsSignIn: false };
    case 'conflict':
      return {
        title: 'Someone changed this at the same time.',
        detail: `${error.message} Look at the current state, then try again.`,
        needsSignIn: false,
      };
    case 'invalid_input':
      return { title: 'That request was not accepted.', detail: error.message, needsSignIn: false };
    case 'unavailable':
      return { title: 'The console cannot reach its server.', detail: error.message, needsSignIn: false };
    case 'internal':
      return {
        title: 'Something went wrong; nothing was changed.',
        detail: error.message,
        needsSignIn: false,
      };
  }
}

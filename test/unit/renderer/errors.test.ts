// A refusal for want of a sign-in says how to sign in again as the core says it is done here: choose
// who you are on one machine, e-mail and password on a team server; in English and in French.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorShape } from '../../../shared/contract';
import { plainError } from '../../../renderer/src/format/errors';
import { loadLanguage, translator } from '../../../renderer/src/i18n';

// French is a chunk of its own, loaded when someone reads it.
beforeAll(() => loadLanguage('fr'));

const notSignedIn = (signIn: ApiErrorShape['signIn']): ApiErrorShape => ({
  code: 'not_signed_in',
  // The core's English sentence; the renderer must not infer anything from it.
  message: 'Sign in first: choose who you are working as.',
  ...(signIn ? { signIn } : {}),
});

describe('signing in again', () => {
  it('asks one machine to choose who you are working as', () => {
    expect(plainError(notSignedIn('picker'), translator('en')).detail).toBe(
      'Choose who you are working as, then try again.',
    );
    expect(plainError(notSignedIn('picker'), translator('fr')).detail).toBe(
      'Choisissez sous quel nom vous travaillez, puis réessayez.',
    );
  });

  it('asks a team server for the e-mail and password, whatever the message says', () => {
    for (const code of ['not_signed_in', 'session_expired'] as const) {
      const error: ApiErrorShape = {
        code,
        message: 'Sign in first: choose who you are working as.',
        signIn: 'password',
      };
      const en = plainError(error, translator('en'));
      expect(en.detail).toBe('Sign in again with your e-mail and password, then try again.');
      expect(en.needsSignIn).toBe(true);
      expect(plainError(error, translator('fr')).detail).toBe(
        'Reconnectez-vous avec votre e-mail et votre mot de passe, puis réessayez.',
      );
    }
  });

  it('shows the core’s sentence when it does not say (a missing serve-mode token)', () => {
    const error: ApiErrorShape = { code: 'not_signed_in', message: 'A valid token is required.' };
    expect(plainError(error, translator('en')).detail).toBe('A valid token is required.');
  });
});

describe('a wrong password', () => {
  const wrong = (message: string): ApiErrorShape => ({ code: 'wrong_password', message, field: 'password' });

  it('is said once when the core’s sentence is the title word for word', () => {
    const plain = plainError(wrong('The e-mail address and password do not match.'), translator('en'));
    expect(plain.title).toBe('The e-mail address and password do not match.');
    expect(plain.detail).toBeNull();
  });

  it('keeps a sentence that says more, and the core’s sentence under a French title', () => {
    expect(plainError(wrong('Enter Léa Martin’s password.'), translator('en')).detail).toBe(
      'Enter Léa Martin’s password.',
    );
    const fr = plainError(wrong('The e-mail address and password do not match.'), translator('fr'));
    expect(fr.title).toBe('L’adresse e-mail et le mot de passe ne correspondent pas.');
    expect(fr.detail).toBe('The e-mail address and password do not match.');
  });
});

// Why a window is not signed in, whichever of its calls heard it first: after an answer that says the
// session ended, a later call that only hears "nobody is signed in" is told the reason, until the
// window signs in again or signs out on purpose. (Seen on the team server: the first answer clears the
// cookie, so a send made a moment later said "not signed in" instead of "your session has ended".)
import { describe, expect, it } from 'vitest';
import type { ApiErrorShape, ClientApi } from '../../../shared/contract';
import { onSessionEnded, watchSessionEnds } from '../../../renderer/src/transport/session-ends';

const expired: ApiErrorShape = {
  code: 'session_expired',
  message: 'Your session was signed out.',
  signIn: 'password',
};
const nobody: ApiErrorShape = { code: 'not_signed_in', message: 'Sign in first.', signIn: 'password' };

/** A client whose next answers are scripted per method. */
function scripted(answers: Record<string, unknown[]>) {
  const raw = new Proxy(
    {},
    {
      get: (_t, name) =>
        name === 'subscribe'
          ? () => () => undefined
          : async () => {
              const queue = answers[String(name)] ?? [];
              return queue.shift() ?? { ok: true, value: null };
            },
    },
  );
  return watchSessionEnds(raw as ClientApi);
}

describe('a session that ended', () => {
  it('is reported once heard, and later "not signed in" answers carry its reason', async () => {
    const heard: ApiErrorShape[] = [];
    onSessionEnded((error) => heard.push(error));
    const api = scripted({
      'queue.list': [{ ok: false, error: expired }],
      'messages.add': [{ ok: false, error: nobody }],
    });
    expect(await api['queue.list']({} as never)).toEqual({ ok: false, error: expired });
    expect(heard).toEqual([expired]);
    expect(await api['messages.add']({} as never)).toEqual({ ok: false, error: expired });
    onSessionEnded(null);
  });

  it('is forgotten once the window signs in again, or signs out on purpose', async () => {
    const api = scripted({
      'queue.list': [{ ok: false, error: expired }],
      'session.signInWithPassword': [{ ok: true, value: {} }],
      'messages.add': [
        { ok: false, error: nobody },
        { ok: false, error: nobody },
      ],
      'customers.list': [{ ok: false, error: expired }],
    });
    await api['queue.list']({} as never);
    await api['session.signInWithPassword']({} as never);
    expect(await api['messages.add']({} as never)).toEqual({ ok: false, error: nobody });
    await api['customers.list']({} as never);
    await api['session.signOut']({} as never);
    expect(await api['messages.add']({} as never)).toEqual({ ok: false, error: nobody });
  });

  it('leaves "not signed in" as it is when no session ended here', async () => {
    const api = scripted({ 'messages.add': [{ ok: false, error: nobody }] });
    expect(await api['messages.add']({} as never)).toEqual({ ok: false, error: nobody });
    expect(typeof api.subscribe(() => undefined)).toBe('function');
  });
});

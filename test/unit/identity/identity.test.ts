// Real identity on a real SQLite file: password sign-in, lock-out, session lifetimes and revocation,
// forged tokens, role checks, invitations, deactivation, and the audit of each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { hashPassword } from '../../../electron/core/identity/password';
import { newToken } from '../../../electron/core/identity/tokens';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';

const FAST = { N: 2 ** 12, r: 8, p: 1 };
const HOUR = 3_600_000;
const PASSWORD = 'correct horse battery';

let core: TestCore;

beforeEach(async () => {
  core = await createTestCore(undefined, { identity: { scrypt: FAST } });
  for (const id of [core.ids.agent, core.ids.lead, core.ids.inactive]) await setPassword(id, PASSWORD);
});
afterEach(() => core.dispose());

async function setPassword(staffId: number, password: string, params = FAST) {
  await core.core.db
    .updateTable('staff')
    .set({ password_hash: await hashPassword(password, params) })
    .where('id', '=', staffId)
    .execute();
}

const emailOf = async (id: number) =>
  (await core.core.db.selectFrom('staff').select('email').where('id', '=', id).executeTakeFirstOrThrow())
    .email;

async function signIn(staffId: number, password = PASSWORD, extra: Record<string, unknown> = {}) {
  const session: Session = { staffId: null };
  const result = await core.dispatcher.invoke(session, 'session.signInWithPassword', {
    email: await emailOf(staffId),
    password,
    ...extra,
  });
  return { session, result };
}

async function signedIn(staffId: number): Promise<Session> {
  const { session, result } = await signIn(staffId);
  if (!result.ok) throw new Error(result.error.message);
  return session;
}

const auditActions = async () =>
  (
    await core.core.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .orderBy('id')
      .execute()
  ).map((r) => ({ ...r, after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>) }));

/** Everything but the audit log, the write counter and the failure bookkeeping. */
async function stateBesidesAudit() {
  const all = await snapshot(core.core.db);
  delete all.audit_log;
  delete all.write_lock;
  all.staff = (all.staff as Record<string, unknown>[]).map(({ failed_sign_ins: _f, ...rest }) => rest);
  return all;
}

describe('sign-in with e-mail and password', () => {
  it('signs in, records it, and keeps only the hash of the session token', async () => {
    const { session, result } = await signIn(core.ids.agent, PASSWORD, { bearer: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.staff).toMatchObject({ id: core.ids.agent, hasPassword: true });
    expect(result.value.token).toBe(session.token);
    expect(result.value.expiresAt).toBe(core.clock.now + 7 * 24 * HOUR);
    expect(session.staffId).toBe(core.ids.agent);
    const all = JSON.stringify(await snapshot(core.core.db));
    expect(all).not.toContain(session.token!);
    expect((await core.call(session, 'session.current', {}))?.id).toBe(core.ids.agent);
    expect((await auditActions()).at(-1)).toMatchObject({
      action: 'session.signIn',
      entity_id: core.ids.agent,
    });
  });

  it('gives the token in the result only to a client that asks for it (Bearer)', async () => {
    const { result } = await signIn(core.ids.agent);
    expect(result.ok && result.value.token).toBe(null);
  });

  it('matches the e-mail whatever its case', async () => {
    const session: Session = { staffId: null };
    const email = (await emailOf(core.ids.agent)).toUpperCase();
    const result = await core.dispatcher.invoke(session, 'session.signInWithPassword', {
      email,
      password: PASSWORD,
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['a wrong password', async () => ({ email: await emailOf(core.ids.agent), password: 'wrong password!' })],
    ['an unknown e-mail', async () => ({ email: 'nobody@support.test', password: PASSWORD })],
    [
      'a staff member without a password',
      async () => ({ email: await emailOf(core.ids.otherAgent), password: PASSWORD }),
    ],
  ])('refuses %s with the same typed error, writing only the audit of the failure', async (_name, input) => {
    const before = await stateBesidesAudit();
    const session: Session = { staffId: null };
    const result = await core.dispatcher.invoke(session, 'session.signInWithPassword', await input());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'wrong_password',
        message: 'The e-mail address and password do not match.',
        field: 'password',
      },
    });
    expect(session).toMatchObject({ staffId: null, token: null });
    expect(await stateBesidesAudit()).toEqual(before);
    expect((await auditActions()).at(-1)?.action).toBe('session.signIn.failed');
  });

  it('re-hashes a password stored with weaker parameters at the next sign-in', async () => {
    await setPassword(core.ids.agent, PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
    await signedIn(core.ids.agent);
    const row = await core.core.db
      .selectFrom('staff')
      .select('password_hash')
      .where('id', '=', core.ids.agent)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$4096\$/);
    await signedIn(core.ids.agent);
  });
});

describe('lock-out', () => {
  it('locks sign-in for 15 minutes after 5 wrong passwords, says until when, then lets the right one in', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { result } = await signIn(core.ids.agent, `wrong password ${i}`);
      codes.push(result.ok ? 'ok' : result.error.code);
    }
    expect(codes).toEqual([
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'wrong_password',
      'locked_out',
    ]);
    const until = core.clock.now + 15 * 60_000;

    // Even the right password is refused while locked, with the time the lock ends.
    const locked = await signIn(core.ids.agent);
    expect(locked.result).toMatchObject({ ok: false, error: { code: 'locked_out', until } });
    expect(!locked.result.ok && locked.result.error.message).toMatch(/locked until 10:15 GMT/);
    const actions = (await auditActions()).map((a) => a.action);
    expect(actions.slice(-2)).toEqual(['session.signIn.failed', 'session.signIn.locked']);
    expect((await auditActions()).at(-2)?.after).toMatchObject({ reason: 'locked_out', lockedUntil: until });

    core.clock.now = until - 1;
    expect((await signIn(core.ids.agent)).result.ok).toBe(false);
    core.clock.now = until;
    expect((await signIn(core.ids.agent)).result.ok).toBe(true);
  });

  it('counts only wrong passwords in a row: a success starts the count again', async () => {
    for (let i = 0; i < 4; i++) await signIn(core.ids.agent, 'wrong password!');
    expect((await signIn(core.ids.agent)).result.ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      const { result } = await signIn(core.ids.agent, 'wrong password!');
      expect(!result.ok && result.error.code).toBe('wrong_password');
    }
  });

  it('counts wrong passwords sent at the same moment', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => signIn(core.ids.agent, 'wrong password!')),
    );
    const codes = results.map(({ result }) => (result.ok ? 'ok' : result.error.code));
    expect(codes.filter((c) => c === 'locked_out').length).toBeGreaterThanOrEqual(1);
    expect((await signIn(core.ids.agent)).result).toMatchObject({ ok: false, error: { code: 'locked_out' } });
  });
});

describe('sessions', () => {
  it('end after 12 hours without use, with a typed error and an audit entry, writing nothing else', async () => {
    const session = await signedIn(core.ids.agent);
    core.clock.now += 11 * HOUR;
    await core.call(session, 'queue.list', {});
    core.clock.now += 12 * HOUR - 1;
    await core.call(session, 'queue.list', {});
    core.clock.now += 12 * HOUR;
    const before = await stateBesidesAudit();
    const result = await core.dispatcher.invoke(session, 'queue.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(await stateBesidesAudit()).toEqual(before);
    expect((await auditActions()).at(-1)).toMatchObject({
      action: 'session.refused',
      entity_id: core.ids.agent,
      after: { method: 'queue.list', code: 'session_expired' },
    });
    // The window is signed out: a public call sees nobody.
    expect(await core.call(session, 'session.current', {})).toBe(null);
  });

  it('end 7 days after sign-in however busy', async () => {
    const session = await signedIn(core.ids.agent);
    for (let h = 0; h < 7 * 24 - 1; h += 6) {
      core.clock.now += 6 * HOUR;
      if (h + 6 >= 7 * 24) break;
      await core.call(session, 'session.current', {});
    }
    core.clock.now = core.clock.now - (core.clock.now % 1) + 7 * 24 * HOUR;
    const result = await core.dispatcher.invoke(session, 'queue.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(!result.ok && result.error.message).toMatch(/maximum lifetime/);
  });

  it('are revoked by sign-out: the same token no longer works', async () => {
    const session = await signedIn(core.ids.agent);
    const stolen = { staffId: null, token: session.token };
    await core.call(session, 'session.signOut', {});
    expect(session).toMatchObject({ staffId: null, token: null });
    const result = await core.dispatcher.invoke(stolen, 'queue.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired', message: /signed out/ } });
    expect((await auditActions()).map((a) => a.action)).toContain('session.signOut');
  });

  it.each([
    ['a random token', () => newToken()],
    ['a malformed token', () => "'; drop table staff; --"],
    ['an empty token', () => ''],
  ])('refuse %s, whoever the client claims to be', async (_name, token) => {
    const forged: Session = { staffId: core.ids.lead, token: token() };
    const before = await stateBesidesAudit();
    const result = await core.dispatcher.invoke(forged, 'staff.accounts', {});
    expect(result.ok).toBe(false);
    expect(!result.ok && ['session_expired', 'not_signed_in']).toContain(!result.ok && result.error.code);
    expect(await stateBesidesAudit()).toEqual(before);
  });

  it('say on one machine that signing in again means choosing who you are', async () => {
    const result = await core.dispatcher.invoke({ staffId: null }, 'queue.list', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in', signIn: 'picker', message: /choose who you are working as/ },
    });
  });

  it('never trust a staff id from the client for someone who has a password', async () => {
    const claimed: Session = { staffId: core.ids.lead };
    const result = await core.dispatcher.invoke(claimed, 'staff.accounts', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(claimed.staffId).toBe(null);
  });
});

describe('password change', () => {
  it('needs the current password, ends the other sessions and keeps this one', async () => {
    const here = await signedIn(core.ids.agent);
    const elsewhere = await signedIn(core.ids.agent);
    const wrong = await core.dispatcher.invoke(here, 'session.changePassword', {
      currentPassword: 'not the password',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_password', field: 'currentPassword' } });
    expect((await auditActions()).at(-1)?.action).toBe('session.changePassword.failed');

    await core.call(here, 'session.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect((await core.dispatcher.invoke(elsewhere, 'queue.list', {})).ok).toBe(false);
    expect((await core.dispatcher.invoke(here, 'queue.list', {})).ok).toBe(true);
    expect((await signIn(core.ids.agent)).result.ok).toBe(false);
    expect((await signIn(core.ids.agent, 'a brand new passphrase')).result.ok).toBe(true);
    expect((await auditActions()).find((a) => a.action === 'session.changePassword')?.after).toMatchObject({
      otherSessionsEnded: 1,
    });
  });

  it.each([
    ['too short', 'short'],
    ['padded with spaces', ' a long enough pass '],
  ])('refuses a new password that is %s', async (_name, newPassword) => {
    const here = await signedIn(core.ids.agent);
    const result = await core.dispatcher.invoke(here, 'session.changePassword', {
      currentPassword: PASSWORD,
      newPassword,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'newPassword' } });
  });

  it('lets a staff member picked from the list set a first password; the picker then asks for it', async () => {
    const picked = await core.signedIn(core.ids.otherAgent);
    await core.call(picked, 'session.changePassword', { newPassword: 'my first password' });
    expect(picked.token).toBeTruthy();
    expect((await core.dispatcher.invoke(picked, 'queue.list', {})).ok).toBe(true);
    const again: Session = { staffId: null };
    expect(
      await core.dispatcher.invoke(again, 'session.signIn', { staffId: core.ids.otherAgent }),
    ).toMatchObject({
      ok: false,
      error: { code: 'wrong_password' },
    });
    expect(
      (
        await core.dispatcher.invoke(again, 'session.signIn', {
          staffId: core.ids.otherAgent,
          password: 'my first password',
        })
      ).ok,
    ).toBe(true);
  });
});

describe('roles', () => {
  it.each([
    'staff.accounts',
    'staff.invite',
    'staff.setRole',
    'staff.setActive',
    'staff.revokeInvitation',
  ] as const)('refuse %s to an agent, audited, nothing else written', async (method) => {
    const agent = await signedIn(core.ids.agent);
    const before = await stateBesidesAudit();
    const result = await core.dispatcher.invoke(agent, method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await stateBesidesAudit()).toEqual(before);
    expect((await auditActions()).at(-1)).toMatchObject({
      action: 'access.refused',
      entity_id: core.ids.agent,
      after: { method, role: 'agent' },
    });
  });

  it('follow a role change at the next call, without a new sign-in', async () => {
    const lead = await signedIn(core.ids.lead);
    const agent = await signedIn(core.ids.agent);
    await core.call(lead, 'staff.setRole', { staffId: core.ids.agent, role: 'lead' });
    expect((await core.dispatcher.invoke(agent, 'staff.accounts', {})).ok).toBe(true);
    expect((await auditActions()).find((a) => a.action === 'staff.setRole')?.after).toEqual({ role: 'lead' });
  });

  it('keep at least one active lead', async () => {
    const lead = await signedIn(core.ids.lead);
    expect(
      await core.dispatcher.invoke(lead, 'staff.setRole', { staffId: core.ids.lead, role: 'agent' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await core.dispatcher.invoke(lead, 'staff.setActive', { staffId: core.ids.lead, active: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});

describe('deactivation', () => {
  it('ends every session of the person at once, and refuses their sign-in', async () => {
    const lead = await signedIn(core.ids.lead);
    const agent = await signedIn(core.ids.agent);
    const account = await core.call(lead, 'staff.setActive', { staffId: core.ids.agent, active: false });
    expect(account).toMatchObject({ active: false, openSessions: 0 });
    expect(await core.dispatcher.invoke(agent, 'queue.list', {})).toMatchObject({
      ok: false,
      error: { code: 'deactivated' },
    });
    expect((await signIn(core.ids.agent)).result).toMatchObject({
      ok: false,
      error: { code: 'deactivated' },
    });
    // A wrong password tells nothing about the account's state.
    expect((await signIn(core.ids.agent, 'wrong password!')).result).toMatchObject({
      ok: false,
      error: { code: 'wrong_password' },
    });
    const entry = (await auditActions()).find((a) => a.action === 'staff.setActive');
    expect(entry?.after).toEqual({ active: false, sessionsEnded: 1 });
    await core.call(lead, 'staff.setActive', { staffId: core.ids.agent, active: true });
    expect((await signIn(core.ids.agent)).result.ok).toBe(true);
  });
});

describe('deactivation announced while calls are in flight', () => {
  it('keeps the reason for the window: a public call does not end the session, "who am I?" says why', async () => {
    const lead = await signedIn(core.ids.lead);
    const agent = await signedIn(core.ids.agent);
    await core.call(lead, 'staff.setActive', { staffId: core.ids.agent, active: false });
    // Each HTTP request rebuilds its session from the cookie: copies, as the server makes them.
    const listing: Session = { ...agent };
    expect((await core.dispatcher.invoke(listing, 'staff.list', {})).ok).toBe(true);
    expect(listing.token).toBe(agent.token);
    const asking: Session = { ...agent };
    expect(await core.dispatcher.invoke(asking, 'session.current', {})).toMatchObject({
      ok: false,
      error: { code: 'deactivated' },
    });
    // That answer says why, so it ends the session for the client.
    expect(asking.token ?? null).toBeNull();
  });
});

describe('invitations', () => {
  const invite = async (lead: Session, email = 'nina.new@support.test') =>
    core.call(lead, 'staff.invite', { email, name: 'Nina New', role: 'agent', zone: 'Europe/Paris' });

  it('let the invitee choose a password and sign in; the link works once', async () => {
    const lead = await signedIn(core.ids.lead);
    const { token, invitation } = await invite(lead);
    expect(invitation).toMatchObject({ status: 'pending', invitedByName: 'Leo Lead', role: 'agent' });
    expect(JSON.stringify(await snapshot(core.core.db))).not.toContain(token);
    const nobody: Session = { staffId: null };
    expect(await core.call(nobody, 'staff.invitation', { token })).toMatchObject({
      email: 'nina.new@support.test',
    });
    await core.call(nobody, 'staff.acceptInvitation', { token, password: 'nina chose this' });
    const { result } = await (async () => {
      const session: Session = { staffId: null };
      return {
        result: await core.dispatcher.invoke(session, 'session.signInWithPassword', {
          email: 'nina.new@support.test',
          password: 'nina chose this',
        }),
      };
    })();
    expect(result).toMatchObject({ ok: true, value: { staff: { name: 'Nina New', role: 'agent' } } });
    expect(
      await core.dispatcher.invoke(nobody, 'staff.acceptInvitation', { token, password: 'another password' }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', field: 'token', message: /already used/ } });
    const actions = (await auditActions()).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['staff.invite', 'staff.acceptInvitation', 'staff.invitation.refused']),
    );
  });

  it('expire after 7 days', async () => {
    const lead = await signedIn(core.ids.lead);
    const { token } = await invite(lead);
    core.clock.now += 7 * 24 * HOUR;
    const before = await stateBesidesAudit();
    expect(
      await core.dispatcher.invoke({ staffId: null }, 'staff.acceptInvitation', {
        token,
        password: 'nina chose this',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', message: /expired/ } });
    expect(await stateBesidesAudit()).toEqual(before);
  });

  it('refuse a forged token, a withdrawn one, and an address that already has an account', async () => {
    const lead = await signedIn(core.ids.lead);
    expect(
      await core.dispatcher.invoke({ staffId: null }, 'staff.acceptInvitation', {
        token: newToken(),
        password: 'nina chose this',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const first = await invite(lead);
    const second = await invite(lead);
    expect(
      await core.dispatcher.invoke({ staffId: null }, 'staff.invitation', { token: first.token }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', message: /withdrawn/ } });
    await core.call(lead, 'staff.revokeInvitation', { invitationId: second.invitation.id });
    expect(
      await core.dispatcher.invoke({ staffId: null }, 'staff.invitation', { token: second.token }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(
      await core.dispatcher.invoke(lead, 'staff.invite', {
        email: (await emailOf(core.ids.agent)).toUpperCase(),
        name: 'Dup',
        role: 'agent',
        zone: 'UTC',
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict', field: 'email' } });
  });
});

describe('a team server (passwords required)', () => {
  it('refuses the picker and hides the staff list from whoever is not signed in', async () => {
    const team = await createTestCore(undefined, { identity: { scrypt: FAST, requirePasswords: true } });
    try {
      const nobody: Session = { staffId: null };
      expect(
        await team.dispatcher.invoke(nobody, 'session.signIn', { staffId: team.ids.otherAgent }),
      ).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await team.dispatcher.invoke(nobody, 'staff.list', {})).toMatchObject({
        ok: false,
        error: { code: 'not_signed_in', signIn: 'password' },
      });
      // Which sign-in is needed travels as data: e-mail and password here, never "choose who you are".
      const refused = await team.dispatcher.invoke(nobody, 'queue.list', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in', signIn: 'password' } });
      expect(!refused.ok && refused.error.message).not.toMatch(/choose who/i);
      const signedOut = await team.dispatcher.invoke({ staffId: null, token: newToken() }, 'views.list', {});
      expect(signedOut).toMatchObject({ ok: false, error: { code: 'session_expired', signIn: 'password' } });
      expect(await team.call(nobody, 'session.signInOptions', {})).toEqual({
        mode: 'password',
        passwordMinLength: 10,
      });
      // A session picked before cannot be carried into team mode either.
      expect(await team.dispatcher.invoke({ staffId: team.ids.otherAgent }, 'queue.list', {})).toMatchObject({
        ok: false,
        error: { code: 'session_expired' },
      });
    } finally {
      await team.dispose();
    }
  });
});

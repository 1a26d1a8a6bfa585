// A refusal by role says who may do it, from the contract's roles, for every method closed to a role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, methods } from '../../../shared/contract';
import { roleIds, type RoleId } from '../../../shared/domain';
import type { Session } from '../../../electron/core/api/context';
import { roleRefusal } from '../../../electron/core/api/dispatch';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
const sessions = {} as Record<RoleId, Session>;

beforeAll(async () => {
  core = await createTestCore();
  sessions.agent = await core.signedIn(core.ids.agent);
  sessions.account_manager = await core.signedIn(core.ids.manager);
  sessions.lead = await core.signedIn(core.ids.lead);
});
afterAll(() => core.dispose());

const closed = methodNames.flatMap((name) => {
  const roles = methods[name].roles;
  if (roles === 'public') return [];
  return roleIds.filter((r) => !roles.includes(r)).map((role) => [name, role] as const);
});

describe('role refusals', () => {
  it('the account manager calling managers.assign is told only a lead can, not a plan rule', async () => {
    const result = await core.dispatcher.invoke(sessions.account_manager, 'managers.assign', {
      customerId: core.ids.standard,
      managerId: core.ids.manager,
      reason: 'Asked for one',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Only a lead can assign personal managers; Maria Manager is an account manager.',
      },
    });
  });

  it('names every allowed role when there are several', () => {
    expect(roleRefusal(methods['customers.changePlan'], { name: 'Alice Agent', role: 'agent' })).toBe(
      'Only account managers and leads can change a customer’s plan; Alice Agent is an agent.',
    );
    expect(roleRefusal(methods['clients.markSeen'], { name: 'Leo Lead', role: 'lead' })).toBe(
      'Only an account manager can mark their clients as seen; Leo Lead is a lead.',
    );
  });

  it('every method closed to some role has words for what it does', () => {
    expect(closed.length).toBeGreaterThan(0);
    for (const [name] of closed) expect(methods[name].action, name).toMatch(/^[a-z]/);
  });

  it.each(closed)('%s refused to %s: "Only … can …", before its input is read', async (name, role) => {
    const result = await core.dispatcher.invoke(sessions[role], name, { not: 'valid input' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('forbidden');
    expect(result.error.message).toMatch(
      /^Only (an? [a-z ]+|[a-z ,]+ and [a-z ]+) can [^;]+; .+ is an? [a-z ]+\.$/,
    );
    expect(result.error.message).toContain(methods[name].action ?? '');
    expect(result.error.message).not.toMatch(/may not/);
  });
});

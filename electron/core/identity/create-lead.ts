// The first lead of a team, made from the command line by whoever runs the server: there is no one
// in the console yet to invite them.
import { sql } from 'kysely';
import { email as emailSchema } from '../../../shared/domain';
import { newPassword } from '../../../shared/contract';
import type { Core } from '../api/context';
import { runWrite } from '../api/write';
import { hashPassword } from './password';

export interface NewLead {
  email: string;
  name?: string | undefined;
  zone?: string | undefined;
  password: string;
}

export class CreateLeadError extends Error {
  override name = 'CreateLeadError';
}

/**
 * Creates a lead with a password, or gives an existing staff member without a password (a desktop
 * database moved to the team server) the lead role and the password. Refuses an address that
 * already signs in with a password: their password is theirs to change.
 */
export async function createLead(core: Core, lead: NewLead): Promise<{ id: number; created: boolean }> {
  const email = emailSchema.safeParse(lead.email.trim().toLowerCase());
  if (!email.success) throw new CreateLeadError(`--email: "${lead.email}" is not an e-mail address.`);
  const password = newPassword.safeParse(lead.password);
  if (!password.success) {
    throw new CreateLeadError(`The password ${password.error.issues[0]?.message ?? 'is not acceptable'}.`);
  }
  const zone = lead.zone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new CreateLeadError(`--zone: "${zone}" is not a known IANA time zone.`);
  }
  const name = lead.name?.trim() || email.data.split('@')[0]!;
  const hash = await hashPassword(password.data, core.identity.scrypt);
  const at = core.now();
  return runWrite(core, 'staff.createLead', null, async (w) => {
    const existing = await w.db
      .selectFrom('staff')
      .selectAll()
      .where(sql<string>`lower(email)`, '=', email.data)
      .executeTakeFirst();
    if (existing && existing.password_hash !== null) {
      throw new CreateLeadError(`${email.data} already signs in with a password; nothing was changed.`);
    }
    if (existing) {
      await w.db
        .updateTable('staff')
        .set({ role: 'lead', active: 1, password_hash: hash, password_changed_at: at, capacity: null })
        .where('id', '=', existing.id)
        .execute();
      await w.audit({
        entity: 'staff',
        entityId: existing.id,
        before: { role: existing.role, active: existing.active === 1, hadPassword: false },
        after: { role: 'lead', active: true, hadPassword: true },
      });
      // A running server drops what it knew of them (their role, their standing) at once.
      w.changed({ topics: ['staff'] });
      return { id: existing.id, created: false };
    }
    const row = await w.db
      .insertInto('staff')
      .values({
        name,
        email: email.data,
        role: 'lead',
        zone,
        active: 1,
        capacity: null,
        last_signed_in_at: null,
        created_at: at,
        password_hash: hash,
        password_changed_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      entity: 'staff',
      entityId: row.id,
      before: null,
      after: { email: email.data, name, role: 'lead' },
    });
    w.changed({ topics: ['staff'] });
    return { id: row.id, created: true };
  });
}

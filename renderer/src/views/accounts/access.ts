// Who may do what with personal managers and plans, as the core enforces it (contract roles plus
// the handlers' own checks). The renderer only uses this to show what a role can do; the core
// still decides, and its refusal is shown where the person acted.
import type { CustomerDetail, StaffMember } from '../../../../shared/contract';
import type { RoleId, TicketStatus } from '../../../../shared/domain';
import { focusQueue, useNav, type Section } from '../../state/nav';
import { useViews } from '../../state/views';

/** The sections this area adds to the top bar, by role. */
export function accountSections(role: RoleId | undefined): Section[] {
  if (role === 'lead') return ['clients', 'overview'];
  if (role === 'account_manager') return ['clients'];
  return [];
}

export function canUseSection(section: Section, role: RoleId | undefined): boolean {
  if (section === 'clients' || section === 'overview') return accountSections(role).includes(section);
  return true;
}

/** managers.assign / unassign / setCapacity: leads only. */
export function canAssign(me: StaffMember | null): boolean {
  return me?.role === 'lead';
}

export type PlanChangeAccess = { allowed: true } | { allowed: false; visible: boolean };

/**
 * customers.changePlan: a lead, or the client's own account manager. Another account manager sees
 * the control disabled with the reason (they work with plans, just not this client's); agents never
 * change plans, so they do not see it at all.
 */
export function planChangeAccess(me: StaffMember | null, detail: CustomerDetail): PlanChangeAccess {
  if (me?.role === 'lead') return { allowed: true };
  if (me?.role === 'account_manager') {
    return detail.manager?.staffId === me.id ? { allowed: true } : { allowed: false, visible: true };
  }
  return { allowed: false, visible: false };
}

/** Work that is still the team's to do (the built-in views' "open work"). */
const OPEN_WORK: TicketStatus[] = ['new', 'open', 'waiting_customer'];

/**
 * "This client's tickets": the queue's own customer filter on the active view's working copy, with
 * every open status, so the person lands in the queue they know, with the "One customer" chip to
 * take the filter off and Reset to get the saved view back.
 */
export function openClientTickets(customerId: number): void {
  useViews.getState().editFilter(() => ({ statuses: OPEN_WORK, customerId }));
  const nav = useNav.getState();
  nav.setSection('queue');
  nav.select(null);
  // The grid mounts on the next frame; the keyboard user continues there.
  window.requestAnimationFrame(() => window.requestAnimationFrame(focusQueue));
}

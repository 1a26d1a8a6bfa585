// Who may do what with personal managers and plans, as the core enforces it (contract roles plus
// the handlers' own checks). The renderer only uses this to show what a role can do; the core
// still decides, and its refusal is shown where the person acted.
import type { CustomerDetail, StaffMember } from '../../../../shared/contract';
import type { RoleId, TicketStatus } from '../../../../shared/domain';
import type { MessageKey } from '../../i18n';
import { focusQueue, useNav, type Section } from '../../state/nav';
import { useViews } from '../../state/views';

/** The sections this area adds to the top bar, by role. */
export function accountSections(role: RoleId | undefined): Section[] {
  if (role === 'lead') return ['clients', 'overview'];
  if (role === 'account_manager') return ['clients'];
  return [];
}

/**
 * The name of a section for this role: a lead's client list holds every manager's clients, so it is
 * not "My clients" for them.
 */
export function sectionLabelKey(section: Section, role: RoleId | undefined): MessageKey {
  return section === 'clients' && role === 'lead' ? 'section.clients.lead' : `section.${section}`;
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
 * customers.changePlan: a lead, or the client's own account manager. On a customer who has (or
 * should have) a personal manager, another account manager sees the control disabled with the
 * reason; on everyone else's panel it would only be noise beside every ticket, so it is hidden, as
 * it is for agents, who never change plans.
 */
export function planChangeAccess(me: StaffMember | null, detail: CustomerDetail): PlanChangeAccess {
  if (me?.role === 'lead') return { allowed: true };
  if (me?.role === 'account_manager') {
    if (detail.manager?.staffId === me.id) return { allowed: true };
    return {
      allowed: false,
      visible: detail.manager !== null || detail.entitlements.personalManager.entitled,
    };
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

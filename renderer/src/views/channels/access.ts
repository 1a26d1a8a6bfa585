// The Channels section is a lead's: mail out and in, the website's posts, and the outbox. The core
// refuses its methods to anyone else; the top bar shows it only to leads.
import type { RoleId } from '../../../../shared/domain';
import type { Section } from '../../state/nav';

export function channelsSections(role: RoleId | undefined): Section[] {
  return role === 'lead' ? ['channels'] : [];
}

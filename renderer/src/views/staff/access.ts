// The Staff section is a lead's: the core refuses its methods to anyone else, and the top bar
// shows it only to leads.
import type { RoleId } from '../../../../shared/domain';
import type { Section } from '../../state/nav';

export function staffSections(role: RoleId | undefined): Section[] {
  return role === 'lead' ? ['staff'] : [];
}

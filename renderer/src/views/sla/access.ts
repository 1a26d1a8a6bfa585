// Who sees the SLA section: leads review SLA hours and edit the targets (sla.review, sla.csv and
// rules.updateSla are lead-only in the contract). The core still decides; this only hides what a
// role could not use.
import type { RoleId } from '../../../../shared/domain';
import type { Section } from '../../state/nav';

export function slaSections(role: RoleId | undefined): Section[] {
  return role === 'lead' ? ['sla'] : [];
}

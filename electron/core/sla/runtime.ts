// What the SLA side of a running core shares between calls: the stored rule set versions (and the
// one in force). Held by reference in the Core, so every call sees the same instance.
import type { RuleVersions } from './versions';

export interface SlaRuntime {
  versions: RuleVersions;
}

// Plan names per language live in shared/plan-names.ts (the core's French drafts use them too); the
// renderer names plans only through these, or through usePlanName() (state/rules.ts) in components.
export {
  planName,
  planNamer,
  planShortName,
  type PlanNamer,
  type RulePlan,
} from '../../../shared/plan-names';

// The public API of the rules module: the calendar, the rule set and the engine.
export { CalendarError, createCalendar, calendarSpecSchema } from './calendar';
export type { BusinessCalendar, CalendarSpec, CalendarWindow, OpenInterval, Weekday } from './calendar';
export { RuleSetError, parseRuleSet, ruleIdSchema, ruleSetSchema } from './ruleset';
export type { ChannelRules, Plan, QuotaRules, RuleSet, RuleSetIssue, SlaTargetRule } from './ruleset';
export { defaultRuleSet } from './defaults';
export {
  answerReservingKinds,
  calendarFor,
  countsTowardQuota,
  listRuleIds,
  planHasChannel,
  planOf,
  quotaAppliesTo,
  quotaBalance,
  quotaSpentUp,
  reservesAnswer,
  ruleSetVersion,
  slaTargetFor,
} from './queries';
export type { SlaTarget } from './queries';
export { describeHours, formatInstant, openingHoursOf } from './hours';
export { evaluateEntitlements } from './entitlements';
export { admit, routeIntake } from './admit';
export { unknownSenderDecision } from './unknown-sender';
export type { UnknownSenderItem } from './unknown-sender';

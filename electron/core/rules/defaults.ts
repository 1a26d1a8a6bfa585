import quintadbRules from '../../../resources/rules/quintadb.json';
import { parseRuleSet } from './ruleset';
import type { RuleSet } from './ruleset';

/** The shipped QuintaDB rules; parsed at load so a broken default fails fast rather than per decision. */
export const defaultRuleSet: RuleSet = parseRuleSet(quintadbRules);

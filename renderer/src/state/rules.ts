// The rule set in force: channel names and hours, plans, the community group. Fetched once, and
// again when a lead puts a new version in force (the 'rules' topic of data.changed).
import { useMemo } from 'react';
import { create } from 'zustand';
import type { ApiErrorShape, RuleSetSummary } from '../../../shared/contract';
import type { ChannelId, OpeningHours } from '../../../shared/domain';
import { useLang } from '../i18n';
import { planNamer, type PlanNamer } from '../i18n/plans';
import { api } from '../transport';

interface RulesState {
  rules: RuleSetSummary | null;
  error: ApiErrorShape | null;
  load(): Promise<void>;
  reload(): Promise<void>;
}

export const useRules = create<RulesState>()((set, get) => ({
  rules: null,
  error: null,
  async load() {
    if (get().rules) return;
    await get().reload();
  },
  async reload() {
    const result = await api['rules.summary']({});
    if (result.ok) set({ rules: result.value, error: null });
    else set({ error: result.error });
  },
}));

export function channelHours(rules: RuleSetSummary | null, channel: ChannelId): OpeningHours | undefined {
  return rules?.channels.find((c) => c.id === channel)?.openingHours;
}

/** Whether the channel's hours are in GMT, so GMT times go beside the viewer's. */
export function channelGmt(rules: RuleSetSummary | null, channel: ChannelId): boolean {
  return channelHours(rules, channel)?.gmt ?? false;
}

/**
 * The one way the console names a plan: by id, in the person's language (i18n/plans.ts), with the
 * rule set in force supplying the name of a plan the language does not know.
 */
export function usePlanName(): PlanNamer {
  const lang = useLang();
  const plans = useRules((s) => s.rules?.plans);
  return useMemo(() => planNamer(lang, plans), [lang, plans]);
}

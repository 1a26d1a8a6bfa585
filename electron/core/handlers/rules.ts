import type { Handler } from '../api/handler';
import { describeHours, openingHoursOf, ruleSetVersion } from '../rules';

export const ruleSetSummary: Handler<'rules.summary'> = async ({ rules }) => ({
  id: rules.id,
  version: ruleSetVersion(rules),
  name: rules.name,
  plans: rules.plans.map((p) => ({ id: p.id, name: p.name, paid: p.paid, express: p.express })),
  channels: rules.channels.map((c) => ({
    id: c.id,
    name: c.name,
    hours: describeHours(c.calendar),
    openingHours: openingHoursOf(c.calendar),
  })),
  community: { name: rules.community.name, url: rules.community.url },
});

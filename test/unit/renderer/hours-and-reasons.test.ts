// Issue #12 item 14: the renderer writes hours and reasons in each language from the core's data
// (windows; a code with parameters), never from the engine's English sentences. Each French case
// gives the reason an English text that says something else, so reading it back would show.
import { beforeAll, describe, expect, it } from 'vitest';
import { admit, defaultRuleSet, evaluateEntitlements, openingHoursOf } from '../../../electron/core/rules';
import type { OpeningHours, Reason } from '../../../shared/domain';
import { formatHours } from '../../../renderer/src/format/hours';
import { loadLanguage, translator } from '../../../renderer/src/i18n';
import { reasonText } from '../../../renderer/src/i18n/reasons';

// French is a chunk of its own, loaded when someone reads it.
beforeAll(() => loadLanguage('fr'));

const en = translator('en');
const fr = translator('fr');
const WED_1000 = Date.parse('2025-01-08T10:00:00.000Z');
const SAT_1200 = Date.parse('2025-01-11T12:00:00.000Z');
const customer = { planId: 'free', accountEmail: 'ana@example.com', zone: null };

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const hours = (over: Partial<OpeningHours>): OpeningHours => ({
  zone: 'UTC',
  gmt: true,
  alwaysOpen: false,
  windows: [{ days: [...weekdays], from: '06:00', to: '18:00' }],
  exceptHolidays: false,
  openDayMinutes: 720,
  ...over,
});

describe('opening hours from their windows', () => {
  it.each([
    ['weekdays in GMT', hours({}), 'Mon–Fri 06:00–18:00 GMT', 'lun.–ven. 06:00–18:00 GMT'],
    [
      'around the clock, except holidays',
      hours({ alwaysOpen: true, gmt: false, windows: [], exceptHolidays: true }),
      '24/7 (except holidays)',
      '24 h/24, 7 j/7 (sauf jours fériés)',
    ],
    [
      'split days and a Saturday in another zone',
      hours({
        zone: 'Europe/Paris',
        gmt: false,
        windows: [
          { days: ['mon', 'tue'], from: '09:00', to: '12:00' },
          { days: ['mon', 'tue'], from: '13:00', to: '17:00' },
          { days: ['sat'], from: '10:00', to: '14:00' },
        ],
      }),
      'Mon–Tue 09:00–12:00, 13:00–17:00, Sat 10:00–14:00 Europe/Paris',
      'lun.–mar. 09:00–12:00, 13:00–17:00, sam. 10:00–14:00 Europe/Paris',
    ],
    ['never open', hours({ windows: [] }), 'closed', 'fermé'],
  ])('%s', (_what, data, english, french) => {
    expect(formatHours(data, 'en', en)).toBe(english);
    expect(formatHours(data, 'fr', fr)).toBe(french);
  });

  it('writes the default rule set’s hours as the engine describes them in English', () => {
    for (const channel of defaultRuleSet.channels) {
      const data = openingHoursOf(channel.calendar);
      const described = evaluateEntitlements(
        defaultRuleSet,
        customer,
        { quotaUsed: 0, quotaReserved: 0 },
        WED_1000,
      ).channels.find((c) => c.channel === channel.id)?.hours;
      expect(formatHours(data, 'en', en)).toBe(described);
    }
  });
});

const misleading = (reason: Reason): Reason => ({
  ...reason,
  text: 'An English sentence saying nothing useful.',
});

describe('reasons in French from the code and parameters', () => {
  it('names the call tool the engine names', () => {
    const decision = admit(
      defaultRuleSet,
      { ...customer, planId: 'standard_express' },
      { quotaUsed: 0, quotaReserved: 0 },
      { kind: 'call_request', questions: ['Export?'], contactEmail: 'ana@example.com', tool: 'google_meet' },
      WED_1000,
    );
    const text = reasonText(misleading(decision.reason), 'fr', { decision });
    expect(text).toContain('via Google Meet');
    expect(text).toContain('pendant les heures du téléphone');
    const renamed = { ...decision.reason, params: { ...decision.reason.params, toolName: 'Meet (Google)' } };
    expect(reasonText(renamed, 'fr', { decision })).toContain('via Meet (Google)');
  });

  it('lists the tools a refused call could use, from the rule set', () => {
    const reason: Reason = {
      code: 'call.tool_invalid',
      params: { tool: 'zoom', tools: 'skype,jitsi', toolNames: 'Skype, Jitsi' },
      text: 'x',
    };
    expect(reasonText(reason, 'fr')).toBe(
      'Les appels se font via\u202f: Skype, Jitsi\u202f; « zoom » n’en fait pas partie.',
    );
  });

  it('says where the answer is e-mailed from the parameter, not from the English text', () => {
    const decision = admit(
      defaultRuleSet,
      customer,
      { quotaUsed: 0, quotaReserved: 0 },
      { kind: 'topic_question' },
      WED_1000,
    );
    const text = reasonText(misleading(decision.reason), 'fr', { decision });
    expect(text).toContain('envoyée par e-mail à ana@example.com');
    expect(text).toContain('courriers indésirables');
    const noSpam = { ...decision.reason, params: { ...decision.reason.params, spamReminder: 0 } };
    expect(reasonText(noSpam, 'fr', { decision })).not.toContain('indésirables');
  });

  it('says the clock waits for the opening only when the engine says so', () => {
    const weekend = admit(
      defaultRuleSet,
      { ...customer, planId: 'standard' },
      { quotaUsed: 0, quotaReserved: 0 },
      { kind: 'email' },
      SAT_1200,
    );
    expect(reasonText(misleading(weekend.reason), 'fr', { decision: weekend, now: SAT_1200 })).toContain(
      'le délai de réponse démarre à l’ouverture, lun. 13 janv. 06:00 GMT',
    );
    const weekday = admit(
      defaultRuleSet,
      { ...customer, planId: 'standard' },
      { quotaUsed: 0, quotaReserved: 0 },
      { kind: 'email' },
      WED_1000,
    );
    expect(reasonText(weekday.reason, 'fr', { decision: weekday })).not.toContain('ouverture');
  });

  it('writes the channel’s hours in French from its windows', () => {
    const ent = evaluateEntitlements(
      defaultRuleSet,
      { ...customer, planId: 'standard' },
      { quotaUsed: 0, quotaReserved: 0 },
      WED_1000,
    );
    const email = ent.channels.find((c) => c.channel === 'email');
    if (!email) throw new Error('no email entitlement');
    expect(reasonText(email.reason, 'fr', { hours: email.openingHours })).toBe(
      'E-mail\u202f: inclus dans le plan Standard (lun.–ven. 06:00–18:00 GMT).',
    );
  });
});

// The slot finder and the booking agree on a real database: with random team settings, holidays and
// calls already booked, every slot offered can be booked, and a time on the grid that is not
// offered is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallResult, MethodName, MethodOutput } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import { createTestCore, WEDNESDAY_10_UTC } from '../helpers/core';
import { DAY, MINUTE, phoneRules, reopenWithRules, requestCall } from './helpers';

const run = fc.record({
  // Somewhere in the fortnight after the fixtures' Wednesday, on a whole minute.
  offsetMinutes: fc.integer({ min: 0, max: 14 * 24 * 60 }),
  bufferMinutes: fc.integer({ min: 0, max: 30 }),
  leadMinutes: fc.integer({ min: 0, max: 24 * 60 }),
  holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
  booked: fc.array(
    fc.record({ other: fc.boolean(), minutes: fc.constantFrom(15, 30, 45, 60), pick: fc.nat() }),
    { maxLength: 6 },
  ),
  minutes: fc.integer({ min: 5, max: 120 }),
  anyAgent: fc.boolean(),
  pick: fc.nat(),
  probe: fc.nat(),
});

describe('slots against bookings on a real database', () => {
  it('offers only bookable slots, and everything else on the grid is refused', async () => {
    await fc.assert(
      fc.asyncProperty(run, async (r) => {
        const now = WEDNESDAY_10_UTC + r.offsetMinutes * MINUTE;
        const base = await createTestCore(now);
        const holidays = r.holidayOffsets.map((d) => new Date(now + d * DAY).toISOString().slice(0, 10));
        const lead = { staffId: base.ids.lead };
        const agent: Session = { staffId: base.ids.agent };
        const requests = [];
        for (let i = 0; i <= r.booked.length; i++) requests.push(await requestCall(base, agent));
        const core = await reopenWithRules(base, phoneRules('UTC', holidays));
        async function call<M extends MethodName>(
          m: M,
          input: unknown,
        ): Promise<CallResult<MethodOutput<M>>> {
          return core.dispatcher.invoke({ ...agent }, m, input);
        }
        try {
          const settings = await core.dispatcher.invoke(lead, 'settings.update', {
            callBufferMinutes: r.bufferMinutes,
            callLeadMinutes: r.leadMinutes,
          });
          expect(settings.ok).toBe(true);

          // Book some calls first, each at a slot the finder offered.
          for (const [i, b] of r.booked.entries()) {
            const agentId = b.other ? base.ids.otherAgent : base.ids.agent;
            const callId = requests[i] ?? 0;
            const slots = await call('calls.slots', { callId, agentId, durationMinutes: b.minutes, days: 7 });
            if (!slots.ok) throw new Error(slots.error.message);
            const slot = slots.value.slots[b.pick % Math.max(1, slots.value.slots.length)];
            if (!slot) continue;
            const booked = await call('calls.schedule', {
              callId,
              agentId,
              startsAt: slot.startsAt,
              durationMinutes: b.minutes,
            });
            expect(booked.ok ? 'ok' : booked.error.message).toBe('ok');
          }

          const callId = requests.at(-1) ?? 0;
          const agentId = base.ids.agent;
          const found = await call('calls.slots', {
            callId,
            durationMinutes: r.minutes,
            days: 7,
            limit: 1000,
            ...(r.anyAgent ? {} : { agentId }),
          });
          if (!found.ok) throw new Error(found.error.message);
          const { slots, from, to, stepMinutes } = found.value;
          expect(from).toBe(now + r.leadMinutes * MINUTE);

          // A grid time Alice is not offered at must be refused for her, and leave nothing behind.
          const step = stepMinutes * MINUTE;
          const first = Math.ceil(from / step) * step;
          const count = Math.max(1, Math.floor((to - first) / step));
          const probe = first + (r.probe % count) * step;
          const offered = slots.some((s) => s.startsAt === probe && s.agents.some((a) => a.id === agentId));
          if (!offered && probe < to) {
            const refused = await call('calls.schedule', {
              callId,
              agentId,
              startsAt: probe,
              durationMinutes: r.minutes,
            });
            expect(refused.ok).toBe(false);
          }

          // And an offered slot can be booked, with any agent it names.
          const slot = slots[r.pick % Math.max(1, slots.length)];
          if (slot) {
            const who = slot.agents[r.pick % slot.agents.length];
            expect(who).toBeDefined();
            const booked = await call('calls.schedule', {
              callId,
              agentId: who?.id,
              startsAt: slot.startsAt,
              durationMinutes: r.minutes,
            });
            expect(booked.ok ? 'ok' : booked.error.message).toBe('ok');
          }
        } finally {
          await core.dispose();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});

// The session cache on its own: what it keeps, when it lets go. The end-to-end promise (a session
// ended through one server process is refused by another at its next call) is in
// serve/team-three.test.ts; the lifetimes and revocations through the dispatcher in identity.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../electron/core/api/events';
import { SessionCache, type SessionRow } from '../../../electron/core/identity/session-cache';
import type { StaffRow } from '../../../electron/core/store/schema';

const staff = { id: 7, name: 'Ana Agent', role: 'agent', active: 1 } as StaffRow;
const row: SessionRow = {
  session: { id: 1, staff_id: 7, revoked_at: null, revoked_reason: null, expires_at: 10, last_seen_at: 1 },
  staff,
};

describe('the session cache', () => {
  let cache: SessionCache;
  let bus: EventBus;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
    cache = new SessionCache(5_000, 3);
    bus = new EventBus();
    cache.follow(bus);
  });
  afterEach(() => vi.useRealTimers());

  it('keeps a good session, and drops every one when a staff member or a session changes', () => {
    cache.set('a', row, cache.mark());
    cache.set('b', row, cache.mark());
    bus.emit('data.changed', { topics: ['tickets'], ticketIds: [1], customerIds: [] });
    expect(cache.get('a')).toEqual(row);
    bus.emit('data.changed', { topics: ['staff'], ticketIds: [], customerIds: [] });
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBeNull();
    // A sign-out changes no staff member, only a session.
    cache.set('a', row, cache.mark());
    bus.emit('data.changed', { topics: ['sessions'], ticketIds: [], customerIds: [] });
    expect(cache.get('a')).toBeNull();
  });

  it('does not keep what a lookup read before a change it raced with', () => {
    const mark = cache.mark();
    bus.emit('data.changed', { topics: ['staff'], ticketIds: [], customerIds: [] });
    cache.set('a', row, mark);
    expect(cache.get('a')).toBeNull();
  });

  it('reads the database again after its maximum age, for changes made around the servers', () => {
    cache.set('a', row, cache.mark());
    vi.advanceTimersByTime(4_999);
    expect(cache.get('a')).toEqual(row);
    vi.advanceTimersByTime(1);
    expect(cache.get('a')).toBeNull();
  });

  it('follows a touch, and makes room by dropping the oldest entry', () => {
    cache.set('a', row, cache.mark());
    cache.touched('a', 5);
    expect(cache.get('a')?.session.last_seen_at).toBe(5);
    cache.set('b', row, cache.mark());
    cache.set('c', row, cache.mark());
    cache.set('d', row, cache.mark());
    expect(cache.get('a')).toBeNull();
    expect(cache.get('d')).toEqual(row);
  });

  it('keeps a picked staff member by id under the same rules: dropped on any staff change, raced reads not kept, aged out', () => {
    cache.setPicked(staff, cache.mark());
    expect(cache.getPicked(7)).toEqual(staff);
    bus.emit('data.changed', { topics: ['tickets'], ticketIds: [1], customerIds: [] });
    expect(cache.getPicked(7)).toEqual(staff);
    bus.emit('data.changed', { topics: ['staff'], ticketIds: [], customerIds: [] });
    expect(cache.getPicked(7)).toBeNull();
    const mark = cache.mark();
    bus.emit('data.changed', { topics: ['sessions'], ticketIds: [], customerIds: [] });
    cache.setPicked(staff, mark);
    expect(cache.getPicked(7)).toBeNull();
    cache.setPicked(staff, cache.mark());
    vi.advanceTimersByTime(5_000);
    expect(cache.getPicked(7)).toBeNull();
  });
});

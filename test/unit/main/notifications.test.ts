// The notification bridge's checks, through an ipcMain-like fake: only the app's own top-level page,
// exactly one payload the schema accepts, and a clear refusal otherwise that shows nothing.
import { describe, expect, it, vi } from 'vitest';
import type { DesktopNotification } from '../../../shared/desktop';
import type { InvokeEventLike, IpcMainLike } from '../../../electron/main/ipc';
import { registerNotifications } from '../../../electron/main/notifications';

vi.mock('electron', () => ({}));

function setUp(supported = true) {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const shown: [DesktopNotification, number][] = [];
  const unregister = registerNotifications(ipc, {
    isAppUrl: (url) => url === 'file:///app/index.html',
    supported: () => supported,
    show: (n, sender) => shown.push([n, sender]),
  });
  const invoke = (frame: InvokeEventLike['senderFrame'], ...args: unknown[]) =>
    handlers.get('desktop:notify')?.({ senderFrame: frame, sender: { id: 3 } }, ...args);
  return { handlers, shown, unregister, invoke };
}

const app = { url: 'file:///app/index.html', parent: null };
const valid = {
  title: 'Ticket #12: 25 min left',
  body: 'Login broken · due 14:00',
  tag: 'warning-12@5',
  ticketId: 12,
};

describe('desktop notifications over IPC', () => {
  it('shows a valid notification from the app page, for the window that asked', () => {
    const { shown, invoke } = setUp();
    expect(invoke(app, valid)).toEqual({ ok: true });
    expect(shown).toEqual([[valid, 3]]);
  });

  it.each([
    ['another page', { url: 'https://evil.example/', parent: null }],
    ['a frame inside the app', { url: 'file:///app/index.html', parent: {} }],
    ['no frame', null],
  ])('refuses %s', (_name, frame) => {
    const { shown, invoke } = setUp();
    expect(invoke(frame, valid)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(shown).toEqual([]);
  });

  it.each([
    ['an empty title', { ...valid, title: '  ' }, /title/],
    ['a title too long', { ...valid, title: 'x'.repeat(201) }, /title/],
    ['an unknown field', { ...valid, html: '<b>' }, /html|unrecognized/i],
    ['a ticket id that is not an id', { ...valid, ticketId: -1 }, /ticketId/],
    ['no payload', undefined, /notification|expected object/i],
  ])('refuses %s with a message naming it, showing nothing', (_name, payload, message) => {
    const { shown, invoke } = setUp();
    const result = invoke(app, payload) as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(message);
    expect(shown).toEqual([]);
  });

  it('refuses two payloads, and says so when the system has no notifications', () => {
    expect(setUp().invoke(app, valid, valid)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const none = setUp(false);
    expect(none.invoke(app, valid)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(none.shown).toEqual([]);
  });

  it('unregisters', () => {
    const { handlers, unregister } = setUp();
    unregister();
    expect(handlers.has('desktop:notify')).toBe(false);
  });
});

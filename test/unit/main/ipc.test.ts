// The IPC registration, driven through an ipcMain-like fake. `electron` is mocked so that importing
// anything that reaches for it can never start a binary download.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/contract';
import type { Session } from '../../../electron/core/api/context';
import {
  appUrlMatcher,
  channelFor,
  registerContract,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../electron/main/ipc';
import { isAllowedExternalLink, externalLinkAllowlist } from '../../../electron/main/external-links';
import { defaultRuleSet } from '../../../electron/core/rules';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';

vi.mock('electron', () => ({ app: {}, ipcMain: {}, BrowserWindow: class {}, shell: {}, session: {} }));

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  }
}

const appFrame = { url: 'app://console/index.html#/queue/mine/ticket/7', parent: null };

let core: TestCore;
let ipc: FakeIpcMain;
let unregister: () => void;
const sessions = new Map<number, Session>();

beforeAll(async () => {
  core = await createTestCore();
  ipc = new FakeIpcMain();
  unregister = registerContract(ipc, {
    dispatcher: core.dispatcher,
    isAppUrl: appUrlMatcher({ devServerUrl: null }),
    sessionFor: (id) => {
      const s = sessions.get(id) ?? { staffId: null };
      sessions.set(id, s);
      return s;
    },
  });
});
afterAll(() => core.dispose());

describe('registerContract', () => {
  it('registers one channel per contract method', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(methodNames.map(channelFor).sort());
  });

  it('serves calls from the app page and keeps a session per window', async () => {
    const signIn = await ipc.invoke(
      channelFor('session.signIn'),
      { senderFrame: appFrame, sender: { id: 1 } },
      { staffId: core.ids.agent },
    );
    expect(signIn).toMatchObject({ ok: true, value: { name: 'Alice Agent' } });
    expect(
      await ipc.invoke(channelFor('session.current'), { senderFrame: appFrame, sender: { id: 1 } }, {}),
    ).toMatchObject({
      ok: true,
      value: { id: core.ids.agent },
    });
    expect(
      await ipc.invoke(channelFor('session.current'), { senderFrame: appFrame, sender: { id: 2 } }, {}),
    ).toEqual({
      ok: true,
      value: null,
    });
  });

  it.each([
    ['no frame', null],
    ['another site', { url: 'https://evil.example/index.html', parent: null }],
    ['a local file', { url: 'file:///opt/Support%20Console/out/renderer/index.html', parent: null }],
    ['another page of the app scheme', { url: 'app://console/assets/evil.html', parent: null }],
    ['another host of the app scheme', { url: 'app://evil/index.html', parent: null }],
    ['a sub-frame of the app', { url: appFrame.url, parent: {} }],
    ['a look-alike path', { url: 'app://console/index.html/../evil.html', parent: null }],
  ])('refuses a message from %s and changes nothing', async (_name, frame) => {
    const before = await snapshot(core.core.db);
    const result = await ipc.invoke(
      channelFor('tickets.create'),
      { senderFrame: frame, sender: { id: 1 } },
      { customerId: core.ids.standard, channel: 'topic', subject: 'S', body: 'B' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('validates the payload with the contract schema before any handler runs', async () => {
    const before = await snapshot(core.core.db);
    const result = await ipc.invoke(
      channelFor('tickets.create'),
      { senderFrame: appFrame, sender: { id: 1 } },
      { customerId: 'DROP TABLE tickets', channel: 'topic', subject: 'S', body: 'B' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'customerId' } });
    const extra = await ipc.invoke(
      channelFor('session.current'),
      { senderFrame: appFrame, sender: { id: 1 } },
      {},
      'extra',
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('accepts the dev server origin only in development', () => {
    const dev = appUrlMatcher({ devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('not a url')).toBe(false);
  });

  it('unregisters every channel', () => {
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('external links', () => {
  const allowlist = externalLinkAllowlist(defaultRuleSet);
  it.each([
    [defaultRuleSet.community.url, true],
    ['https://quintadb.com/pricing', true],
    ['http://quintadb.com/pricing', false],
    ['https://evil.example/', false],
    ['https://user:pw@quintadb.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalLink(url, allowlist)).toBe(allowed);
  });
});

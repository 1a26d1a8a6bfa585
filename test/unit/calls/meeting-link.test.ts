// A meeting link is e-mailed and written into an invitation: only a well-formed https link to a
// named host is stored; anything a mail client or calendar could read otherwise is refused, unchanged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { isWellFormedHttpsUrl } from '../../../shared/user-text';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';
import { nov, requestCall } from './helpers';

describe('isWellFormedHttpsUrl', () => {
  it.each([
    'https://meet.google.com/abc-defg-hij',
    'https://join.skype.com/invite/abcDEF123',
    'https://us02web.zoom.us/j/812345?pwd=aB3_x-Y.z~1%2F',
    'https://teams.microsoft.com/l/meetup-join/19%3ameeting@thread.v2/0?context=%7b%7d',
    'HTTPS://Meet.Example.COM/x',
  ])('accepts %s', (link) => {
    expect(isWellFormedHttpsUrl(link)).toBe(true);
  });

  it.each([
    ['http', 'http://meet.google.com/abc'],
    ['a space', 'https://meet.google.com/abc def'],
    ['a double quote', 'https://meet.google.com/abc"onmouseover="x'],
    ['an apostrophe', "https://meet.google.com/abc'x"],
    ['angle brackets', 'https://meet.google.com/<script>'],
    ['a backslash', 'https://meet.google.com\\@evil.test/'],
    ['a bare percent', 'https://meet.google.com/100%'],
    ['a line break', 'https://meet.google.com/abc\r\nX-Header: 1'],
    ['credentials', 'https://user:pass@meet.google.com/abc'],
    ['a user name that hides the host', 'https://meet.google.com@evil.test/abc'],
    ['a single-label host', 'https://localhost/abc'],
    ['an IP host', 'https://127.0.0.1/abc'],
    ['no host', 'https:///abc'],
    ['javascript', 'javascript:alert(1)'],
    ['non-ASCII text', 'https://meet.google.com/réunion'],
    ['a tab', 'https://meet.google.com/\tabc'],
  ])('refuses a link with %s', (_name, link) => {
    expect(isWellFormedHttpsUrl(link)).toBe(false);
  });
});

describe('calls.schedule and calls.reschedule', () => {
  let core: TestCore;
  let agent: Session;
  beforeEach(async () => {
    core = await createTestCore();
    agent = await core.signedIn(core.ids.agent);
  });
  afterEach(() => core.dispose());

  it.each([
    'https://meet.google.com/abc def',
    'https://meet.google.com/"quoted"',
    'https://meet.google.com/<b>',
  ])('refuses %s and stores nothing', async (link) => {
    const callId = await requestCall(core, agent);
    const before = await snapshot(core.core.db);
    const reply = await core.dispatcher.call(agent, 'calls.schedule', {
      callId,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
      link,
    });
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'link', message: /well-formed https link/ },
    });
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('trims a pasted link and refuses a bad one on reschedule too', async () => {
    const callId = await requestCall(core, agent);
    const booked = await core.call(agent, 'calls.schedule', {
      callId,
      agentId: core.ids.agent,
      startsAt: nov(26, 11),
      link: '  https://meet.google.com/abc-defg-hij \n',
    });
    expect(booked.link).toBe('https://meet.google.com/abc-defg-hij');
    const reply = await core.dispatcher.call(agent, 'calls.reschedule', {
      callId,
      startsAt: nov(26, 12),
      link: 'https://meet.google.com/a b',
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'link' } });
  });
});

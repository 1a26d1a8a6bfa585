// The contract-wide rule for text from people (shared/user-text.ts): control characters and broken
// characters are refused by name in every input, before any handler runs, and nothing changes.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { parseSearchText } from '../../../electron/core/store/search/query';
import { toFts5Query } from '../../../electron/core/store/search/sqlite-fts';
import { findUserTextIssue, userTextProblem } from '../../../shared/user-text';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';

let core: TestCore;
let agent: Session;
beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
});
afterEach(() => core.dispose());

describe('the user text rule', () => {
  it.each([
    ['NUL', 'a\u0000b', /U\+0000/],
    ['a bell', 'ring\u0007', /U\+0007/],
    ['an escape', '\u001b[31mred', /U\+001B/],
    ['DEL', 'x\u007f', /U\+007F/],
    ['a C1 control', 'x\u0085y', /U\+0085/],
    ['a lone high surrogate', 'ab\ud800', /broken character/],
    ['a lone low surrogate', '\udc00ab', /broken character/],
    ['a reversed pair', '\udc00\ud800', /broken character/],
  ])('refuses %s', (_name, text, message) => {
    expect(userTextProblem(text)).toMatch(message);
  });

  it.each([
    ['tabs and line breaks', 'line one\r\n\tline two'],
    ['an emoji with a zero-width joiner', 'dev 👩‍💻 team'],
    ['a right-to-left mark', 'שלום\u200f'],
    ['accents and CJK', 'Chloé 東京'],
    ['a zero-width space', 'a\u200bb'],
  ])('accepts %s', (_name, text) => {
    expect(userTextProblem(text)).toBeNull();
  });

  it('names the path of the first bad string, object keys included', () => {
    expect(findUserTextIssue({ a: ['ok', { b: 'x\u0000' }] })).toMatchObject({ path: 'a.1.b' });
    expect(findUserTextIssue({ widths: { 'col\u0000': 100 } })).toMatchObject({ path: 'widths.col\u0000' });
    expect(findUserTextIssue({ a: 1, b: null, c: [true] })).toBeNull();
  });
});

describe('every text input follows it', () => {
  it('search.query answers invalid_input for NUL, not internal', async () => {
    const reply = await core.dispatcher.call(agent, 'search.query', { text: 'a\u0000b' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'text',
        message: expect.stringMatching(/^Invalid input to search\.query: text: .*U\+0000/) as unknown,
      },
    });
  });

  it('search never fails on whatever a person types, and its query never holds a control character', async () => {
    const anyUtf16 = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(anyUtf16, async (text) => {
        const fts = toFts5Query(parseSearchText(text));
        expect(fts ?? '').not.toMatch(/\p{Cc}/u);
        const reply = await core.dispatcher.call(agent, 'search.query', { text });
        if (!reply.ok) expect(reply.error.code).toBe('invalid_input');
      }),
      { numRuns: 150 },
    );
  });

  const create = (over: Record<string, unknown>) => ({
    customerId: core.ids.standard,
    channel: 'topic',
    subject: 'Import',
    body: 'It fails.',
    ...over,
  });

  it.each<[string, string, () => unknown, string]>([
    ['tickets.create', 'a subject with NUL', () => create({ subject: 'Imp\u0000ort' }), 'subject'],
    ['tickets.create', 'a body with a lone surrogate', () => create({ body: 'broken \ud83d' }), 'body'],
    [
      'tickets.create',
      'a call question with an escape',
      () =>
        create({
          customerId: core.ids.standardExpress,
          channel: 'phone',
          callRequest: { questions: ['ok', '\u001b[2J'], contactEmail: 'a@b.test', tool: 'skype' },
        }),
      'callRequest.questions.1',
    ],
    ['customers.list', 'a search with a bell', () => ({ search: 'Sam\u0007' }), 'search'],
    [
      'views.save',
      'a column width named with NUL',
      () => ({
        name: 'Mine',
        filter: {},
        sort: { field: 'due_at', direction: 'asc' },
        columns: { order: [], hidden: [], widths: { 'subject\u0000': 100 } },
      }),
      'columns.widths.subject\u0000',
    ],
  ])('%s refuses %s and changes nothing', async (method, _name, input, field) => {
    const before = await snapshot(core.core.db);
    const reply = await core.dispatcher.call(agent, method, input());
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', field } });
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('keeps tabs, line breaks and joiners in a message as they were typed', async () => {
    const body = 'Steps:\r\n\t1. open 👩‍💻\n\t2. שלום\u200f';
    const { ticket } = await core.call(agent, 'tickets.create', create({ body }));
    const detail = await core.call(agent, 'tickets.get', { id: ticket.ticket.id });
    expect(detail.messages[0]?.body).toBe(body);
  });
});

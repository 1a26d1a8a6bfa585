// The "/" search on a real database: what it finds, how it marks matches, that whatever a person
// types is safe, and that the index follows every write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { parseSearchText } from '../../../electron/core/store/search/query';
import { RANK_WINDOW } from '../../../electron/core/store/search/rank';
import { toTsQuery } from '../../../electron/core/store/search/postgres-fts';
import { toFts5Query } from '../../../electron/core/store/search/sqlite-fts';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
let agent: Session;
let ticketIds: Record<string, number>;

async function create(
  key: string,
  customerId: number,
  channel: 'topic' | 'email',
  subject: string,
  body: string,
) {
  const { ticket } = await core.call(agent, 'tickets.create', { customerId, channel, subject, body });
  ticketIds[key] = ticket.ticket.id;
}

beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
  ticketIds = {};
  await create('webhook', core.ids.standard, 'email', 'Webhook stopped firing', 'Our integration is silent.');
  await create(
    'invoice',
    core.ids.standardExpress,
    'topic',
    'Invoice for October',
    'Could you resend the invoice with our VAT number?',
  );
  await create(
    'accents',
    core.ids.enterpriseExpress,
    'topic',
    'Import problem',
    'Names like Chloé and Zoë come out garbled.',
  );
});
afterEach(() => core.dispose());

const search = (text: string, limit = 20) => core.call(agent, 'search.query', { text, limit });

describe('search', () => {
  it('finds tickets by subject, with the match marked', async () => {
    const result = await search('webhook');
    expect(result.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.webhook]);
    expect(result.tickets[0]).toMatchObject({ matchedIn: 'subject' });
    expect(result.tickets[0]?.snippet).toContain('[[Webhook]]');
    expect(result.tickets[0]?.ticket.customerName).toBe('Sam Standard');
  });

  it('finds tickets by message text, ignoring accents and case', async () => {
    const vat = await search('vat number');
    expect(vat.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.invoice]);
    expect(vat.tickets[0]).toMatchObject({ matchedIn: 'message' });
    expect(vat.tickets[0]?.snippet).toMatch(/\[\[VAT\]\] \[\[number\]\]/);
    const chloe = await search('CHLOE');
    expect(chloe.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.accents]);
    expect(chloe.tickets[0]?.snippet).toContain('[[Chloé]]');
  });

  it('treats the last word as a prefix while it is being typed', async () => {
    expect((await search('webh')).tickets.map((h) => h.ticket.id)).toEqual([ticketIds.webhook]);
    // A finished word (trailing space) must match whole.
    expect((await search('webh ')).tickets).toEqual([]);
  });

  it('completes a word being typed at every length, within and past the longest prefix index', async () => {
    const word = 'integration';
    for (let length = 3; length <= word.length; length++) {
      const found = (await search(`our ${word.slice(0, length)}`)).tickets.map((h) => h.ticket.id);
      expect(found, word.slice(0, length)).toEqual([ticketIds.webhook]);
    }
    expect((await search('our integrations')).tickets).toEqual([]);
  });

  it('requires every word', async () => {
    expect((await search('invoice october')).tickets.map((h) => h.ticket.id)).toEqual([ticketIds.invoice]);
    expect((await search('invoice webhook')).tickets).toEqual([]);
  });

  it('finds customers by name, e-mail and company', async () => {
    const byName = await search('fiona');
    expect(byName.customers.map((c) => c.id)).toEqual([core.ids.free]);
    expect(byName.customers[0]).toMatchObject({ name: 'Fiona Free', planId: 'free' });
    expect(byName.customers[0]?.quota).toMatchObject({ limit: 5 });
    const byEmail = await search('sue.express@customer.test');
    expect(byEmail.customers.map((c) => c.id)).toEqual([core.ids.standardExpress]);
    const byPartialEmail = await search('sue.exp');
    expect(byPartialEmail.customers.map((c) => c.id)).toEqual([core.ids.standardExpress]);
    const byCompany = await search('Ed Enterprise Ltd');
    expect(byCompany.customers.map((c) => c.id)).toEqual([core.ids.enterpriseExpress]);
  });

  it('never fails on what a person types', async () => {
    const hostile = [
      '"',
      '""',
      "'",
      'AND (',
      'OR',
      'NOT',
      '*',
      '**',
      'invoice*',
      '"invoice',
      'invoice"',
      '(invoice',
      'NEAR(invoice webhook)',
      'subject:invoice',
      '{subject}: invoice',
      '^invoice',
      '-invoice',
      '+',
      'invoice AND',
      'a"b"c',
      '\\',
      '%_',
      ';drop table tickets;--',
      '😀',
      '日本語',
      'x'.repeat(200),
      Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const text of hostile) {
      const result = await core.dispatcher.invoke(agent, 'search.query', { text });
      expect(result.ok, text).toBe(true);
    }
    // Operators are plain words: "invoice AND" finds nothing with the word "and" in it.
    expect((await search('(invoice')).tickets.map((h) => h.ticket.id)).toEqual([ticketIds.invoice]);
    expect((await search('"invoice"')).tickets.map((h) => h.ticket.id)).toEqual([ticketIds.invoice]);
  });

  it('refuses empty input through the contract', async () => {
    const result = await core.dispatcher.invoke(agent, 'search.query', { text: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('follows new messages, internal notes, renamed customers and new tickets', async () => {
    expect((await search('zanzibar')).tickets).toEqual([]);
    await core.call(agent, 'messages.add', {
      ticketId: ticketIds.webhook,
      kind: 'answer',
      body: 'Please check the Zanzibar endpoint.',
    });
    await core.call(agent, 'messages.add', {
      ticketId: ticketIds.invoice,
      kind: 'internal_note',
      body: 'Billing said: quokka refund approved.',
    });
    expect((await search('zanzibar')).tickets.map((h) => h.ticket.id)).toEqual([ticketIds.webhook]);
    expect((await search('quokka')).tickets.map((h) => h.ticket.id)).toEqual([ticketIds.invoice]);

    await core.core.db
      .updateTable('customers')
      .set({ name: 'Samantha Standard' })
      .where('id', '=', core.ids.standard)
      .execute();
    expect((await search('samantha')).customers.map((c) => c.id)).toEqual([core.ids.standard]);
    expect((await search('sam')).customers.map((c) => c.id)).toEqual([core.ids.standard]);

    await create('new', core.ids.free, 'topic', 'Quokka sightings', 'Nothing to see.');
    const both = await search('quokka');
    // A word in the subject ranks above the same word in a note.
    expect(both.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.new, ticketIds.invoice]);
  });

  it('caps the results at the limit', async () => {
    for (let i = 0; i < 5; i++)
      await create(`many${i}`, core.ids.standard, 'topic', `Report export ${i}`, 'Export please');
    const result = await search('export', 3);
    expect(result.tickets).toHaveLength(3);
    // Equal relevance: the newest first.
    expect(result.tickets[0]?.ticket.id).toBe(ticketIds.many4);
  });
});

/** Messages written straight to the table, many at a time, as an import or years of use leave them. */
async function addMessages(ticketId: number, bodies: string[], ids?: number[]) {
  const at = core.clock.now;
  for (let i = 0; i < bodies.length; i += 500) {
    await core.core.db
      .insertInto('messages')
      .values(
        bodies.slice(i, i + 500).map((body, j) => ({
          ...(ids ? { id: ids[i + j] } : {}),
          ticket_id: ticketId,
          customer_id: null,
          author_kind: 'staff' as const,
          author_staff_id: core.ids.agent,
          kind: 'internal_note' as const,
          body,
          accepted: 1 as const,
          counts_toward_quota: 0 as const,
          decision: null,
          created_at: at,
        })),
      )
      .execute();
  }
}

describe('ranking among many matches', () => {
  it('puts a subject match first even when more newer messages say the word than are ranked', async () => {
    await create('subject', core.ids.standard, 'topic', 'Quokka enclosure', 'Where does it go?');
    await create('chatter', core.ids.free, 'topic', 'Zoo visit', 'Nothing special.');
    await addMessages(
      ticketIds.chatter!,
      Array.from({ length: RANK_WINDOW + 200 }, (_, i) => `Note ${i}: the quokka was seen again.`),
    );
    const result = await search('quokka');
    expect(result.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.subject, ticketIds.chatter]);
    expect(result.tickets[0]).toMatchObject({ matchedIn: 'subject' });
    expect(result.tickets[0]?.snippet).toContain('[[Quokka]]');
  });

  it('ranks a message that says the words more often above newer ones that say them once', async () => {
    await create('often', core.ids.standard, 'topic', 'Sync trouble', 'Calendar sync fails: sync sync sync.');
    await create(
      'once',
      core.ids.free,
      'topic',
      'Question',
      'Is there a calendar sync for teams and projects?',
    );
    expect((await search('calendar sync')).tickets.map((h) => h.ticket.id)).toEqual([
      ticketIds.often,
      ticketIds.once,
    ]);
  });

  it('finds a word whose only match is far older than the newest rows', async () => {
    await create('old', core.ids.standard, 'topic', 'Printer', 'The wombat driver crashed.');
    await create('new', core.ids.free, 'topic', 'Later', 'Unrelated.');
    // The newest message id lies millions of ids past every other one.
    await addMessages(ticketIds.new!, ['Far ahead.'], [5_000_000]);
    const result = await search('wombat');
    expect(result.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.old]);
    expect(result.tickets[0]?.snippet).toContain('[[wombat]]');
  });

  it('ranks exactly the newest matches when they lie far apart among the ids', async () => {
    await create('strong', core.ids.standard, 'topic', 'Zoo', 'Nothing yet.');
    await create('outside', core.ids.free, 'topic', 'Zoo too', 'Nothing yet.');
    await create('ordinary', core.ids.standardExpress, 'topic', 'Zoo again', 'Nothing yet.');
    // 1,200 matches 100 ids apart: the newest RANK_WINDOW of them span 100,000 ids, more than a
    // search reads row by row, so the index is used for most of them.
    const matchId = (k: number) => 1_000_000 + k * 100;
    const strong = 'Wallaby, wallaby, wallaby: the wallaby is back.';
    const ordinary = Array.from({ length: 1200 }, (_, k) => k).filter((k) => k !== 0 && k !== 500);
    await addMessages(
      ticketIds.ordinary!,
      ordinary.map(() => 'The wallaby escaped again.'),
      ordinary.map(matchId),
    );
    // Inside the window: ranked first. The oldest match lies outside it: not ranked at all.
    await addMessages(ticketIds.strong!, [strong], [matchId(500)]);
    await addMessages(ticketIds.outside!, [strong], [matchId(0)]);
    const result = await search('wallaby');
    expect(result.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.strong, ticketIds.ordinary]);
    expect(RANK_WINDOW).toBeLessThan(1199);
    // PostgreSQL's index is then asked for "wallaby" alone: what it finds must say "esc…" too.
    const typing = await search('wallaby esc');
    expect(typing.tickets.map((h) => h.ticket.id)).toEqual([ticketIds.ordinary]);
  });

  it('ranks exactly the newest matches, no more and none twice, however the ids are read', async () => {
    await create('edge', core.ids.standard, 'topic', 'Marsupials', 'Nothing yet.');
    await create('ordinary', core.ids.free, 'topic', 'Also marsupials', 'Nothing yet.');
    // RANK_WINDOW matches 37 ids apart, from the newest id back over 37,000 ids: the newest are read
    // row by row, the rest through PostgreSQL's index of id ranges, one range holding both kinds.
    const base = 3_000_000;
    const ordinary = Array.from({ length: RANK_WINDOW - 1 }, (_, k) => base + (k + 1) * 37);
    await addMessages(
      ticketIds.ordinary!,
      ordinary.map((_, k) => (k % 2 === 0 ? 'The koala slept.' : 'A koala slept on the sofa.')),
      ordinary,
    );
    // The oldest match says the word most often: ranked first while it is among the newest RANK_WINDOW.
    await addMessages(ticketIds.edge!, ['Koala, koala, koala: the koala slept again.'], [base]);
    const ids = async (text: string) => (await search(text)).tickets.map((h) => h.ticket.id);
    expect(await ids('koala')).toEqual([ticketIds.edge, ticketIds.ordinary]);
    expect(await ids('koal')).toEqual([ticketIds.edge, ticketIds.ordinary]);
    expect(await ids('koala slept')).toContain(ticketIds.ordinary);
    // One newer match pushes it out of the window: it is not ranked, and not found.
    await addMessages(ticketIds.ordinary!, ['The koala slept.'], [base + RANK_WINDOW * 37]);
    expect(await ids('koala')).toEqual([ticketIds.ordinary]);
    expect(await ids('koal')).toEqual([ticketIds.ordinary]);
    // A phrase in the wrong order is in no row, although every row has both words.
    expect(await ids('slept-koala')).toEqual([]);
    expect(await ids('wombat koal')).toEqual([]);
  });

  it('folds accents and case in French and English alike, and completes a French word being typed', async () => {
    await create(
      'french',
      core.ids.standard,
      'topic',
      'Facture de février erronée',
      "Bonjour, la facture n'a pas été reçue. Merci d'avance !",
    );
    const found = async (text: string) => (await search(text)).tickets.map((h) => h.ticket.id);
    expect(await found('FEVRIER')).toEqual([ticketIds.french]);
    expect(await found('recue')).toEqual([ticketIds.french]);
    expect(await found('reçue merci')).toEqual([ticketIds.french]);
    expect(await found('errone')).toEqual([ticketIds.french]);
    expect((await search('erronee')).tickets[0]?.snippet).toContain('[[erronée]]');
    // No stemming across languages: the English word does not find the French one.
    expect(await found('invoice')).toEqual([ticketIds.invoice]);
  });
});

describe('search text', () => {
  it('quotes every word, doubles quotes and drops punctuation-only words', () => {
    expect(toFts5Query(parseSearchText('invoice AND (vat'))).toBe('"invoice" "AND" "(vat"*');
    expect(toFts5Query(parseSearchText('say "hi" * '))).toBe('"say" """hi"""');
    expect(toFts5Query(parseSearchText('" * ( )'))).toBeNull();
    // A one-letter word in progress is not a prefix: it would match most of the index.
    expect(toFts5Query(parseSearchText('invoice a'))).toBe('"invoice" "a"');
    expect(toFts5Query(parseSearchText('ana@ex'))).toBe('"ana@ex"*');
    expect(toFts5Query(parseSearchText('ana@e'))).toBe('"ana@e"');
  });

  it('makes a PostgreSQL query of words, phrases and the word being typed', () => {
    const ts = (text: string) => toTsQuery(parseSearchText(text));
    expect(ts('thanks for')).toBe("'thanks' & 'for':*");
    expect(ts('thanks for ')).toBe("'thanks' & 'for'");
    expect(ts('oliver.weber@icloud.com')).toBe("('oliver' <-> 'weber' <-> 'icloud' <-> 'com':*)");
    expect(ts("two-factor l'app")).toBe("('two' <-> 'factor') & ('l' <-> 'app':*)");
    expect(ts('" * ( )')).toBeNull();
  });
});

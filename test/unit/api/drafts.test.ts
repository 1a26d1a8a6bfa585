// "Answer with the rule": the drafted reply for refused or not-entitled items, in English and French.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { hoursText } from '../../../electron/core/i18n/hours';
import { createTestCore, type TestCore } from '../helpers/core';

const COMMUNITY_URL = 'https://t.me/QuintaDB_Community';

let core: TestCore;
let agent: Session;
beforeEach(async () => {
  core = await createTestCore();
  agent = await core.signedIn(core.ids.agent);
});
afterEach(() => core.dispose());

async function ticket(customerId: number, channel: 'topic' | 'email' | 'chat' | 'phone', subject = 'Help') {
  const { ticket } = await core.call(agent, 'tickets.create', {
    customerId,
    channel,
    subject,
    body: 'Hello',
  });
  return ticket.ticket.id;
}

const draft = (ticketId: number, locale?: 'en' | 'fr') =>
  core.call(agent, 'messages.draftFromRule', locale ? { ticketId, locale } : { ticketId });

describe('drafts from the rule', () => {
  it('answers a Free customer’s refused e-mail in English', async () => {
    const id = await ticket(core.ids.free, 'email', 'Invoice question');
    const { body, decision } = await draft(id);
    expect(decision.outcome).toBe('refuse');
    expect(decision.reason.code).toBe('channel.not_on_plan');
    expect(body.startsWith('Hello Fiona Free,')).toBe(true);
    expect(body).toContain('“Invoice question”');
    // The rule: e-mail is for paid plans, with its hours, and the customer's plan.
    expect(body).toContain(
      'Email support (Monday to Friday, 06:00–18:00 GMT) is available on all paid plans',
    );
    expect(body).toContain('the Free plan');
    // The alternatives: the right channel with its hours, the plans that include e-mail, the community.
    expect(body).toContain('- Topic (24/7): open a topic with your question.');
    expect(body).toContain('look in your Spam folder');
    expect(body).toMatch(/- A plan that includes it: Standard, .*Enterprise Express\./);
    expect(body).toContain(
      `- The Telegram group “QuintaDB - Community”, where other users answer questions too: ${COMMUNITY_URL}`,
    );
    expect(body.endsWith('Best regards,\nAlice Agent')).toBe(true);
  });

  it('answers the same refusal in natural French, in the source’s own words', async () => {
    const id = await ticket(core.ids.free, 'email', 'Facture');
    const { body } = await draft(id, 'fr');
    expect(body.startsWith('Bonjour Fiona Free,')).toBe(true);
    expect(body).toContain('Merci pour votre message « Facture ».');
    expect(body).toContain(
      'L’assistance par e-mail (du lundi au vendredi de 6h00 à 18h00 GMT) est disponible sur tous les plans payants',
    );
    expect(body).toContain('votre compte utilise le plan Gratuit');
    expect(body).toContain(
      '- Sujet (disponible 24h/24, 7j/7)\u202f: vous pouvez créer un sujet avec votre question.',
    );
    expect(body).toContain('vérifiez le dossier « Spam »');
    expect(body).toMatch(/- Un plan qui l’inclut\u202f: Standard, .* ou Entreprise Express\./);
    expect(body).toContain(`le groupe Telegram « QuintaDB - Communauté »`.replace('le', 'Le'));
    expect(body).toContain(COMMUNITY_URL);
    expect(body).toContain('Nous sommes toujours ravis de vous aider\u202f!');
    expect(body.endsWith('Cordialement,\nAlice Agent')).toBe(true);
    expect(body).not.toMatch(/\b(the|and|includes|without)\b/);
  });

  it('points a Standard customer’s call request to the Express plans', async () => {
    const id = await ticket(core.ids.standard, 'phone', 'Call me');
    const en = await draft(id, 'en');
    expect(en.body).toContain(
      'Phone support, a call over Skype or Google Meet (Monday to Friday, 06:00–15:00 GMT), is available on the Standard Express, Professional Express and Enterprise Express plans',
    );
    expect(en.body).toContain('- Email (Monday to Friday, 06:00–18:00 GMT): support by e-mail.');
    expect(en.body).toContain(
      '- A plan that includes it: Standard Express, Professional Express or Enterprise Express.',
    );
    const fr = await draft(id, 'fr');
    expect(fr.body).toContain('sur les plans Standard Express, Professionnel Express et Entreprise Express');
    expect(fr.body).toContain(
      '- E-mail (du lundi au vendredi de 6h00 à 18h00 GMT)\u202f: assistance par e-mail.',
    );
    expect(fr.body).toContain('- Chat (du lundi au vendredi de 6h00 à 18h00 GMT)\u202f: chat Skype.');
  });

  it('explains a used-up Free quota, on a refused topic question and on an accepted one', async () => {
    const accepted = await ticket(core.ids.free, 'topic', 'First question');
    await core.call(agent, 'messages.add', { ticketId: accepted, kind: 'answer', body: 'Answer one' });
    const second = await ticket(core.ids.free, 'topic', 'Second question');
    await core.call(agent, 'messages.add', { ticketId: second, kind: 'answer', body: 'Answer two' });
    // 4 of 5 used: a third question needs 2 and is refused.
    const refused = await ticket(core.ids.free, 'topic', 'Third question');
    const en = await draft(refused);
    expect(en.decision.reason.code).toBe('quota.insufficient');
    expect(en.body).toContain(
      'On the Free plan you have 5 messages in topics, counting questions, answers and comments on blog posts. Your account has used 4 of them, and a new question needs 2: the question and its answer',
    );
    expect(en.body).toMatch(/- A plan without this limit: Standard, .*Enterprise Express\./);
    expect(en.body).toContain(COMMUNITY_URL);
    const fr = await draft(refused, 'fr');
    expect(fr.body).toContain(
      'Avec le plan Gratuit, vous avez accès à 5 messages dans les sujets (y compris les questions, les réponses et les commentaires sur les articles de blog). Votre compte en a utilisé 4',
    );
    expect(fr.body).toContain('« QuintaDB - Communauté »');

    // With 4 of 5 used, the answered ticket is still fine: one message remains.
    expect(
      await core.dispatcher.invoke(agent, 'messages.draftFromRule', { ticketId: accepted }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await core.core.db
      .insertInto('messages')
      .values({
        ticket_id: accepted,
        customer_id: core.ids.free,
        author_kind: 'customer',
        author_staff_id: null,
        kind: 'blog_comment',
        body: 'A last comment',
        accepted: 1,
        counts_toward_quota: 1,
        decision: null,
        created_at: core.clock.now,
      })
      .execute();
    const usedUp = await draft(accepted);
    expect(usedUp.decision.reason.code).toBe('quota.exhausted');
    expect(usedUp.body).toContain('Your account has used 5 of them');
  });

  it('words a refused answer as our answer, not a new question, and e-mails it instead of offering a copy', async () => {
    const first = await ticket(core.ids.free, 'topic', 'First question');
    await core.call(agent, 'messages.add', { ticketId: first, kind: 'answer', body: 'Answer one' });
    const second = await ticket(core.ids.free, 'topic', 'Second question');
    await core.call(agent, 'messages.add', { ticketId: second, kind: 'answer', body: 'Answer two' });
    await core.call(agent, 'tickets.create', {
      customerId: core.ids.free,
      channel: 'blog_comment',
      subject: 'Post',
      body: 'Thanks',
    });
    // 5 of 5 used: a further answer on the first ticket is refused.
    const preview = await core.call(agent, 'messages.preview', { ticketId: first, kind: 'answer' });
    expect(preview.outcome).toBe('refuse');
    const en = await draft(first);
    expect(en.decision.reason.params.intake).toBe('staff_answer');
    expect(en.body).toContain('Your account has used 5 of them, so we cannot send our answer in the topic.');
    expect(en.body).not.toContain('new question');
    const fr = await draft(first, 'fr');
    expect(fr.body).toContain('nous ne pouvons donc pas vous envoyer notre réponse dans le sujet');
    expect(fr.body).not.toContain('nouvelle question');

    const sent = await core.call(agent, 'messages.sendRuleNotice', { ticketId: first });
    expect(sent.toEmail).toBe('fiona.free@customer.test');
    const outbox = await core.core.db
      .selectFrom('outbox')
      .selectAll()
      .where('ticket_id', '=', first)
      .where('kind', '=', 'intake_refused')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.body).toBe(sent.body);
    const thread = await core.call(agent, 'tickets.get', { id: first });
    const note = thread.messages.at(-1);
    expect(note).toMatchObject({ kind: 'internal_note', countsTowardQuota: false });
    expect(note?.body).toContain('e-mailed to fiona.free@customer.test');
    // Where a reply can be sent, the notice is refused: write the reply instead.
    const open = await ticket(core.ids.standard, 'topic', 'Paid question');
    const refused = await core.dispatcher.invoke(agent, 'messages.sendRuleNotice', { ticketId: open });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('words an accepted ticket whose channel left the customer’s plan', async () => {
    const id = await ticket(core.ids.standard, 'chat', 'Chat after downgrade');
    await core.core.db
      .updateTable('customers')
      .set({ plan_id: 'free' })
      .where('id', '=', core.ids.standard)
      .execute();
    const { body, decision } = await draft(id);
    expect(decision.reason.code).toBe('channel.not_on_plan');
    expect(body).toContain(
      'Chat support over Skype (Monday to Friday, 06:00–18:00 GMT) is available on all paid plans',
    );
  });

  it('uses today’s plan for an old refusal, and keeps a call refused for missing details', async () => {
    const id = await ticket(core.ids.free, 'email', 'Before upgrading');
    await core.core.db
      .updateTable('customers')
      .set({ plan_id: 'standard' })
      .where('id', '=', core.ids.free)
      .execute();
    // E-mail is now allowed: the reply still explains the refusal that happened.
    expect((await draft(id)).decision.reason.code).toBe('channel.not_on_plan');

    const { ticket: call } = await core.call(agent, 'tickets.create', {
      customerId: core.ids.standardExpress,
      channel: 'phone',
      subject: 'Call without questions',
      body: 'Call me',
      callRequest: { questions: [], contactEmail: 'sue@example.com', tool: 'skype' },
    });
    const questions = await draft(call.ticket.id);
    expect(questions.decision.reason.code).toBe('call.questions_required');
    expect(questions.body).toContain('we need your questions in advance');
    expect((await draft(call.ticket.id, 'fr')).body).toContain(
      'vous devez nous envoyer vos questions à l’avance',
    );
  });

  it('refuses to draft for a ticket with nothing refused', async () => {
    const id = await ticket(core.ids.standard, 'topic', 'All good');
    const result = await core.dispatcher.invoke(agent, 'messages.draftFromRule', {
      ticketId: id,
      locale: 'fr',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', field: 'ticketId' } });
    if (!result.ok) expect(result.error.message).toContain('no rule to answer with');
    const missing = await core.dispatcher.invoke(agent, 'messages.draftFromRule', { ticketId: 99_999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const badLocale = await core.dispatcher.invoke(agent, 'messages.draftFromRule', {
      ticketId: id,
      locale: 'de',
    });
    expect(badLocale).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'locale' } });
  });

  it('writes nothing', async () => {
    const id = await ticket(core.ids.free, 'email');
    const before = await core.core.db.selectFrom('audit_log').select('id').execute();
    await draft(id, 'fr');
    expect(await core.core.db.selectFrom('audit_log').select('id').execute()).toEqual(before);
  });
});

describe('opening hours in a letter', () => {
  it('reads calendars the way the source does', () => {
    const weekdays = (open: string, close: string) =>
      (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, open, close }));
    expect(hoursText({ zone: 'UTC', windows: weekdays('06:00', '15:00') }, 'fr')).toBe(
      'du lundi au vendredi de 6h00 à 15h00 GMT',
    );
    const split = {
      zone: 'Europe/Paris',
      windows: [
        ...weekdays('09:00', '12:00'),
        ...weekdays('13:00', '17:00'),
        { day: 'sat' as const, open: '10:00', close: '12:00' },
      ],
      holidays: ['2026-12-25'],
    };
    expect(hoursText(split, 'en')).toBe(
      'Monday to Friday, 09:00–12:00, 13:00–17:00; Saturday, 10:00–12:00 Europe/Paris (except public holidays)',
    );
    expect(hoursText(split, 'fr')).toBe(
      'du lundi au vendredi de 9h00 à 12h00 et de 13h00 à 17h00\u202f; le samedi de 10h00 à 12h00 Europe/Paris (sauf jours fériés)',
    );
  });
});

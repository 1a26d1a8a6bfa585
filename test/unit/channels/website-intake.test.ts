// The website's intake endpoint through real HTTP on 127.0.0.1, on serve mode's server and on the
// team server, against a real core (SQLite, or PostgreSQL with TEST_STORE=postgres): signatures,
// the timestamp window, idempotency, the same admit decision and customer text as every intake, and
// every kind of bad request refused with a typed error and nothing written.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../electron/core/api/context';
import { AUTO_ANSWERS_PER_DAY } from '../../../electron/core/channels/auto-answers';
import { signWebsitePost } from '../../../electron/core/channels/website/signature';
import { startServer, type RunningServer } from '../../../electron/core/serve/server';
import {
  PREVIOUS_SECRET_GRACE_MS,
  WEBSITE_POSTS_PATH,
  websiteResponse,
  type WebsiteResponse,
} from '../../../shared/website';
import { createTestCore, snapshot, type TestCore } from '../helpers/core';

let core: TestCore;
let serve: RunningServer;
let team: RunningServer;
let lead: Session;
let secret: string;

const FREE = 'fiona.free@customer.test';
const STANDARD = 'sam.standard@customer.test';
const EXPRESS = 'sue.express@customer.test';

beforeAll(async () => {
  core = await createTestCore();
  const staticDir = join(core.dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Support Console</title>');
  serve = await startServer({ running: core, staticDir, port: 0, token: 'test-token-0123456789abcdef' });
  team = await startServer({
    running: core,
    staticDir,
    port: 0,
    team: { host: '127.0.0.1', trustProxy: false },
  });
  lead = await core.signedIn(core.ids.lead);
});
afterAll(async () => {
  await serve.close();
  await team.close();
  await core.dispose();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: WebsiteResponse;
}

function rawPost(server: RunningServer, headers: Record<string, string>, body: string | Buffer) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: WEBSITE_POSTS_PATH, method: 'POST', headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: websiteResponse.parse(JSON.parse(text)),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let keys = 0;
const newKey = () => `post-${++keys}-${Date.now()}`;

/** A post signed as the website signs it: timestamp from the core's clock, HMAC over "<ts>.<body>". */
function post(
  value: unknown,
  options: {
    key?: string;
    secret?: string;
    timestamp?: number;
    server?: RunningServer;
    headers?: Record<string, string>;
    body?: string;
  } = {},
) {
  const body = options.body ?? JSON.stringify(value);
  const timestamp = String(options.timestamp ?? Math.floor(core.clock.now / 1000));
  return rawPost(
    options.server ?? serve,
    {
      'content-type': 'application/json',
      'x-support-timestamp': timestamp,
      'x-support-signature': signWebsitePost(options.secret ?? secret, timestamp, body),
      'idempotency-key': options.key ?? newKey(),
      ...options.headers,
    },
    body,
  );
}

const topic = (accountEmail: string, language: 'en' | 'fr' = 'en', subject = 'Export to CSV') => ({
  kind: 'topic_question',
  language,
  customer: { accountEmail },
  subject,
  body: 'How do I export my table to CSV?',
  topicUrl: 'https://www.example.com/topics/42',
});

async function counts() {
  const count = async (table: 'tickets' | 'messages' | 'website_posts' | 'outbox' | 'calls') =>
    Number(
      (
        await core.core.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    tickets: await count('tickets'),
    messages: await count('messages'),
    posts: await count('website_posts'),
    outbox: await count('outbox'),
    calls: await count('calls'),
  };
}

/** Everything but the log of refused requests, which a refusal is meant to add to. */
async function dataSnapshot() {
  const all = await snapshot(core.core.db);
  delete all.website_rejections;
  return all;
}

function ok(reply: Reply) {
  if (!reply.json.ok)
    throw new Error(`${reply.status} ${reply.json.error.code}: ${reply.json.error.message}`);
  return reply.json;
}

describe('website endpoint before it is set up', () => {
  it('answers 404 website_disabled and writes nothing', async () => {
    const before = await snapshot(core.core.db);
    const reply = await rawPost(serve, { 'content-type': 'application/json' }, '{}');
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ ok: false, error: { code: 'website_disabled' } });
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('cannot be switched on without a secret; the lead creates one, shown once and sealed at rest', async () => {
    const refused = await core.dispatcher.invoke(lead, 'channels.website.update', { enabled: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'enabled' } });

    const created = await core.call(lead, 'channels.website.rotateSecret', {});
    secret = created.secret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.settings).toMatchObject({ hasSecret: true, enabled: false, previousValidUntil: null });
    const row = await core.core.db.selectFrom('website_channel').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(core.core.secrets.open(row.secret_sealed ?? '')).toBe(secret);

    const on = await core.call(lead, 'channels.website.update', { enabled: true });
    expect(on.enabled).toBe(true);
    expect(on.endpointPath).toBe(WEBSITE_POSTS_PATH);

    const audit = await core.core.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'website_channel')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['channels.website.rotateSecret', 'channels.website.update']);
    expect(audit.every((a) => a.actor_staff_id === core.ids.lead)).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('refuses a lead’s bad input with the field at fault, changing nothing', async () => {
    const before = await snapshot(core.core.db);
    const bad: [Parameters<typeof core.dispatcher.call>[1], unknown, string][] = [
      ['channels.website.update', { enabled: 'yes' }, 'enabled'],
      ['channels.website.update', { enabled: true, secret: 'mine' }, ''],
      ['channels.website.recent', { limit: 0 }, 'limit'],
      ['channels.website.sendTest', { kind: 'chat', accountEmail: FREE, language: 'en' }, 'kind'],
      [
        'channels.website.sendTest',
        { kind: 'topic_question', accountEmail: 'nope', language: 'en' },
        'accountEmail',
      ],
    ];
    for (const [method, input, field] of bad) {
      const result = await core.dispatcher.call(lead, method, input);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok && field) expect(result.error.field).toBe(field);
    }
    expect(await snapshot(core.core.db)).toEqual(before);
  });

  it('keeps the settings to leads', async () => {
    const agent = await core.signedIn(core.ids.agent);
    for (const method of ['channels.website.get', 'channels.website.rotateSecret'] as const) {
      const result = await core.dispatcher.invoke(agent, method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('posts', () => {
  it('turns a topic question into a ticket decided by admit, with the customer text in English', async () => {
    const before = await counts();
    const reply = await post(topic(FREE));
    expect(reply.status).toBe(200);
    const { value, replayed } = ok(reply);
    expect(replayed).toBe(false);
    expect(value).toMatchObject({ outcome: 'accept', language: 'en', reason: { code: 'intake.accepted' } });
    expect(value.reason.params).toMatchObject({ channel: 'topic', plan: 'free', emailedTo: FREE });
    expect(value.customerText).toContain('Your question has been received.');
    expect(value.customerText).toContain('look in your Spam folder');
    expect(value.customerText).toMatch(/Free plan has \d+ of its 5 messages left/);
    expect(await counts()).toEqual({
      ...before,
      tickets: before.tickets + 1,
      messages: before.messages + 1,
      posts: before.posts + 1,
    });

    const ticket = await core.call(lead, 'tickets.get', { id: value.ticketId });
    expect(ticket.ticket).toMatchObject({ channel: 'topic', subject: 'Export to CSV' });
    expect(ticket.customer?.id).toBe(core.ids.free);
    expect(ticket.messages[0]?.body).toContain('https://www.example.com/topics/42');
    // The same decision the console's own intake stores on the ticket.
    expect(ticket.ticket.intakeDecision.reason.code).toBe(value.reason.code);

    const audit = await core.core.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'actor_staff_id'])
      .where('action', '=', 'website.post')
      .execute();
    expect(audit.map((a) => a.entity).sort()).toEqual(['message', 'sla_event', 'ticket', 'website_post']);
    expect(audit.every((a) => a.actor_staff_id === null)).toBe(true);
  });

  it('writes the customer text in French with French typography', async () => {
    const { value } = ok(await post({ ...topic(STANDARD, 'fr'), subject: 'Question' }));
    expect(value.language).toBe('fr');
    expect(value.customerText).toContain('Votre question a bien été reçue.');
    expect(value.customerText).toContain('« Spam »');
  });

  it('makes one message of the same post sent twice, and gives the same answer', async () => {
    const key = newKey();
    const body = topic(STANDARD, 'en', 'Sent twice');
    const first = ok(await post(body, { key }));
    const before = await counts();
    const again = await post(body, { key });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(ok(again)).toEqual({ ok: true, replayed: true, value: first.value });
    expect(await counts()).toEqual(before);
  });

  it('makes one message of two identical posts sent at the same moment', async () => {
    const key = newKey();
    const body = topic(STANDARD, 'en', 'Raced');
    const before = await counts();
    const [a, b] = await Promise.all([post(body, { key }), post(body, { key })]);
    const answers = [ok(a), ok(b)];
    expect(answers.map((x) => x.replayed).sort()).toEqual([false, true]);
    expect(answers[0]?.value).toEqual(answers[1]?.value);
    expect(await counts()).toEqual({
      ...before,
      tickets: before.tickets + 1,
      messages: before.messages + 1,
      posts: before.posts + 1,
    });
  });

  it('refuses the same key with another body (409) and writes nothing', async () => {
    const key = newKey();
    ok(await post(topic(STANDARD, 'en', 'Original'), { key }));
    const before = await dataSnapshot();
    const reply = await post(topic(STANDARD, 'en', 'Changed'), { key });
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({
      ok: false,
      error: { code: 'idempotency_key_reused', field: 'idempotency-key' },
    });
    expect(await dataSnapshot()).toEqual(before);
  });

  it('refuses a call request on a plan without phone support, with the rule and the alternatives', async () => {
    const before = await counts();
    const reply = await post({
      kind: 'call_request',
      language: 'en',
      customer: { accountEmail: STANDARD },
      questions: ['How do forms work?'],
      contactEmail: STANDARD,
      tool: 'skype',
    });
    const { value } = ok(reply);
    expect(value.outcome).toBe('refuse');
    expect(value.reason.code).toBe('channel.not_on_plan');
    expect(value.customerText).toContain('Here is what you can use instead:');
    expect(value.customerText).toContain('Standard plan');
    // The refused request is kept on a ticket with its reason, and the customer is e-mailed the refusal once.
    expect(await counts()).toEqual({
      ...before,
      tickets: before.tickets + 1,
      messages: before.messages + 1,
      posts: before.posts + 1,
      outbox: before.outbox + 1,
    });
  });

  it('takes a call request on an Express plan and opens the call to schedule', async () => {
    const before = await counts();
    const { value } = ok(
      await post({
        kind: 'call_request',
        language: 'fr',
        customer: { accountEmail: EXPRESS },
        subject: 'Appel',
        questions: ['Comment importer un fichier ?'],
        contactEmail: 'it@sue.test',
        tool: 'google_meet',
      }),
    );
    expect(value).toMatchObject({ outcome: 'accept', reason: { code: 'call.accepted' } });
    expect(value.customerText).toContain('Votre demande d’appel a bien été reçue.');
    expect(value.customerText).toContain('it@sue.test');
    expect((await counts()).calls).toBe(before.calls + 1);
  });

  it('refuses a call request without questions, as admit does for the console', async () => {
    const { value } = ok(
      await post({
        kind: 'call_request',
        language: 'en',
        customer: { accountEmail: EXPRESS },
        questions: [],
        contactEmail: 'it@sue.test',
        tool: 'skype',
      }),
    );
    expect(value).toMatchObject({ outcome: 'refuse', reason: { code: 'call.questions_required' } });
  });

  it('takes a blog comment', async () => {
    const { value } = ok(
      await post({
        kind: 'blog_comment',
        language: 'en',
        customer: { accountEmail: EXPRESS },
        postTitle: 'New charts',
        postUrl: 'https://www.example.com/blog/new-charts',
        body: 'Nice!',
      }),
    );
    expect(value.outcome).toBe('accept');
    expect(value.customerText).toContain('Your comment has been received.');
    const ticket = await core.call(lead, 'tickets.get', { id: value.ticketId });
    expect(ticket.ticket).toMatchObject({ channel: 'blog_comment', subject: 'Comment on “New charts”' });
  });

  it('answers on the team server too, without a session or Origin', async () => {
    const reply = await post(topic(EXPRESS, 'en', 'Via the team server'), { server: team });
    expect(reply.status).toBe(200);
    expect(ok(reply).value.outcome).toBe('accept');
  });
});

describe('bad requests: a typed error, nothing written', () => {
  const now = () => Math.floor(core.clock.now / 1000);
  const cases: [string, () => Promise<Reply>, number, string, string?][] = [
    ['a wrong signature', () => post(topic(FREE), { secret: 'not-the-secret' }), 401, 'signature_invalid'],
    [
      'a signature over another body',
      async () => {
        const body = JSON.stringify(topic(FREE));
        const ts = String(now());
        return rawPost(
          serve,
          {
            'content-type': 'application/json',
            'x-support-timestamp': ts,
            'x-support-signature': signWebsitePost(secret, ts, body + ' '),
            'idempotency-key': newKey(),
          },
          body,
        );
      },
      401,
      'signature_invalid',
    ],
    [
      'no signature',
      () => post(topic(FREE), { headers: { 'x-support-signature': '' } }),
      401,
      'signature_invalid',
    ],
    [
      'a stale timestamp',
      () => post(topic(FREE), { timestamp: now() - 301 }),
      401,
      'timestamp_out_of_window',
    ],
    [
      'a timestamp from the future',
      () => post(topic(FREE), { timestamp: now() + 301 }),
      401,
      'timestamp_out_of_window',
    ],
    ['no idempotency key', () => post(topic(FREE), { key: '' }), 400, 'idempotency_key_invalid'],
    [
      'a key with spaces',
      () => post(topic(FREE), { key: 'has spaces in it' }),
      400,
      'idempotency_key_invalid',
    ],
    ['bad JSON', () => post(null, { body: '{"kind": "topic_question",' }), 400, 'invalid_json'],
    ['an unknown kind', () => post({ ...topic(FREE), kind: 'chat_message' }), 400, 'invalid_post', 'kind'],
    ['an unknown field', () => post({ ...topic(FREE), extra: 1 }), 400, 'invalid_post'],
    [
      'a control character',
      () => post({ ...topic(FREE), body: 'Hi\u0000there' }),
      400,
      'invalid_post',
      'body',
    ],
    ['an unknown language', () => post({ ...topic(FREE), language: 'de' }), 400, 'invalid_post', 'language'],
    [
      'an unknown customer',
      () => post(topic('nobody@example.com')),
      422,
      'customer_unknown',
      'customer.accountEmail',
    ],
    [
      'a form-encoded body',
      () => post(topic(FREE), { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    ],
    ['a huge body', () => post({ ...topic(FREE), body: 'x'.repeat(300_000) }), 413, 'body_too_large'],
  ];

  it.each(cases)('%s', async (_name, send, status, code, field) => {
    const before = await dataSnapshot();
    const reply = await send();
    expect(reply.status).toBe(status);
    expect(reply.json).toMatchObject({ ok: false, error: { code, ...(field ? { field } : {}) } });
    expect(await dataSnapshot()).toEqual(before);
  });

  it('refuses a huge body announced with Expect: 100-continue before it is sent', async () => {
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: serve.port,
          path: WEBSITE_POSTS_PATH,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': '300000', expect: '100-continue' },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('continue', () => reject(new Error('the server asked for the body')));
      req.on('error', reject);
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'body_too_large' } });
  });

  it('keeps the refused requests for the lead, newest first', async () => {
    const recent = await core.call(lead, 'channels.website.recent', { limit: 50 });
    const codes = recent.rejections.map((r) => r.code);
    expect(codes[0]).toBe('unsupported_media_type');
    expect(codes).toContain('signature_invalid');
    expect(codes).toContain('customer_unknown');
    // The 413 is refused by the transport before the endpoint reads it: not kept.
    expect(codes).not.toContain('body_too_large');
    expect(recent.posts.length).toBeGreaterThan(5);
    expect(recent.posts[0]).toMatchObject({ customerName: 'Sue Express', outcome: 'accept' });
  });

  it('tells the lead’s panel at once, and keeps only the newest 200', async () => {
    const heard: string[][] = [];
    const off = core.core.events.on('data.changed', (p) => heard.push(p.topics));
    await post(topic(FREE), { secret: 'wrong' });
    expect(heard).toContainEqual(['website']);
    off();
    for (let i = 0; i < 205; i++) await post(topic(FREE), { secret: 'wrong' });
    const kept = await core.core.db
      .selectFrom('website_rejections')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(kept.n)).toBe(200);
  });
});

describe('secret rotation', () => {
  it('accepts the previous secret for the grace period, then only the new one', async () => {
    const old = secret;
    const rotated = await core.call(lead, 'channels.website.rotateSecret', {});
    secret = rotated.secret;
    expect(rotated.settings.previousValidUntil).toBe(core.clock.now + PREVIOUS_SECRET_GRACE_MS);
    expect(ok(await post(topic(EXPRESS), { secret: old })).value.outcome).toBe('accept');
    expect(ok(await post(topic(EXPRESS))).value.outcome).toBe('accept');

    core.clock.now += PREVIOUS_SECRET_GRACE_MS + 1;
    const late = await post(topic(EXPRESS), { secret: old });
    expect(late.status).toBe(401);
    expect(late.json).toMatchObject({ ok: false, error: { code: 'signature_invalid' } });
    expect(ok(await post(topic(EXPRESS))).value.outcome).toBe('accept');
    expect((await core.call(lead, 'channels.website.get', {})).previousValidUntil).toBeNull();
  });

  it('refuses posts once the lead switches the channel off', async () => {
    await core.call(lead, 'channels.website.update', { enabled: false });
    const reply = await post(topic(EXPRESS));
    expect(reply.status).toBe(404);
    await core.call(lead, 'channels.website.update', { enabled: true });
  });
});

describe('send a test post', () => {
  it('runs a signed sample through the checks and admit, and writes nothing but its audit entry', async () => {
    // The clock moved past earlier tickets' deadlines (secret rotation): the breach scheduler, woken
    // by those writes, records them in the background. One pass now, awaited, records them all, so
    // none lands between the two snapshots.
    await core.sla.tick();
    const before = await dataSnapshot();
    const result = await core.call(lead, 'channels.website.sendTest', {
      kind: 'call_request',
      accountEmail: STANDARD,
      language: 'fr',
    });
    expect(result).toMatchObject({ ok: true, outcome: 'refuse', reason: { code: 'channel.not_on_plan' } });
    if (result.ok) expect(result.customerText).toContain('Voici ce que vous pouvez utiliser à la place');
    const after = await dataSnapshot();
    expect((after.audit_log ?? []).length).toBe((before.audit_log ?? []).length + 1);
    delete after.audit_log;
    delete before.audit_log;
    delete after.write_lock;
    delete before.write_lock;
    expect(after).toEqual(before);

    const unknown = await core.call(lead, 'channels.website.sendTest', {
      kind: 'topic_question',
      accountEmail: 'nobody@example.com',
      language: 'en',
    });
    expect(unknown).toMatchObject({ ok: false, status: 422, error: { code: 'customer_unknown' } });
  });
});

it('hashes what it stores, never the body in plain text as the key', async () => {
  const body = JSON.stringify(topic(EXPRESS, 'en', 'Hash check'));
  const key = newKey();
  ok(await post(null, { body, key }));
  const row = await core.core.db
    .selectFrom('website_posts')
    .select(['request_hash'])
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  expect(row.request_hash).toBe(createHash('sha256').update(body).digest('hex'));
});

describe('the documented example (scripts/website-post.mjs)', () => {
  function runScript(file: string, key: string) {
    return new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        ['scripts/website-post.mjs', `${team.url.replace(/\/$/, '')}${WEBSITE_POSTS_PATH}`, file, key],
        { env: { ...process.env, WEBSITE_SECRET: secret } },
        (error, stdout) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout }),
      );
    });
  }

  it.each(['website-topic-question.json', 'website-blog-comment.json', 'website-call-request.json'])(
    'signs and sends docs/examples/%s, once however often it is sent',
    async (name) => {
      // The examples name a placeholder customer; this one is on a plan with every channel.
      const example = JSON.parse(readFileSync(join('docs/examples', name), 'utf8')) as Record<
        string,
        unknown
      >;
      const file = join(core.dir, name);
      writeFileSync(file, JSON.stringify({ ...example, customer: { accountEmail: EXPRESS } }));
      // The script signs with the wall clock; the core's clock is the test's.
      core.clock.now = Date.now();
      const key = `example-${name}`;
      const first = await runScript(file, key);
      expect(first.code).toBe(0);
      const printed = JSON.parse(first.out) as { status: number; answer: WebsiteResponse };
      expect(printed.status).toBe(200);
      expect(printed.answer).toMatchObject({ ok: true, replayed: false, value: { outcome: 'accept' } });
      const before = await counts();
      const again = JSON.parse((await runScript(file, key)).out) as { answer: WebsiteResponse };
      expect(again.answer).toMatchObject({ ok: true, replayed: true });
      expect(await counts()).toEqual(before);
    },
  );
});

describe('refusal mails', () => {
  it('e-mails the refusal in the post’s language, as the answer on the website', async () => {
    const refusalTo = (address: string) =>
      core.core.db
        .selectFrom('outbox')
        .select(['subject', 'body'])
        .where('to_email', '=', address)
        .where('kind', '=', 'intake_refused')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
    const french = ok(
      await post({
        kind: 'call_request',
        language: 'fr',
        customer: { accountEmail: STANDARD },
        subject: 'Un appel',
        questions: ['Comment importer un fichier ?'],
        contactEmail: STANDARD,
        tool: 'skype',
      }),
    ).value;
    expect(french.outcome).toBe('refuse');
    const mail = await refusalTo(STANDARD);
    expect(mail.subject).toBe('À propos de votre demande\u202f: Un appel');
    // The same sentences the website showed under the post, not the engine's English.
    for (const line of french.customerText.split('\n').filter((l) => l.trim() !== '')) {
      expect(mail.body).toContain(line);
    }
    expect(mail.body).toContain('Voici ce que vous pouvez utiliser à la place');
    expect(mail.body).not.toContain('What you can use instead');
  });

  it('e-mails refusals within the same daily cap per address as mail, and still takes every post', async () => {
    const refusalsTo = async (address: string) =>
      Number(
        (
          await core.core.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('to_email', '=', address)
            .where('kind', '=', 'intake_refused')
            .where('created_at', '>', core.clock.now - 86_400_000)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const already = await refusalsTo(FREE);
    expect(already).toBeLessThan(AUTO_ANSWERS_PER_DAY);
    const before = await counts();
    const tries = AUTO_ANSWERS_PER_DAY - already + 2;
    for (let i = 0; i < tries; i++) {
      const reply = await post({
        kind: 'call_request',
        language: 'en',
        customer: { accountEmail: FREE },
        questions: [`Question ${i}`],
        contactEmail: FREE,
        tool: 'skype',
      });
      expect(ok(reply).value.outcome).toBe('refuse');
    }
    // Every post is kept on its ticket with its reason; the mails stop at the cap.
    expect(await refusalsTo(FREE)).toBe(AUTO_ANSWERS_PER_DAY);
    expect(await counts()).toEqual({
      ...before,
      tickets: before.tickets + tries,
      messages: before.messages + tries,
      posts: before.posts + tries,
      outbox: before.outbox + AUTO_ANSWERS_PER_DAY - already,
    });
  });
});

// The website's posts (topic questions, blog comments, call requests) arriving at the endpoint:
// checked (enabled, signature, timestamp window, idempotency key, JSON, text, schema, customer), then
// turned into a ticket by the same openTicket and admit as every intake, in one write with the post's
// idempotency record, so the same post sent twice makes one message and gets the same answer.
// Transport-free: serve/server.ts hands it the headers and raw body and sends back what it returns.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TicketCreateInput } from '../../../../shared/contract';
import type { AdmitDecision } from '../../../../shared/domain';
import { findUserTextIssue } from '../../../../shared/user-text';
import {
  IDEMPOTENCY_HEADER,
  idempotencyKey as idempotencyKeySchema,
  REPLAYED_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  TIMESTAMP_TOLERANCE_SECONDS,
  websiteAnswer as websiteAnswerSchema,
  websiteErrorCodes,
  websitePost,
  type WebsiteAnswer,
  type WebsiteErrorCode,
  type WebsitePost,
  type WebsiteResponse,
} from '../../../../shared/website';
import type { Core } from '../../api/context';
import { openTicket } from '../../handlers/tickets';
import { websiteCustomerText } from '../../i18n/website';
import { sqlState } from '../../store/postgres';
import type { CustomerRow } from '../../store/schema';
import { runWrite } from '../../api/write';
import type { LiveEvent } from '../../live';
import { autoAnswersUsedUp } from '../auto-answers';
import { readWebsiteChannel, secretsInForce } from './channel';
import { isSignatureHeader, signatureMatches } from './signature';

export interface WebsiteRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface WebsiteReply {
  status: number;
  headers: Record<string, string>;
  body: WebsiteResponse;
}

/** A request refused before anything was written. */
export class WebsiteRefusal extends Error {
  override name = 'WebsiteRefusal';
  constructor(
    readonly code: WebsiteErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  get status(): number {
    return websiteErrorCodes[this.code];
  }
}

/** A request that passed every check: what openTicket needs, and what the idempotency record keeps. */
export interface CheckedPost {
  post: WebsitePost;
  key: string;
  requestHash: string;
  customer: CustomerRow;
}

/** Rejected requests kept for the lead's panel: the newest this many. */
const REJECTIONS_KEPT = 200;
const REJECTION_EVENT: LiveEvent = {
  event: 'data.changed',
  payload: { topics: ['website'], ticketIds: [], customerIds: [] },
};

function header(req: WebsiteRequest, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

/** Every check a post must pass, in the order a website developer would fix them. Writes nothing. */
export async function checkWebsitePost(core: Core, req: WebsiteRequest): Promise<CheckedPost> {
  const channel = await readWebsiteChannel(core.db);
  if (!channel || channel.enabled !== 1 || !channel.secret_sealed) {
    throw new WebsiteRefusal(
      'website_disabled',
      'The website channel is switched off in this console (Channels → Website).',
    );
  }
  if (!(header(req, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new WebsiteRefusal('unsupported_media_type', 'Send the post as application/json.');
  }
  const timestamp = header(req, TIMESTAMP_HEADER);
  if (timestamp === null || !/^\d{1,12}$/.test(timestamp)) {
    throw new WebsiteRefusal(
      'signature_invalid',
      `Send the request's time as Unix seconds in the ${TIMESTAMP_HEADER} header.`,
      TIMESTAMP_HEADER,
    );
  }
  const skew = Math.abs(core.now() / 1000 - Number(timestamp));
  if (skew > TIMESTAMP_TOLERANCE_SECONDS) {
    throw new WebsiteRefusal(
      'timestamp_out_of_window',
      `The request's time is ${Math.round(skew)} s away from the console's clock; at most ` +
        `${TIMESTAMP_TOLERANCE_SECONDS} s is accepted. Check the website server's clock, and sign each request when it is sent.`,
      TIMESTAMP_HEADER,
    );
  }
  const signature = header(req, SIGNATURE_HEADER);
  if (signature === null || !isSignatureHeader(signature)) {
    throw new WebsiteRefusal(
      'signature_invalid',
      `Send the signature in the ${SIGNATURE_HEADER} header as v1=<hex HMAC-SHA256 of "<timestamp>.<body>">.`,
      SIGNATURE_HEADER,
    );
  }
  if (!signatureMatches(signature, timestamp, req.body, secretsInForce(channel, core.secrets, core.now()))) {
    throw new WebsiteRefusal(
      'signature_invalid',
      'The signature does not match the body and timestamp under the shared secret (was the secret rotated?).',
      SIGNATURE_HEADER,
    );
  }
  const key = idempotencyKeySchema.safeParse(header(req, IDEMPOTENCY_HEADER) ?? '');
  if (!key.success) {
    throw new WebsiteRefusal(
      'idempotency_key_invalid',
      `Send the post's own id in the ${IDEMPOTENCY_HEADER} header: 8 to 128 letters, digits or . _ : -.`,
      IDEMPOTENCY_HEADER,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(req.body));
  } catch {
    throw new WebsiteRefusal('invalid_json', 'The body is not valid UTF-8 JSON.');
  }
  const unsafe = findUserTextIssue(json);
  if (unsafe) {
    throw new WebsiteRefusal(
      'invalid_post',
      `${unsafe.path === '' ? 'The post' : unsafe.path} ${unsafe.problem}.`,
      unsafe.path || undefined,
    );
  }
  const parsed = websitePost.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.map(String).join('.') ?? '';
    throw new WebsiteRefusal(
      'invalid_post',
      `Invalid post: ${parsed.error.issues
        .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
        .join('; ')}`,
      path || undefined,
    );
  }
  const post = parsed.data;
  const customer = await core.db
    .selectFrom('customers')
    .selectAll()
    .where(sql<string>`lower(account_email)`, '=', post.customer.accountEmail.toLowerCase())
    .executeTakeFirst();
  if (!customer) {
    throw new WebsiteRefusal(
      'customer_unknown',
      'No customer account has this e-mail address; the website posts for signed-in customers only.',
      'customer.accountEmail',
    );
  }
  return {
    post,
    key: key.data,
    requestHash: createHash('sha256').update(req.body).digest('hex'),
    customer,
  };
}

/** What the post becomes in the console: the ticket "New ticket" would make for it. */
export function ticketInputFor(post: WebsitePost, customerId: number): TicketCreateInput {
  const withLink = (text: string, url: string | undefined) => (url ? `${text}\n\n${url}` : text);
  switch (post.kind) {
    case 'topic_question':
      return {
        customerId,
        channel: 'topic',
        subject: post.subject,
        body: withLink(post.body, post.topicUrl),
        priority: 'normal',
      };
    case 'blog_comment':
      return {
        customerId,
        channel: 'blog_comment',
        subject: `Comment on “${post.postTitle}”`,
        body: withLink(post.body, post.postUrl),
        priority: 'normal',
      };
    case 'call_request': {
      const questions = post.questions.map((q) => q.trim()).filter((q) => q !== '');
      return {
        customerId,
        channel: 'phone',
        subject: post.subject ?? 'Call request',
        body: questions.length > 0 ? questions.map((q) => `- ${q}`).join('\n') : '(no questions given)',
        priority: 'normal',
        callRequest: { questions: post.questions, contactEmail: post.contactEmail, tool: post.tool },
      };
    }
  }
}

export function answerFor(
  core: Pick<Core, 'rules'>,
  post: WebsitePost,
  decision: AdmitDecision,
  ids: { postId: number; ticketId: number },
  receivedAt: number,
): WebsiteAnswer {
  return {
    postId: ids.postId,
    ticketId: ids.ticketId,
    outcome: decision.outcome,
    reason: { code: decision.reason.code, params: decision.reason.params },
    language: post.language,
    customerText: websiteCustomerText(core.rules, post.kind, decision, post.language),
    receivedAt,
  };
}

type Stored = { kind: 'replay'; answer: WebsiteAnswer } | { kind: 'new'; answer: WebsiteAnswer };

/** The same key seen before: its answer again when the body is the same, a refusal when it is not. */
async function earlier(
  db: Core['db'],
  checked: CheckedPost,
): Promise<{ kind: 'replay'; answer: WebsiteAnswer } | null> {
  const row = await db
    .selectFrom('website_posts')
    .select(['request_hash', 'answer'])
    .where('idempotency_key', '=', checked.key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== checked.requestHash) {
    throw new WebsiteRefusal(
      'idempotency_key_reused',
      `The idempotency key "${checked.key}" was already used for a different post; use a new key for a new post.`,
      IDEMPOTENCY_HEADER,
    );
  }
  return { kind: 'replay', answer: websiteAnswerSchema.parse(JSON.parse(row.answer)) };
}

async function store(core: Core, checked: CheckedPost): Promise<Stored> {
  return runWrite(core, 'website.post', null, async (w) => {
    // Inside the write: on SQLite the write lock makes a second identical post wait and see this one.
    const seen = await earlier(w.db, checked);
    if (seen) return seen;
    const now = core.now();
    // A refusal is e-mailed to the account, within the same daily cap per address as mail's.
    const capped = await autoAnswersUsedUp(w.db, checked.customer.account_email, now);
    const { ticketId, decision } = await openTicket(
      core,
      w,
      ticketInputFor(checked.post, checked.customer.id),
      now,
      // The refusal goes out in the post's language, as its answer on the website.
      { notifyRefusal: !capped, locale: checked.post.language },
    );
    const values = {
      idempotency_key: checked.key,
      request_hash: checked.requestHash,
      kind: checked.post.kind,
      language: checked.post.language,
      customer_id: checked.customer.id,
      ticket_id: ticketId,
      outcome: decision.outcome,
      reason_code: decision.reason.code,
      answer: '{}',
      received_at: now,
    };
    const row = await w.db
      .insertInto('website_posts')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    const answer = answerFor(core, checked.post, decision, { postId: row.id, ticketId }, now);
    await w.db
      .updateTable('website_posts')
      .set({ answer: JSON.stringify(answer) })
      .where('id', '=', row.id)
      .execute();
    w.changed({ topics: ['website'] });
    await w.audit({
      entity: 'website_post',
      entityId: row.id,
      before: null,
      after: { id: row.id, ...values, answer },
    });
    return { kind: 'new', answer };
  });
}

function isUniqueViolation(error: unknown): boolean {
  return (
    sqlState(error) === '23505' || (error instanceof Error && /UNIQUE constraint failed/.test(error.message))
  );
}

/** Keeps a refused request for the lead's panel; a failure to keep it never changes the answer. */
async function recordRejection(core: Core, refusal: WebsiteRefusal, req: WebsiteRequest): Promise<void> {
  const key = header(req, IDEMPOTENCY_HEADER);
  try {
    // Not a change anyone made (so no audit entry), but the lead's panel hears of it like one.
    await core.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('website_rejections')
        .values({
          at: core.now(),
          status: refusal.status,
          code: refusal.code,
          message: refusal.message,
          idempotency_key: key !== null && idempotencyKeySchema.safeParse(key).success ? key : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .deleteFrom('website_rejections')
        .where('id', '<=', row.id - REJECTIONS_KEPT)
        .execute();
      await core.live.publish(trx, [REJECTION_EVENT]);
    });
    core.live.emitLocally([REJECTION_EVENT]);
  } catch (error) {
    console.error('[website] could not record a refused request', error);
  }
}

function refusalReply(refusal: WebsiteRefusal): WebsiteReply {
  return {
    status: refusal.status,
    headers: {},
    body: {
      ok: false,
      error: {
        code: refusal.code,
        message: refusal.message,
        ...(refusal.field === undefined ? {} : { field: refusal.field }),
      },
    },
  };
}

/** One request to the endpoint, start to answer. Never throws. */
export async function receiveWebsitePost(core: Core, req: WebsiteRequest): Promise<WebsiteReply> {
  try {
    // What other processes sharing the database committed (a rule set edit, a rotated secret) is in force.
    await core.live.sync();
    const checked = await checkWebsitePost(core, req);
    let stored: Stored;
    try {
      stored = (await earlier(core.db, checked)) ?? (await store(core, checked));
    } catch (error) {
      // Two identical posts racing on PostgreSQL: the loser's insert hit the unique key; answer as the winner did.
      if (!isUniqueViolation(error)) throw error;
      const seen = await earlier(core.db, checked);
      if (!seen) throw error;
      stored = seen;
    }
    const replayed = stored.kind === 'replay';
    return {
      status: 200,
      headers: replayed ? { [REPLAYED_HEADER]: 'true' } : {},
      body: { ok: true, replayed, value: stored.answer },
    };
  } catch (error) {
    if (error instanceof WebsiteRefusal) {
      console.warn(`[website] refused a post: ${error.status} ${error.code}: ${error.message}`);
      if (error.code !== 'website_disabled') await recordRejection(core, error, req);
      return refusalReply(error);
    }
    console.error('[website] a post failed', error);
    return refusalReply(
      new WebsiteRefusal('internal', 'The console could not take the post; nothing was saved.'),
    );
  }
}

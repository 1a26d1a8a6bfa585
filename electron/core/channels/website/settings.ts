// The lead's side of the website channel (contract methods channels.website.*): switching it on
// and off, the signing secret (created or rotated, shown once, sealed at rest), what arrived lately,
// and a test post through the endpoint's own checks.
import {
  IDEMPOTENCY_HEADER,
  PREVIOUS_SECRET_GRACE_MS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  TIMESTAMP_TOLERANCE_SECONDS,
  WEBSITE_POSTS_PATH,
  websiteError,
  type WebsitePost,
  type WebsiteSettings,
} from '../../../../shared/website';
import { decision } from '../../../../shared/domain';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '../../api/errors';
import type { Handler } from '../../api/handler';
import { admit } from '../../rules';
import { intakeFor } from '../../handlers/tickets';
import { ruleCustomerOf, ruleUsageOf } from '../../handlers/rule-inputs';
import { websiteCustomerText } from '../../i18n/website';
import { readWebsiteChannel, type WebsiteChannelRow } from './channel';
import { checkWebsitePost, ticketInputFor, WebsiteRefusal } from './intake';
import { newWebsiteSecret, signWebsitePost } from './signature';

function present(
  ctx: Pick<HandlerContext, 'secrets' | 'now'>,
  row: WebsiteChannelRow | null,
): WebsiteSettings {
  const previousValidUntil =
    row?.previous_secret_sealed && row.previous_valid_until !== null && row.previous_valid_until > ctx.now()
      ? row.previous_valid_until
      : null;
  return {
    enabled: row?.enabled === 1,
    hasSecret: row?.secret_sealed != null,
    secretCreatedAt: row?.secret_created_at ?? null,
    previousValidUntil,
    sealedBy: ctx.secrets.keeper,
    endpointPath: WEBSITE_POSTS_PATH,
    headers: { timestamp: TIMESTAMP_HEADER, signature: SIGNATURE_HEADER, idempotencyKey: IDEMPOTENCY_HEADER },
    timestampToleranceSeconds: TIMESTAMP_TOLERANCE_SECONDS,
  };
}

/** What the audit log keeps of the row: never a secret, sealed or not. */
function audited(row: WebsiteChannelRow | null) {
  return row
    ? {
        enabled: row.enabled,
        secret_created_at: row.secret_created_at,
        previous_valid_until: row.previous_valid_until,
      }
    : null;
}

export const getWebsiteSettings: Handler<'channels.website.get'> = async (ctx) =>
  present(ctx, await readWebsiteChannel(ctx.db));

export const updateWebsiteSettings: Handler<'channels.website.update'> = async (ctx, { enabled }) => {
  await ctx.write(async (w) => {
    const before = await readWebsiteChannel(w.db);
    if (enabled && !before?.secret_sealed) {
      throw new ApiError(
        'invalid_input',
        'Create the signing secret first: the website cannot sign its posts without it.',
        'enabled',
      );
    }
    if ((before?.enabled === 1) === enabled) {
      throw new ApiError(
        'conflict',
        `The website channel is already ${enabled ? 'on' : 'off'}; nothing changed.`,
        'enabled',
      );
    }
    const values = {
      enabled: enabled ? (1 as const) : (0 as const),
      updated_at: ctx.now(),
      updated_by: ctx.actor?.id ?? null,
    };
    await w.db.updateTable('website_channel').set(values).where('id', '=', 1).execute();
    await w.audit({
      entity: 'website_channel',
      entityId: 1,
      before: audited(before),
      after: audited(await readWebsiteChannel(w.db)),
    });
    w.changed({ topics: ['settings'] });
  });
  return present(ctx, await readWebsiteChannel(ctx.db));
};

export const rotateWebsiteSecret: Handler<'channels.website.rotateSecret'> = async (ctx) => {
  const secret = newWebsiteSecret();
  await ctx.write(async (w) => {
    const before = await readWebsiteChannel(w.db);
    const now = ctx.now();
    const values = {
      secret_sealed: ctx.secrets.seal(secret),
      secret_created_at: now,
      // The secret being replaced keeps signing valid posts for a while, so the website can switch without a gap.
      previous_secret_sealed: before?.secret_sealed ?? null,
      previous_valid_until: before?.secret_sealed ? now + PREVIOUS_SECRET_GRACE_MS : null,
      updated_at: now,
      updated_by: ctx.actor?.id ?? null,
    };
    if (before) await w.db.updateTable('website_channel').set(values).where('id', '=', 1).execute();
    else
      await w.db
        .insertInto('website_channel')
        .values({ id: 1, enabled: 0, ...values })
        .execute();
    await w.audit({
      entity: 'website_channel',
      entityId: 1,
      before: audited(before),
      after: audited(await readWebsiteChannel(w.db)),
    });
    w.changed({ topics: ['settings'] });
  });
  return { settings: present(ctx, await readWebsiteChannel(ctx.db)), secret };
};

export const recentWebsitePosts: Handler<'channels.website.recent'> = async (ctx, { limit }) => {
  const posts = await ctx.db
    .selectFrom('website_posts as p')
    .innerJoin('customers as c', 'c.id', 'p.customer_id')
    .innerJoin('tickets as t', 't.id', 'p.ticket_id')
    .select([
      'p.id',
      'p.received_at',
      'p.kind',
      'p.language',
      'p.customer_id',
      'c.name',
      'p.ticket_id',
      'p.outcome',
      't.intake_decision',
    ])
    .orderBy('p.received_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  const rejections = await ctx.db
    .selectFrom('website_rejections')
    .select(['id', 'at', 'status', 'code', 'message'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return {
    posts: posts.map((p) => ({
      postId: p.id,
      receivedAt: p.received_at,
      kind: p.kind,
      language: p.language,
      customerId: p.customer_id,
      customerName: p.name,
      ticketId: p.ticket_id,
      outcome: p.outcome,
      reason: decision.parse(JSON.parse(p.intake_decision)).reason,
    })),
    rejections: rejections.map((r) => ({ ...r, code: websiteError.shape.code.parse(r.code) })),
  };
};

/** A sample of each kind, as a website would send it. */
function samplePost(input: {
  kind: WebsitePost['kind'];
  accountEmail: string;
  language: 'en' | 'fr';
}): WebsitePost {
  const base = { language: input.language, customer: { accountEmail: input.accountEmail } };
  switch (input.kind) {
    case 'topic_question':
      return { ...base, kind: 'topic_question', subject: 'Test post', body: 'A test post from the console.' };
    case 'blog_comment':
      return {
        ...base,
        kind: 'blog_comment',
        postTitle: 'Test post',
        postUrl: 'https://example.com/blog/test',
        body: 'A test comment from the console.',
      };
    case 'call_request':
      return {
        ...base,
        kind: 'call_request',
        questions: ['A test question from the console.'],
        contactEmail: input.accountEmail,
        tool: 'skype',
      };
  }
}

export const sendWebsiteTest: Handler<'channels.website.sendTest'> = async (ctx, input) => {
  const row = await readWebsiteChannel(ctx.db);
  const post = samplePost(input);
  const body = Buffer.from(JSON.stringify(post), 'utf8');
  const timestamp = String(Math.floor(ctx.now() / 1000));
  const secret = row?.secret_sealed ? ctx.secrets.open(row.secret_sealed) : '';
  let result: Awaited<ReturnType<Handler<'channels.website.sendTest'>>>;
  try {
    const checked = await checkWebsitePost(ctx, {
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebsitePost(secret, timestamp, body),
        [IDEMPOTENCY_HEADER]: `console-test-${ctx.now()}`,
      },
      body,
    });
    // What the endpoint would decide, without writing: admit on the customer's balance as it is now.
    const usage = await ruleUsageOf(ctx.db, ctx.rules, checked.customer.id);
    const decision = admit(
      ctx.rules,
      ruleCustomerOf(checked.customer),
      usage,
      intakeFor(ticketInputFor(checked.post, checked.customer.id)),
      ctx.now(),
    );
    result = {
      ok: true,
      outcome: decision.outcome,
      reason: { code: decision.reason.code, params: decision.reason.params },
      customerText: websiteCustomerText(ctx.rules, post.kind, decision, post.language),
    };
  } catch (error) {
    if (!(error instanceof WebsiteRefusal)) throw error;
    result = {
      ok: false,
      status: error.status,
      error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) },
    };
  }
  // Who tested, when and with what result: the audit log keeps it like any settings action.
  await ctx.write(async (w) => {
    await w.audit({ entity: 'website_channel', entityId: 1, before: null, after: { test: input, result } });
  });
  return result;
};

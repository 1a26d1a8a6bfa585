// Rule set versions. Every rule set the console enforces is stored, numbered 1, 2, …, and never
// changed afterwards: a ticket records the version it was measured against at arrival, so a lead's
// later edit moves new tickets only, and the explanation and review of old tickets still load the
// rules they were measured by.
import type { Kysely } from 'kysely';
import type { RuleSet } from '../rules';
import { parseRuleSet, ruleSetVersion } from '../rules';
import type { Database, RuleSetVersionRow } from '../store/schema';

export interface StoredRuleSet {
  version: number;
  label: string;
  rules: RuleSet;
}

/** Stable text of a parsed rule set: zod's output keeps the schema's key order. */
export function canonicalRules(rules: RuleSet): string {
  return JSON.stringify(rules);
}

/**
 * The loaded versions of one running core, and the one in force. The core's `rules` is replaced as
 * a whole (never mutated), and each call works on the object it started with, so a call in flight
 * during an edit finishes consistently on the old rules.
 */
export class RuleVersions {
  private readonly byVersion = new Map<number, RuleSet>();
  private readonly versionByRules = new WeakMap<RuleSet, number>();
  private active = 0;

  /** `install` puts a newly activated rule set in force (it replaces the core's `rules`). */
  constructor(private readonly install: (rules: RuleSet) => void) {}

  get activeVersion(): number {
    return this.active;
  }

  /** Remembers a stored version's parsed rules (each version is parsed at most once per process). */
  remember(version: number, rules: RuleSet): void {
    this.byVersion.set(version, rules);
    this.versionByRules.set(rules, version);
  }

  /**
   * Puts a version in force. Two edits committed close together may finish in either order; only a
   * newer version replaces the one in force, so the last committed always wins.
   */
  activate(version: number, rules: RuleSet): void {
    this.remember(version, rules);
    if (version < this.active) return;
    this.active = version;
    this.install(rules);
  }

  /** The stored version of a rule set object this core handed out. */
  versionOf(rules: RuleSet): number {
    const version = this.versionByRules.get(rules);
    if (version === undefined) {
      throw new Error(`the rule set ${ruleSetVersion(rules)} in use is not a stored version`);
    }
    return version;
  }

  /**
   * Puts the latest stored version in force when it is newer than the one in force: another
   * process sharing the database saved it. True when the rules in force changed.
   */
  async refresh(db: Kysely<Database>): Promise<boolean> {
    const latest = await latestRuleVersion(db);
    if (!latest || latest.version <= this.active) return false;
    this.activate(latest.version, this.byVersion.get(latest.version) ?? parseStored(latest));
    return true;
  }

  async load(db: Kysely<Database>, version: number): Promise<RuleSet> {
    const known = this.byVersion.get(version);
    if (known) return known;
    const row = await db
      .selectFrom('rule_set_versions')
      .selectAll()
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw new Error(`rule set version ${version} is not stored`);
    const rules = parseStored(row);
    this.remember(version, rules);
    return rules;
  }

  /** Synchronous look-up of an already loaded version (null when not loaded yet). */
  loaded(version: number): RuleSet | null {
    return this.byVersion.get(version) ?? null;
  }
}

function parseStored(row: RuleSetVersionRow): RuleSet {
  try {
    return parseRuleSet(JSON.parse(row.json));
  } catch (error) {
    throw new Error(
      `Stored rule set version ${row.version} (${row.label}) can no longer be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export async function latestRuleVersion(db: Kysely<Database>): Promise<RuleSetVersionRow | undefined> {
  return db
    .selectFrom('rule_set_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Stores `rules` as the next version. Its label must be unique: when another stored version already
 * uses `<id>@<version>` (a file edited without bumping its version), the rule set's own version is
 * raised past every stored one of the same id so that decisions can always be traced back.
 */
export async function insertRuleVersion(
  db: Kysely<Database>,
  rules: RuleSet,
  meta: { now: number; createdBy: number | null; note: string },
): Promise<StoredRuleSet> {
  const latest = await latestRuleVersion(db);
  const version = (latest?.version ?? 0) + 1;
  let stored = rules;
  const taken = await db
    .selectFrom('rule_set_versions')
    .select('label')
    .where('label', '=', ruleSetVersion(rules))
    .executeTakeFirst();
  if (taken) {
    const sameId = await db
      .selectFrom('rule_set_versions')
      .select('json')
      .where('rule_set_id', '=', rules.id)
      .execute();
    const highest = Math.max(
      rules.version,
      ...sameId.map((r) => (JSON.parse(r.json) as { version: number }).version),
    );
    stored = parseRuleSet({ ...rules, version: highest + 1 });
  }
  await db
    .insertInto('rule_set_versions')
    .values({
      version,
      rule_set_id: stored.id,
      label: ruleSetVersion(stored),
      json: canonicalRules(stored),
      created_at: meta.now,
      created_by: meta.createdBy,
      note: meta.note,
    })
    .execute();
  return { version, label: ruleSetVersion(stored), rules: stored };
}

/** The stored version with exactly these rules, stored now if there is none (used by demo data). */
export async function ensureRuleVersion(db: Kysely<Database>, rules: RuleSet, now: number): Promise<number> {
  const text = canonicalRules(rules);
  const same = await db
    .selectFrom('rule_set_versions')
    .select('version')
    .where('json', '=', text)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (same) return same.version;
  return (await insertRuleVersion(db, rules, { now, createdBy: null, note: 'Rule set used by demo data' }))
    .version;
}

/**
 * Chooses the rule set in force at start. An empty store records the start-up rules as version 1.
 * Otherwise the latest stored version stays in force (a lead's edits survive restarts), unless a
 * rules file was given explicitly and differs from it: then that file becomes the next version.
 */
export async function bootstrapRuleVersions(
  db: Kysely<Database>,
  startupRules: RuleSet,
  options: { now: number; explicitFile: string | null },
): Promise<StoredRuleSet> {
  return db.transaction().execute(async (trx) => {
    const latest = await latestRuleVersion(trx);
    if (!latest) {
      return insertRuleVersion(trx, startupRules, {
        now: options.now,
        createdBy: null,
        note: options.explicitFile ? `Loaded from ${options.explicitFile}` : 'Default rule set',
      });
    }
    if (options.explicitFile && latest.json !== canonicalRules(startupRules)) {
      return insertRuleVersion(trx, startupRules, {
        now: options.now,
        createdBy: null,
        note: `Loaded from ${options.explicitFile}`,
      });
    }
    return { version: latest.version, label: latest.label, rules: parseStored(latest) };
  });
}

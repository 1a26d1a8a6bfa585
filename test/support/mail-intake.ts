// The mail intake tests' common setup: one throwaway Dovecot for the file (started before its first
// test, disposed after its last; each test makes a mailbox of its own) and a new core per test on the
// store the run uses (a SQLite file, or a PostgreSQL database with TEST_STORE=postgres).
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createTestCore, type TestCore } from '../unit/helpers/core';
import { startDovecot, type Dovecot } from './dovecot';

export interface MailIntakeEnv {
  /** The file's Dovecot. */
  readonly dovecot: Dovecot;
  /** This test's core. */
  readonly core: TestCore;
}

/** Registers the hooks; read `dovecot` and `core` inside tests (they are made by the hooks). */
export function useMailIntake(coreOptions: Parameters<typeof createTestCore>[1] = {}): MailIntakeEnv {
  let dovecot: Dovecot | undefined;
  let core: TestCore | undefined;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(async () => {
    await dovecot?.dispose();
  });
  beforeEach(async () => {
    core = await createTestCore(undefined, coreOptions);
  });
  afterEach(async () => {
    await core?.dispose();
    core = undefined;
  });
  return {
    get dovecot() {
      if (!dovecot) throw new Error('Dovecot is not started: read it inside a test or a hook');
      return dovecot;
    },
    get core() {
      if (!core) throw new Error('No core: read it inside a test');
      return core;
    },
  };
}

import type { CallResult, MethodName, MethodOutput, MethodSpec } from '../../../shared/contract';
import type { RoleId } from '../../../shared/domain';
import { roleIds } from '../../../shared/domain';
import { methods } from '../../../shared/contract';
import { findUserTextIssue } from '../../../shared/user-text';
import { auditRefusal, resolveActor } from '../identity/authenticate';
import { isDatabaseUnreachable, unavailableError } from '../live/outage';
import { isNoSpaceLeft, StorageFullError } from '../store/errors';
import type { Core, HandlerContext, Session } from './context';
import { ApiError, fromZodError, notSignedIn, withSignIn } from './errors';
import type { Handler } from './handler';
import { handlers } from './handlers';
import { runWrite } from './write';

export interface Dispatcher {
  /**
   * Runs one call from a client. Never throws: every failure becomes a typed error, and input that
   * fails the contract's schema never reaches a handler.
   */
  call(session: Session, method: string, input: unknown): Promise<CallResult<unknown>>;
  /** The same, typed, for code in the main process and tests. */
  invoke<M extends MethodName>(
    session: Session,
    method: M,
    input: unknown,
  ): Promise<CallResult<MethodOutput<M>>>;
}

export interface DispatcherOptions {
  /** Also check every handler's output against the contract (tests turn this on). */
  checkOutputs?: boolean;
}

const roleWords: Record<RoleId, { one: string; many: string }> = {
  agent: { one: 'an agent', many: 'agents' },
  account_manager: { one: 'an account manager', many: 'account managers' },
  lead: { one: 'a lead', many: 'leads' },
};

/**
 * A role refusal says who may do it, from the method's own roles: "Only a lead can assign personal
 * managers; Maria Manager is an account manager."
 */
export function roleRefusal(spec: MethodSpec, actor: { name: string; role: RoleId }): string {
  const roles = spec.roles === 'public' ? [] : roleIds.filter((r) => spec.roles.includes(r));
  const [only] = roles;
  const many = roles.map((r) => roleWords[r].many);
  const who =
    roles.length === 1 && only
      ? roleWords[only].one
      : `${many.slice(0, -1).join(', ')} and ${many.at(-1) ?? ''}`;
  const action = spec.action ?? spec.description.replace(/\.$/, '').toLowerCase();
  return `Only ${who} can ${action}; ${actor.name} is ${roleWords[actor.role].one}.`;
}

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function createDispatcher(core: Core, options: DispatcherOptions = {}): Dispatcher {
  async function call(session: Session, method: string, input: unknown): Promise<CallResult<unknown>> {
    try {
      if (!isMethodName(method)) throw new ApiError('not_found', `Unknown method "${method}".`);
      const spec = methods[method];
      // What other processes sharing the database committed before this call is in force for it
      // (a rule set version saved through another server).
      await core.live.sync();

      const presented = { token: session.token, staffId: session.staffId };
      const { actor: signedIn, ended } = await resolveActor(core, session);
      // The window asks who it is: tell it why its session ended rather than just "nobody".
      if (ended && method === 'session.current') throw withSignIn(ended.error, core.identity);
      if (ended && spec.roles === 'public') {
        // Only an answer that says why a session ended may end it for the client (clear its
        // cookie). A public call answered while, say, a deactivation is announced would otherwise
        // take the reason away from the window's next "who am I?".
        session.token = presented.token;
        session.staffId = presented.staffId;
      }
      if (spec.roles !== 'public') {
        if (!signedIn) {
          if (ended) {
            await auditRefusal(core, 'session.refused', ended.staffId, {
              method,
              code: ended.error.code,
            });
            throw withSignIn(ended.error, core.identity);
          }
          throw notSignedIn(core.identity);
        }
        if (!spec.roles.includes(signedIn.role)) {
          await auditRefusal(core, 'access.refused', signedIn.id, { method, role: signedIn.role });
          throw new ApiError('forbidden', roleRefusal(spec, signedIn));
        }
      }
      // Roles first: a caller who may not use a method learns nothing about its input.
      const unsafeText = findUserTextIssue(input);
      if (unsafeText) {
        const where = unsafeText.path === '' ? '' : `${unsafeText.path}: `;
        throw new ApiError(
          'invalid_input',
          `Invalid input to ${method}: ${where}${unsafeText.problem}.`,
          unsafeText.path || undefined,
        );
      }
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) throw fromZodError(parsed.error, `input to ${method}`);
      const ctx: HandlerContext = {
        ...core,
        session,
        actor: signedIn,
        method,
        write: (work, writeOptions) =>
          runWrite(
            core,
            writeOptions?.action ?? method,
            writeOptions?.actorStaffId !== undefined ? writeOptions.actorStaffId : (signedIn?.id ?? null),
            work,
          ),
      };
      const handler = handlers[method] as Handler<MethodName>;
      const value = await handler(ctx, parsed.data as never);
      if (options.checkOutputs) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          throw new ApiError(
            'internal',
            `${method} returned a value outside the contract: ${checked.error.message}`,
          );
        }
      }
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toShape() };
      if (isDatabaseUnreachable(error)) return { ok: false, error: unavailableError().toShape() };
      if (isNoSpaceLeft(error)) {
        console.error(`[core] ${method}: the disk is full`, error);
        return { ok: false, error: { code: 'storage_full', message: new StorageFullError().message } };
      }
      console.error(`[core] ${method} failed`, error);
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `Something went wrong in ${method}; nothing was saved. (${describe(error)})`,
        },
      };
    }
  }
  return {
    call,
    invoke: (session, method, input) => call(session, method, input) as never,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

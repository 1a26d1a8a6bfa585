import type { CallResult, MethodName, MethodOutput } from '../../../shared/contract';
import { methods } from '../../../shared/contract';
import { auditRefusal, resolveActor } from '../identity/authenticate';
import type { Core, HandlerContext, Session } from './context';
import { ApiError, fromZodError } from './errors';
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

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function createDispatcher(core: Core, options: DispatcherOptions = {}): Dispatcher {
  async function call(session: Session, method: string, input: unknown): Promise<CallResult<unknown>> {
    try {
      if (!isMethodName(method)) throw new ApiError('not_found', `Unknown method "${method}".`);
      const spec = methods[method];

      const { actor: signedIn, ended } = await resolveActor(core, session);
      // The window asks who it is: tell it why its session ended rather than just "nobody".
      if (ended && method === 'session.current') throw ended.error;
      if (spec.roles !== 'public') {
        if (!signedIn) {
          if (ended) {
            await auditRefusal(core, 'session.refused', ended.staffId, {
              method,
              code: ended.error.code,
            });
            throw ended.error;
          }
          throw new ApiError('not_signed_in', 'Sign in first: choose who you are working as.');
        }
        if (!spec.roles.includes(signedIn.role)) {
          await auditRefusal(core, 'access.refused', signedIn.id, { method, role: signedIn.role });
          throw new ApiError(
            'forbidden',
            `${signedIn.name} (${signedIn.role.replace('_', ' ')}) may not ${spec.description.replace(/\.$/, '').toLowerCase()}.`,
          );
        }
      }
      // Roles first: a caller who may not use a method learns nothing about its input.
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

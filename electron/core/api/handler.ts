import type { MethodName, MethodOutput, MethodParsedInput } from '../../../shared/contract';
import type { HandlerContext } from './context';

export type Handler<M extends MethodName> = (
  ctx: HandlerContext,
  input: MethodParsedInput<M>,
) => Promise<MethodOutput<M>>;

/** Exactly one handler per contract method: a missing or extra name is a type error. */
export type HandlerTable = { [M in MethodName]: Handler<M> };

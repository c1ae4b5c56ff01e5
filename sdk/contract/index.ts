import type { z } from 'zod';

/**
 * One action of an app's contract: the zod schema the server parses its input with, and the type of its answer
 * (declared, not checked at run time: the server writes it).
 *
 * @example
 * const get: ContractAction<typeof orderIdSchema, Order> = action(orderIdSchema).answers<Order>();
 */
export interface ContractAction<Input extends z.ZodType = z.ZodType, Answer = unknown> {
  readonly input: Input;
  /** Never set: it only carries the answer's type. */
  readonly answer?: Answer;
}

/**
 * An app's actions by name, as {@link defineContract} declares them.
 *
 * @example
 * const contract: Contract = { 'orders.get': action(orderIdSchema).answers<Order>() };
 */
export type Contract = Record<string, ContractAction>;

/**
 * Starts one action of a contract from its input schema; `.answers<T>()` names what the server answers.
 *
 * @example
 * 'orders.list': action(z.object({ cursor: z.string().optional() })).answers<{ orders: Order[]; cursor: string | null }>(),
 */
export function action<Input extends z.ZodType>(input: Input): { answers<Answer>(): ContractAction<Input, Answer> } {
  return { answers: () => ({ input }) };
}

/**
 * Declares an app's actions once, for both sides: the server serves it with `app.serve(contract, handlers)`
 * (each input parsed by its schema, each handler's answer type-checked), and the page calls it through
 * `contractClient<typeof contract>(app)` with `import type` only, so no zod reaches the page. A renamed field
 * fails to compile on both sides.
 *
 * @example
 * export const ordersContract = defineContract({
 *   'orders.get': action(z.object({ id: z.number().int() }).strict()).answers<Order>(),
 * });
 */
export function defineContract<const Actions extends Contract>(actions: Actions): Actions {
  return actions;
}

/**
 * The names of a contract's actions.
 *
 * @example
 * const name: ActionName<typeof ordersContract> = 'orders.get';
 */
export type ActionName<C extends Contract> = keyof C & string;

/**
 * What the page sends for an action: its schema's input (before defaults apply).
 *
 * @example
 * const input: ActionInput<typeof ordersContract, 'orders.get'> = { id: 7 };
 */
export type ActionInput<C extends Contract, Name extends ActionName<C>> = z.input<C[Name]['input']>;

/**
 * What the server's handler receives for an action: its input once parsed (defaults applied).
 *
 * @example
 * const handle = (input: ActionPayload<typeof ordersContract, 'orders.get'>) => orders.find(input.id);
 */
export type ActionPayload<C extends Contract, Name extends ActionName<C>> = z.output<C[Name]['input']>;

/**
 * What the server answers an action with.
 *
 * @example
 * const order: ActionAnswer<typeof ordersContract, 'orders.get'> = await api.request('orders.get', { id: 7 });
 */
export type ActionAnswer<C extends Contract, Name extends ActionName<C>> = C[Name] extends ContractAction<z.ZodType, infer Answer> ? Answer : never;

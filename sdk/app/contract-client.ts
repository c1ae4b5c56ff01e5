import type { ActionAnswer, ActionInput, ActionName, Contract } from '../contract';
import type { HandsetApp } from './index';

/**
 * The page's side of a contract: `request` typed by the action's name, input and answer.
 *
 * @example
 * const order = await orders.request('orders.get', { id: 7 }); // typed as Order
 */
export interface ContractClient<C extends Contract> {
  /** Asks the app's server side for `action`; rejects with an `SdkError` when it refuses. */
  request<Name extends ActionName<C>>(action: Name, input: ActionInput<C, Name>): Promise<ActionAnswer<C, Name>>;
}

/**
 * Types the app's requests by its contract. Import the contract with `import type`: the page needs its types,
 * not its zod schemas (the server parses every input).
 *
 * @example
 * import type { ordersContract } from '../contract';
 * const orders = contractClient<typeof ordersContract>(app);
 * const order = await orders.request('orders.get', { id: 7 });
 */
export function contractClient<C extends Contract>(app: Pick<HandsetApp, 'request'>): ContractClient<C> {
  return { request: (action, input) => app.request(action, input) };
}

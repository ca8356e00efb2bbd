import { definePolicy, type Actor } from '../../platform/policy.ts';

/**
 * Who may place a first order: staff of either role (the back-office form) and the shop or
 * billing system with an API token. Customers never order through Hostdesk; the CLI runs on the
 * server and is trusted like the operator who runs it.
 */
export const ordersPolicy = definePolicy({
  placeOrder: (actor: Actor, _order: 'first-order') => actor.kind === 'staff' || actor.kind === 'api-token',
  readTariffs: (actor: Actor, _catalog: 'tariffs') => actor.kind === 'staff' || actor.kind === 'api-token',
});

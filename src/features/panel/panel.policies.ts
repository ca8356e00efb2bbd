import { definePolicy, type Actor } from '../../platform/policy.ts';
import type { PanelServer } from '../contracts/index.ts';

const isAdmin = (actor: Actor) => actor.kind === 'staff' && actor.role === 'admin';

/**
 * Who may use Plesk through Hostdesk. A subscription ("Paket verwalten", its mailboxes) is its
 * customer's alone: another customer's contract answers like a missing one. The servers, with
 * the API credentials that reach every subscription on them, are for admins only.
 */
export const panelPolicy = definePolicy({
  useSubscription: (actor, subscription: { customerId: number }) => actor.kind === 'customer' && actor.customerId === subscription.customerId,
  manageServer: (actor, _server: PanelServer | null) => isAdmin(actor),
});

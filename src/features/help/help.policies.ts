import { definePolicy, type Actor } from '../../platform/policy.ts';
import type { ContractStatus } from '../contracts/index.ts';
import type { HelpRevision } from './help.tables.ts';

const isStaff = (actor: Actor) => actor.kind === 'staff';
const isAdmin = (actor: Actor) => actor.kind === 'staff' && actor.role === 'admin';

/**
 * Who may read and change what in the help center. Published text is public (the public pages
 * read only published revisions inside their window); everything before and after publication
 * belongs to the editors.
 */
export const helpPolicy = definePolicy({
  /** A published revision is anyone's to read; drafts, revisions in review and old ones are staff's. */
  readRevision: (actor, revision: Pick<HelpRevision, 'state'>) => revision.state === 'published' || isStaff(actor),
  /**
   * An answer's variants are chosen and filled in from the reader's own contracts (not cancelled
   * ones): a customer sees their domain and contract number, nobody sees anyone else's.
   */
  personalizeWith: (actor, contract: { customerId: number; status: ContractStatus }) =>
    actor.kind === 'customer' && actor.customerId === contract.customerId && contract.status !== 'cancelled',
  /** The counts of "helpful" votes are the editors' measure, not something to show readers. */
  readVoteTally: (actor, _entry: { id: number }) => isStaff(actor),
  /** Staff of both roles write entries: new ones, drafts, settings, review requests, restores. */
  editEntry: (actor, _entry: { id: number } | null) => isStaff(actor),
  /** Visitors' questions are read and closed by staff of both roles. */
  handleQuestion: (actor, _question: { id: number } | null) => isStaff(actor),
  /** Publishing puts a text in front of every customer: admins only. */
  publishRevision: (actor, _revision: Pick<HelpRevision, 'entryId'>) => isAdmin(actor),
  /** Categories shape the public help center's navigation: admins only. */
  manageCategories: (actor, _parent: { id: number } | null) => isAdmin(actor),
});

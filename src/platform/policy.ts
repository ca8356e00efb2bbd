import { DomainError } from './errors.ts';

/**
 * Who acts in a request. A feature's policies decide from this and the object alone; routes and
 * services ask the same policy, so a rule is written once (outline's server/policies are the model).
 */
export type Actor =
  | { kind: 'customer'; customerId: number }
  | { kind: 'staff'; staffId: number; role: 'agent' | 'admin' }
  | { kind: 'mail-account'; accountId: number; contractId: number; accountName: string; admin: boolean }
  | { kind: 'api-token'; tokenId: number }
  | { kind: 'anonymous' };

/** The actor as the audit log names it: `customer:12`, `staff:3`, `mail-account:10001.001`, … */
export function auditActor(actor: Actor): string {
  switch (actor.kind) {
    case 'customer':
      return `customer:${actor.customerId}`;
    case 'staff':
      return `staff:${actor.staffId}`;
    case 'mail-account':
      return `mail-account:${actor.accountName}`;
    case 'api-token':
      return `api-token:${actor.tokenId}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** One rule per action: may this actor do it to this subject? Pure, no I/O. */
type Rule = (actor: Actor, subject: never) => boolean;

export interface Policy<Rules extends Record<string, Rule>> {
  readonly rules: Rules;
  can<Action extends keyof Rules & string>(actor: Actor, action: Action, subject: Parameters<Rules[Action]>[1]): boolean;
  /**
   * Throws unless allowed. By default the refusal is a 404, the same answer as a missing object,
   * so that guessing ids tells nothing about what exists; `{ reveal: true }` answers 403 where
   * the subject is the actor's own and its existence no secret.
   */
  authorize<Action extends keyof Rules & string>(actor: Actor, action: Action, subject: Parameters<Rules[Action]>[1], options?: { reveal?: boolean }): void;
}

/** A feature's authorization rules, e.g. `definePolicy({ readTicket: (actor, ticket: Ticket) => … })`. */
export function definePolicy<Rules extends Record<string, Rule>>(rules: Rules): Policy<Rules> {
  const can = (actor: Actor, action: keyof Rules & string, subject: unknown) => rules[action]!(actor, subject as never);
  return {
    rules,
    can,
    authorize(actor, action, subject, options = {}) {
      if (can(actor, action, subject)) return;
      throw options.reveal ? new DomainError('forbidden', 'error.forbidden') : new DomainError('not_found', 'error.notFound');
    },
  };
}

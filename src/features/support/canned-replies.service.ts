import type { Db } from '../../platform/db/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { supportPolicy } from './support.policies.ts';
import { staffIdOf } from './ticket.service.ts';
import * as repo from './ticket.repository.ts';

/** Text blocks staff insert into replies; `{name}` and `{ticket}` are filled in on use. */
export async function addCannedReply(db: Db, request: { actor: Actor; title: string; body: string }, now: Date) {
  supportPolicy.authorize(request.actor, 'manageCannedReplies', 'canned-replies');
  await repo.insertCannedReply(db, { title: request.title, body: request.body, createdBy: staffIdOf(request.actor) }, now);
}

/** The canned reply staff are about to delete, for its confirmation step; unknown ones are not found. */
export async function findCannedReplyToDelete(db: Db, request: { actor: Actor; id: number }) {
  supportPolicy.authorize(request.actor, 'manageCannedReplies', 'canned-replies');
  const reply = await repo.findCannedReply(db, request.id);
  if (!reply) throw new DomainError('not_found', 'error.notFound');
  return reply;
}

export async function removeCannedReply(db: Db, request: { actor: Actor; id: number }) {
  supportPolicy.authorize(request.actor, 'manageCannedReplies', 'canned-replies');
  if (!(await repo.deleteCannedReply(db, request.id))) throw new DomainError('not_found', 'error.notFound');
}

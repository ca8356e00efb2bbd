import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { translator } from '../../platform/views/i18n.ts';
import { readDiagnosisQuestion } from './login-diagnosis.forms.ts';
import { LoginDiagnosisPage, type DiagnosisAudience } from './login-diagnosis.page.tsx';
import { diagnoseMailbox, type MailboxDiagnosis } from './login-diagnosis.service.ts';
import { createMailGuards } from './mail-guards.ts';
import type { MailRouteDeps } from './mail-route-deps.ts';

type AccountRoute = { Params: { number: string; id: string } };
type StaffRoute = { Params: { id: string } };

const idOf = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : 0);

/**
 * "Warum kann ich mich nicht anmelden?" for one mailbox: for whoever manages the contract's mail
 * (from Zugangsdaten and the mailbox page), for the mailbox user (from their own page), and for
 * staff (from the ticket view). Read only: it counts no attempt and changes nothing.
 */
export const loginDiagnosisRoutes: FastifyPluginAsync<MailRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const { liveMailLogin, mailAccess } = createMailGuards(deps);

  async function render(request: FastifyRequest, reply: FastifyReply, target: { accountId: number; contractId?: number }, audienceOf: (found: MailboxDiagnosis) => DiagnosisAudience, back: { href: string; label: string }) {
    const { question, form } = readDiagnosisQuestion(request.query);
    const found = await diagnoseMailbox(db, deps.mailServer, target, question, clock());
    if (!found) throw new DomainError('not_found', 'error.notFound');
    return sendPage(
      reply,
      <LoginDiagnosisPage ctx={viewContext(request, reply)} mailbox={found.mailbox} audience={audienceOf(found)} action={request.url.split('?')[0]!} question={form} diagnosis={found.diagnosis} server={deps.mailServer} back={back} />,
    );
  }

  /** From Zugangsdaten and the mailbox page: the contract's owner, or its `.001` login. */
  app.get<AccountRoute>('/contracts/:number/zugangsdaten/:id/diagnose', async function managerDiagnosis(request, reply) {
    const access = await mailAccess(request, reply, request.params.number);
    if (!access) return reply;
    const { number, id } = request.params;
    const audience = (found: MailboxDiagnosis): DiagnosisAudience => ({
      kind: 'manager',
      mailboxUrl: `/mail-admin/${number}/accounts/${found.account.id}`,
      supportUrl: access.access.via === 'sso' ? `/support/tickets/new?category=email&contract=${number}` : null,
    });
    const back = { href: `/contracts/${number}/zugangsdaten`, label: translator(request.lang)('mail.cred.title', { contract: number }) };
    return render(request, reply, { accountId: idOf(id), contractId: access.contract.id }, audience, back);
  });

  /** From the mailbox user's own page. */
  app.get('/mail-admin/postfach/diagnose', async function mailboxUserDiagnosis(request, reply) {
    const { login } = await liveMailLogin(request);
    if (!login) return reply.redirect('/mail-admin', 303);
    const back = { href: '/mail-admin/postfach', label: translator(request.lang)('mail.self.title') };
    return render(request, reply, { accountId: login.accountId, contractId: login.contractId }, () => ({ kind: 'mailbox-user', passwordUrl: '/mail-admin/postfach' }), back);
  });

  /** For staff, from the ticket view and the customer view. */
  app.get<StaffRoute>('/staff/mail-accounts/:id/diagnose', { preHandler: deps.guards.staff }, async function staffDiagnosis(request, reply) {
    const back = { href: '/staff', label: translator(request.lang)('mail.diag.staffBack') };
    return render(request, reply, { accountId: idOf(request.params.id) }, (found) => ({ kind: 'staff', contractNumber: found.contract.contractNumber }), back);
  });
};

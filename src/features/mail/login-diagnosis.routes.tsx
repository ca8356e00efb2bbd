import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { translator } from '../../platform/views/i18n.ts';
import { diagnoseMailLogin } from './login-diagnosis.ts';
import { readDiagnosisQuestion } from './login-diagnosis.forms.ts';
import { LoginDiagnosisPage, type DiagnosisAudience } from './login-diagnosis.page.tsx';
import { gatherDiagnosisFacts } from './login-diagnosis.service.ts';
import * as mail from './mail-admin.service.ts';
import { findMailAccountById } from './mail-account.repository.ts';
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

  async function render(request: FastifyRequest, reply: FastifyReply, contractId: number, accountId: number, audience: DiagnosisAudience, action: string, back: { href: string; label: string }) {
    const contract = await mail.requireMailContract(db, contractId);
    const overview = await mail.loadMailOverview(db, contract);
    const account = overview.accounts.find((a) => a.id === accountId);
    if (!account) throw new DomainError('not_found', 'error.notFound');
    const { question, form } = readDiagnosisQuestion(request.query);
    const now = clock();
    const facts = await gatherDiagnosisFacts(db, account, deps.mailServer, now);
    const first = account.addresses[0];
    return sendPage(
      reply,
      <LoginDiagnosisPage
        ctx={viewContext(request, reply)}
        mailbox={first ? `${first.localPart}@${first.domainUnicode}` : account.name}
        audience={audience}
        action={action}
        question={form}
        diagnosis={diagnoseMailLogin(facts, question, now)}
        server={deps.mailServer}
        back={back}
      />,
    );
  }

  /** From Zugangsdaten and the mailbox page: the contract's owner, or its `.001` login. */
  app.get<AccountRoute>('/contracts/:number/zugangsdaten/:id/diagnose', async function managerDiagnosis(request, reply) {
    const access = await mailAccess(request, reply, request.params.number);
    if (!access) return reply;
    const { number, id } = request.params;
    const t = translator(request.lang);
    const audience: DiagnosisAudience = {
      kind: 'manager',
      mailboxUrl: `/mail-admin/${number}/accounts/${idOf(id)}`,
      supportUrl: access.access.via === 'sso' ? `/support/tickets/new?category=email&contract=${number}` : null,
    };
    return render(request, reply, access.contractId, idOf(id), audience, `/contracts/${number}/zugangsdaten/${idOf(id)}/diagnose`, {
      href: `/contracts/${number}/zugangsdaten`,
      label: t('mail.cred.title', { contract: number }),
    });
  });

  /** From the mailbox user's own page. */
  app.get('/mail-admin/postfach/diagnose', async function mailboxUserDiagnosis(request, reply) {
    const { login } = await liveMailLogin(request);
    if (!login) return reply.redirect('/mail-admin', 303);
    const t = translator(request.lang);
    return render(request, reply, login.contractId, login.accountId, { kind: 'mailbox-user', passwordUrl: '/mail-admin/postfach' }, '/mail-admin/postfach/diagnose', {
      href: '/mail-admin/postfach',
      label: t('mail.self.title'),
    });
  });

  /** For staff, from the ticket view and the customer view. */
  app.get<StaffRoute>('/staff/mail-accounts/:id/diagnose', { preHandler: deps.guards.staff }, async function staffDiagnosis(request, reply) {
    const account = await findMailAccountById(db, idOf(request.params.id));
    if (!account) throw new DomainError('not_found', 'error.notFound');
    const contract = await mail.requireMailContract(db, account.contractId);
    const t = translator(request.lang);
    return render(request, reply, contract.id, account.id, { kind: 'staff', contractNumber: contract.contractNumber }, `/staff/mail-accounts/${account.id}/diagnose`, {
      href: '/staff',
      label: t('mail.diag.staffBack'),
    });
  });
};

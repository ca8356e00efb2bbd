import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Alert, FormCard, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { FaqSuggestion } from './faq-suggestions.ts';
import type { LinkTargets } from './ticket.service.ts';
import { MAX_BODY, MAX_SUBJECT, TICKET_CATEGORIES } from './ticket.model.ts';
import { AttachmentField, BackToSupport, CATEGORY_LABEL } from './support.parts.tsx';

/** Options for "Betrifft": contracts, their domains and mailboxes, all of this customer. */
function linkOptions(ctx: ViewContext, targets: LinkTargets) {
  const { t } = ctx;
  const options = [{ value: '', label: t('support.linkNone') }];
  for (const c of targets) {
    options.push({ value: `contract:${c.contractNumber}`, label: t('support.linkContract', { number: c.contractNumber, tariff: c.tariffName }) });
    for (const d of c.domains) options.push({ value: `domain:${d.id}`, label: `  ${t('support.linkDomain', { domain: d.nameUnicode })}` });
    for (const a of c.mailAccounts) options.push({ value: `mail:${a.id}`, label: `  ${t('support.linkMail', { name: a.name })}` });
  }
  return options;
}

/** Help articles that may already answer the subject; public/support.js refreshes them while the customer types. */
function FaqBox({ ctx, faq }: { ctx: ViewContext; faq: FaqSuggestion[] }) {
  const { t } = ctx;
  return (
    <section class="faq-suggestions" id="faq-suggestions" aria-live="polite" hidden={faq.length === 0} data-title={t('support.faqHint')}>
      <p class="small muted">{t('support.faqHint')}</p>
      <ul>
        {faq.map((suggestion) => (
          <li>
            <a href={suggestion.href} target="_blank" rel="noopener">
              {suggestion.question}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

const MAX_DIAGNOSIS_LINKS = 6;

/** Before a ticket about a mail program is written: the diagnosis of each of the customer's mailboxes. */
function DiagnosisBox({ ctx, targets }: { ctx: ViewContext; targets: LinkTargets }) {
  const { t } = ctx;
  const mailboxes = targets.flatMap((contract) => contract.mailAccounts.map((account) => ({ contractNumber: contract.contractNumber, account })));
  if (mailboxes.length === 0) return null;
  // Many mailboxes: each contract's Zugangsdaten, where every mailbox has its diagnosis link.
  const links =
    mailboxes.length <= MAX_DIAGNOSIS_LINKS
      ? mailboxes.map(({ contractNumber, account }) => ({ href: `/contracts/${contractNumber}/zugangsdaten/${account.id}/diagnose`, label: t('mail.diag.link'), name: account.name }))
      : targets.filter((contract) => contract.mailAccounts.length > 0).map((contract) => ({ href: `/contracts/${contract.contractNumber}/zugangsdaten`, label: t('mail.cred.title', { contract: contract.contractNumber }), name: null }));
  return (
    <section class="card" aria-labelledby="diagnosis-heading">
      <h2 id="diagnosis-heading">{t('support.diagTitle')}</h2>
      <p>{t('support.diagIntro')}</p>
      <ul class="plain">
        {links.map((link) => (
          <li>
            <a href={link.href}>
              {link.label}
              {link.name && (
                <>
                  {' – '}
                  <code>{link.name}</code>
                </>
              )}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function NewTicketPage(props: { ctx: ViewContext; form: FormState; targets: LinkTargets; faq: FaqSuggestion[]; prefilled: boolean; message?: MessageKey }) {
  const { ctx, form } = props;
  const { t } = ctx;
  const categories = [{ value: '', label: '–' }, ...TICKET_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABEL[c]) }))];
  return (
    <Layout ctx={ctx} title={t('support.newTicket')}>
      <BackToSupport ctx={ctx} />
      <h1>{t('support.newTicket')}</h1>
      {props.prefilled && <p class="flash flash-info">{t('support.prefilled')}</p>}
      <Alert ctx={ctx} message={props.message} />
      <DiagnosisBox ctx={ctx} targets={props.targets} />
      <FormCard ctx={ctx} form={form} action="/support/tickets" submit={t('support.submit')} multipart>
        <SelectField ctx={ctx} form={form} name="category" label="support.category" options={categories} required />
        <SelectField ctx={ctx} form={form} name="link" label="support.link" options={linkOptions(ctx, props.targets)} />
        <TextField ctx={ctx} form={form} name="subject" label="support.subject" required maxLength={MAX_SUBJECT} autocomplete="off" />
        <FaqBox ctx={ctx} faq={props.faq} />
        <TextArea ctx={ctx} form={form} name="body" label="support.body" required rows={8} maxLength={MAX_BODY} />
        <AttachmentField ctx={ctx} form={form} />
      </FormCard>
      <script src="/assets/support.js" defer></script>
    </Layout>
  );
}

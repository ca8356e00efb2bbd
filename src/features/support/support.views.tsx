import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import { showHiddenCharacters } from '../../platform/unicode.ts';
import { Csrf, ErrorSummary, PostButton, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { AuditEvent } from '../audit/index.ts';
import { SecurityEventsTable } from '../audit/ui.ts';
import type { FailedLogins } from '../accounts/index.ts';
import { FailedLoginsList } from '../accounts/ui.ts';
import type { ActionView, AttachmentMeta, MessageView, TicketView } from './ticket.repository.ts';
import type { LinkTargets } from './ticket.service.ts';
import { ALLOWED_EXTENSIONS } from './attachments.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_BODY, MAX_SUBJECT, TICKET_CATEGORIES } from './ticket.model.ts';

export interface FaqSuggestion {
  href: string;
  question: string;
}

const stateBadge = (state: string) => `badge badge-ticket-${state}`;

export function SupportHomePage(p: { ctx: ViewContext; tickets: NonNullable<TicketView>[]; selfService: boolean }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.title')}>
      <h1>{t('support.title')}</h1>
      <p class="lead">{t('support.intro')}</p>
      <p class="actions">
        <a class="button primary" href="/support/tickets/new">
          {t('support.newTicket')}
        </a>
      </p>
      <h2>{t('support.myTickets')}</h2>
      {p.tickets.length === 0 ? (
        <p class="muted">{t('support.noTickets')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table tickets">
            <thead>
              <tr>
                <th scope="col">{t('support.number')}</th>
                <th scope="col">{t('support.subject')}</th>
                <th scope="col">{t('support.category')}</th>
                <th scope="col">{t('support.state')}</th>
                <th scope="col">{t('support.updatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {p.tickets.map((ticket) => (
                <tr>
                  <th scope="row">
                    <a href={`/support/tickets/${ticket.number}`}>{ticket.number}</a>
                  </th>
                  <td>
                    <UserText text={ticket.subject} />
                  </td>
                  <td>{t(`support.category.${ticket.category}` as MessageKey)}</td>
                  <td>
                    <span class={stateBadge(ticket.state)}>{t(`support.state.${ticket.state}` as MessageKey)}</span>
                  </td>
                  <td>
                    <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt, lang)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ul class="plain more-links">
        {p.selfService && (
          <li>
            <a href="/support/admin-password">{t('support.selfLink')}</a>
          </li>
        )}
        <li>
          <a href="/support/security">{t('support.securityLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}

/** Options for "Betrifft": contracts, their domains and mailboxes, all of this customer. */
export function linkOptions(ctx: ViewContext, targets: LinkTargets) {
  const { t } = ctx;
  const options = [{ value: '', label: t('support.linkNone') }];
  for (const c of targets) {
    options.push({ value: `contract:${c.contractNumber}`, label: t('support.linkContract', { number: c.contractNumber, tariff: c.tariffName }) });
    for (const d of c.domains) options.push({ value: `domain:${d.id}`, label: `  ${t('support.linkDomain', { domain: d.nameUnicode })}` });
    for (const a of c.mailAccounts) options.push({ value: `mail:${a.id}`, label: `  ${t('support.linkMail', { name: a.name })}` });
  }
  return options;
}

export function NewTicketPage(p: { ctx: ViewContext; form: FormState; targets: LinkTargets; faq: FaqSuggestion[]; prefilled: boolean; multipart: boolean; message?: MessageKey }) {
  const { t } = p.ctx;
  const categories = [{ value: '', label: '–' }, ...TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`support.category.${c}` as MessageKey) }))];
  return (
    <Layout ctx={p.ctx} title={t('support.newTicket')}>
      <p class="small">
        <a href="/support">← {t('support.title')}</a>
      </p>
      <h1>{t('support.newTicket')}</h1>
      {p.prefilled && <p class="flash flash-info">{t('support.prefilled')}</p>}
      <ErrorSummary ctx={p.ctx} form={p.form} message={p.message} />
      <form method="post" action="/support/tickets" class="card form" enctype={p.multipart ? 'multipart/form-data' : undefined} novalidate>
        <Csrf ctx={p.ctx} />
        <SelectField ctx={p.ctx} form={p.form} name="category" label="support.category" options={categories} required />
        <SelectField ctx={p.ctx} form={p.form} name="link" label="support.link" options={linkOptions(p.ctx, p.targets)} />
        <TextField ctx={p.ctx} form={p.form} name="subject" label="support.subject" required maxLength={MAX_SUBJECT} autocomplete="off" />
        <FaqBox ctx={p.ctx} faq={p.faq} />
        <TextArea ctx={p.ctx} form={p.form} name="body" label="support.body" required rows={8} maxLength={MAX_BODY} />
        {p.multipart && <AttachmentField ctx={p.ctx} form={p.form} />}
        <div class="actions">
          <button type="submit" class="button primary">
            {t('support.submit')}
          </button>
        </div>
      </form>
      <script src="/assets/support.js" defer></script>
    </Layout>
  );
}

function FaqBox(p: { ctx: ViewContext; faq: FaqSuggestion[] }) {
  const { t } = p.ctx;
  return (
    <section class="faq-suggestions" id="faq-suggestions" aria-live="polite" hidden={p.faq.length === 0} data-title={t('support.faqHint')}>
      <p class="small muted">{t('support.faqHint')}</p>
      <ul>
        {p.faq.map((f) => (
          <li>
            <a href={f.href} target="_blank" rel="noopener">
              {f.question}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AttachmentField(p: { ctx: ViewContext; form: FormState }) {
  const { t } = p.ctx;
  const error = p.form.errors.attachments;
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for="f-attachments">{t('support.attachments')}</label>
      <p class="hint" id="f-attachments-hint">
        {t('support.attachmentsHint', { max: MAX_ATTACHMENTS, size: MAX_ATTACHMENT_BYTES / 1024 / 1024, types: ALLOWED_EXTENSIONS.join(', ') })}
      </p>
      {error && (
        <p class="field-error" id="f-attachments-error">
          {t(error.key, error.params)}
        </p>
      )}
      <input
        id="f-attachments"
        name="attachments"
        type="file"
        multiple
        accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')}
        aria-describedby={error ? 'f-attachments-hint f-attachments-error' : 'f-attachments-hint'}
      />
    </div>
  );
}

export function LinkedObject(p: { ctx: ViewContext; ticket: NonNullable<TicketView> }) {
  const { t } = p.ctx;
  const { ticket } = p;
  if (ticket.mailAccountName) return <>{t('support.linkMail', { name: ticket.mailAccountName })}</>;
  if (ticket.domainName) return <>{t('support.linkDomain', { domain: ticket.domainName !== ticket.domainAscii ? `${ticket.domainName} (${ticket.domainAscii})` : ticket.domainName })}</>;
  if (ticket.contractNumber) return <>{t('support.linkContract', { number: ticket.contractNumber, tariff: '' }).replace(' ()', '')}</>;
  return <>–</>;
}

export function Conversation(p: { ctx: ViewContext; messages: MessageView[]; attachments: AttachmentMeta[]; attachmentBase: string; viewer: 'customer' | 'staff' }) {
  const { t, lang } = p.ctx;
  return (
    <ol class="conversation">
      {p.messages.map((m) => {
        const files = p.attachments.filter((a) => a.messageId === m.id);
        const author =
          m.authorKind === 'customer'
            ? p.viewer === 'customer'
              ? t('support.you')
              : t('support.staff.customer')
            : m.authorKind === 'staff'
              ? m.staffName
                ? t('support.staffAuthor', { name: m.staffName })
                : t('support.staffAuthorAnon')
              : t('support.systemAuthor');
        return (
          <li class={`message message-${m.authorKind}${m.internal ? ' message-internal' : ''}`} id={`m-${m.id}`}>
            <p class="message-meta">
              <strong>{author}</strong> · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time> · {t(`support.channel.${m.channel}` as MessageKey)}
              {m.authenticated === 1 && (
                <>
                  {' '}
                  <span class="badge badge-active" title={t('support.authenticatedHint')}>
                    {t('support.authenticatedMark')}
                  </span>
                </>
              )}
              {m.internal === 1 && (
                <>
                  {' '}
                  <span class="badge badge-internal">{t('support.staff.internal')}</span>
                </>
              )}
            </p>
            <div class="message-body">
              <UserText text={m.body} />
            </div>
            {files.length > 0 && (
              <ul class="attachments">
                {files.map((f) => (
                  <li>
                    <a href={`${p.attachmentBase}/${f.id}`} download={showHiddenCharacters(f.filename)}>
                      <UserText text={f.filename} />
                    </a>{' '}
                    <span class="muted small">({t('support.bytes', { size: Math.max(1, Math.round(f.size / 1024)) })})</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function CustomerTicketPage(p: {
  ctx: ViewContext;
  ticket: NonNullable<TicketView>;
  messages: MessageView[];
  attachments: AttachmentMeta[];
  actions: ActionView[];
  form: FormState;
  multipart: boolean;
  now: Date;
}) {
  const { t, lang } = p.ctx;
  const { ticket } = p;
  const base = `/support/tickets/${ticket.number}`;
  return (
    <Layout ctx={p.ctx} title={t('support.ticketTitle', { number: ticket.number })}>
      <p class="small">
        <a href="/support">← {t('support.title')}</a>
      </p>
      <h1>
        <UserText text={ticket.subject} />
      </h1>
      <dl class="facts card">
        <div>
          <dt>{t('support.number')}</dt>
          <dd>{ticket.number}</dd>
        </div>
        <div>
          <dt>{t('support.state')}</dt>
          <dd>
            <span class={stateBadge(ticket.state)}>{t(`support.state.${ticket.state}` as MessageKey)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('support.category')}</dt>
          <dd>{t(`support.category.${ticket.category}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t('support.linkedTo')}</dt>
          <dd>
            <LinkedObject ctx={p.ctx} ticket={ticket} />
          </dd>
        </div>
        <div>
          <dt>{t('support.createdAt')}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt, lang)}</time>
          </dd>
        </div>
      </dl>

      {p.actions.map((a) => (
        <section class={a.revealable && a.expiresAt > p.now.toISOString() ? 'card secret' : 'card'} aria-labelledby={`action-${a.id}`}>
          <h2 id={`action-${a.id}`}>{t('support.actionTitle')}</h2>
          {a.revealedAt ? (
            <p>{t('support.actionRevealedAt', { account: a.mailAccount, date: formatDateTime(a.revealedAt, lang) })}</p>
          ) : a.revealable && a.expiresAt > p.now.toISOString() ? (
            <>
              <p>{t('support.actionReady', { account: a.mailAccount })}</p>
              <PostButton ctx={p.ctx} action={`${base}/actions/${a.id}/reveal`} class="button primary">
                {t('support.actionReveal')}
              </PostButton>
            </>
          ) : (
            <p>{t('support.actionGone', { account: a.mailAccount })}</p>
          )}
        </section>
      ))}

      <h2>{t('support.conversation')}</h2>
      <Conversation ctx={p.ctx} messages={p.messages} attachments={p.attachments} attachmentBase={`${base}/attachments`} viewer="customer" />

      {ticket.state === 'closed' ? (
        <>
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <p class="flash flash-info">
          {t('support.closedHint')}{' '}
          <a href={`/support/tickets/new?subject=${encodeURIComponent(ticket.subject)}`}>{t('support.newTicket')}</a>
        </p>
        </>
      ) : (
        <>
          <h2 id="reply">{t('support.reply')}</h2>
          <ErrorSummary ctx={p.ctx} form={p.form} />
          <form method="post" action={`${base}/reply`} class="card form" enctype={p.multipart ? 'multipart/form-data' : undefined} novalidate>
            <Csrf ctx={p.ctx} />
            <TextArea ctx={p.ctx} form={p.form} name="body" label="support.replyLabel" required rows={6} maxLength={MAX_BODY} />
            {p.multipart && <AttachmentField ctx={p.ctx} form={p.form} />}
            <div class="actions">
              <button type="submit" class="button primary">
                {t('support.replySubmit')}
              </button>
            </div>
          </form>
          <PostButton ctx={p.ctx} action={`${base}/close`} class="button">
            {t('support.close')}
          </PostButton>
        </>
      )}
    </Layout>
  );
}

export function RevealPage(p: { ctx: ViewContext; ticketNumber: string; mailAccount: string; password: string; titleKey?: MessageKey; back: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t(p.titleKey ?? 'support.revealTitle')}>
      <h1>{t(p.titleKey ?? 'support.revealTitle')}</h1>
      <section class="secret card" aria-labelledby="secret-heading">
        <h2 id="secret-heading">{t('support.revealIntro')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('support.revealAccount')}</dt>
            <dd>
              <code>{p.mailAccount}</code>
            </dd>
          </div>
          <div>
            <dt>{t('support.revealPassword')}</dt>
            <dd>
              <code class="secret-value">{p.password}</code>
            </dd>
          </div>
        </dl>
        <p>{t('support.revealHint', { account: p.mailAccount })}</p>
      </section>
      <p>
        <a class="button" href={p.back}>
          {t('support.revealBack')}
        </a>
      </p>
    </Layout>
  );
}

export function SelfServicePage(p: { ctx: ViewContext; form: FormState; contracts: { contractNumber: string; tariffName: string }[]; enabled: boolean; message?: MessageKey }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.selfTitle')} narrow>
      <p class="small">
        <a href="/support">← {t('support.title')}</a>
      </p>
      <h1>{t('support.selfTitle')}</h1>
      {!p.enabled ? (
        <p class="flash flash-info">
          {t('support.selfOff')} <a href="/support/tickets/new?category=admin_password">{t('support.newTicket')}</a>
        </p>
      ) : p.contracts.length === 0 ? (
        <p class="flash flash-info">{t('support.selfNone')}</p>
      ) : (
        <>
          <p>{t('support.selfIntro')}</p>
          <ErrorSummary ctx={p.ctx} form={p.form} message={p.message} />
          <form method="post" action="/support/admin-password" class="card form" novalidate>
            <Csrf ctx={p.ctx} />
            <SelectField
              ctx={p.ctx}
              form={p.form}
              name="contract"
              label="support.selfContract"
              options={p.contracts.map((c) => ({ value: c.contractNumber, label: t('support.linkContract', { number: c.contractNumber, tariff: c.tariffName }) }))}
              required
            />
            <TextField ctx={p.ctx} form={p.form} name="password" label="support.selfPassword" type="password" autocomplete="current-password" required />
            <div class="actions">
              <button type="submit" class="button primary">
                {t('support.selfSubmit')}
              </button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

export function SecurityPage(p: { ctx: ViewContext; events: AuditEvent[]; failedLogins: FailedLogins }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('support.securityTitle')}>
      <p class="small">
        <a href="/support">← {t('support.title')}</a>
      </p>
      <h1>{t('support.securityTitle')}</h1>
      <p class="lead">{t('support.securityIntro')}</p>
      <section class="card" id="anmeldeversuche">
        <h2>{t('limits.failed.title')}</h2>
        <p class="small muted">{t('limits.failed.intro')}</p>
        <FailedLoginsList ctx={p.ctx} lines={p.failedLogins} />
      </section>
      <SecurityEventsTable ctx={p.ctx} events={p.events} />
    </Layout>
  );
}

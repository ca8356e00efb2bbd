import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { ErrorSummary, FormCard, PostButton, TextArea } from '../../platform/views/form.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { UserText } from '../../platform/views/user-text.tsx';
import type { ActionView, AttachmentMeta, MessageView } from './ticket.repository.ts';
import { MAX_BODY } from './ticket.model.ts';
import { AttachmentField, BackToSupport, CATEGORY_LABEL, Conversation, LinkedObject, StateBadge, type Ticket } from './support.parts.tsx';

/** A password staff set for the customer: ready to reveal once, revealed, or gone. */
function ActionCard({ ctx, action, base, now }: { ctx: ViewContext; action: ActionView; base: string; now: Date }) {
  const { t, lang } = ctx;
  const ready = Boolean(action.revealable) && action.expiresAt > now.toISOString();
  return (
    <section class={ready ? 'card secret' : 'card'} aria-labelledby={`action-${action.id}`}>
      <h2 id={`action-${action.id}`}>{t('support.actionTitle')}</h2>
      {action.revealedAt ? (
        <p>{t('support.actionRevealedAt', { account: action.mailAccount, date: formatDateTime(action.revealedAt, lang) })}</p>
      ) : ready ? (
        <>
          <p>{t('support.actionReady', { account: action.mailAccount })}</p>
          <PostButton ctx={ctx} action={`${base}/actions/${action.id}/reveal`} class="button primary">
            {t('support.actionReveal')}
          </PostButton>
        </>
      ) : (
        <p>{t('support.actionGone', { account: action.mailAccount })}</p>
      )}
    </section>
  );
}

/** A ticket as its customer sees it: facts, staff actions, the conversation without internal notes, and the reply form. */
export function TicketPage(props: { ctx: ViewContext; ticket: Ticket; messages: MessageView[]; attachments: AttachmentMeta[]; actions: ActionView[]; form: FormState; now: Date }) {
  const { ctx, ticket, form } = props;
  const { t, lang } = ctx;
  const base = `/support/tickets/${ticket.number}`;
  return (
    <Layout ctx={ctx} title={t('support.ticketTitle', { number: ticket.number })}>
      <BackToSupport ctx={ctx} />
      <h1>
        <UserText text={ticket.subject} />
      </h1>
      <Facts
        class="card"
        items={[
          { label: t('support.number'), value: ticket.number },
          { label: t('support.state'), value: <StateBadge ctx={ctx} state={ticket.state} /> },
          { label: t('support.category'), value: t(CATEGORY_LABEL[ticket.category]) },
          { label: t('support.linkedTo'), value: <LinkedObject ctx={ctx} ticket={ticket} /> },
          { label: t('support.createdAt'), value: <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt, lang)}</time> },
        ]}
      />

      {props.actions.map((action) => (
        <ActionCard ctx={ctx} action={action} base={base} now={props.now} />
      ))}

      <h2>{t('support.conversation')}</h2>
      <Conversation ctx={ctx} messages={props.messages} attachments={props.attachments} attachmentBase={`${base}/attachments`} viewer="customer" />

      {ticket.state === 'closed' ? (
        <>
          <ErrorSummary ctx={ctx} form={form} />
          <p class="flash flash-info">
            {t('support.closedHint')} <a href={`/support/tickets/new?subject=${encodeURIComponent(ticket.subject)}`}>{t('support.newTicket')}</a>
          </p>
        </>
      ) : (
        <>
          <h2 id="reply">{t('support.reply')}</h2>
          <FormCard ctx={ctx} form={form} action={`${base}/reply`} submit={t('support.replySubmit')} multipart>
            <TextArea ctx={ctx} form={form} name="body" label="support.replyLabel" required rows={6} maxLength={MAX_BODY} />
            <AttachmentField ctx={ctx} form={form} />
          </FormCard>
          <PostButton ctx={ctx} action={`${base}/close`} class="button">
            {t('support.close')}
          </PostButton>
        </>
      )}
    </Layout>
  );
}

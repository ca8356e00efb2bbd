import type { ViewContext } from '../../platform/views/context.ts';
import { Alert } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { DeliveryRulesView, RulesMailbox } from '../mail/index.ts';
import { AutoReplyEditor, type RulesEditorState } from '../mail/ui.ts';
import { StaffSubnav, type Ticket } from './support.parts.tsx';

/** The staff action "Abwesenheitsnotiz setzen": the ticket's mailboxes, and the editor for the chosen one. */
export function AutoReplyActionPage(props: {
  ctx: ViewContext;
  ticket: Ticket;
  refusal: MessageKey | null;
  mailboxes: RulesMailbox[];
  chosen: { mailbox: RulesMailbox; rules: DeliveryRulesView; state: RulesEditorState } | null;
}) {
  const { ctx, ticket, chosen } = props;
  const { t } = ctx;
  const base = `/staff/tickets/${ticket.id}`;
  return (
    <Layout ctx={ctx} title={t('support.autoReply.title')}>
      <StaffSubnav ctx={ctx} />
      <p>
        <a href={base}>{t('support.autoReply.back')}</a>
      </p>
      <h1>{t('support.autoReply.title')}</h1>
      <p class="lead">{t('support.autoReply.ticket', { number: ticket.number, contract: ticket.contractNumber ?? '–' })}</p>
      <p class="small muted">{t('support.autoReply.explain')}</p>
      <Alert ctx={ctx} message={props.refusal} />
      {props.mailboxes.length > 0 && (
        <nav class="card" aria-label={t('support.autoReply.mailbox')}>
          <p>{t('support.autoReply.choose')}</p>
          <ul class="plain">
            {props.mailboxes.map((mailbox) => (
              <li>
                <a href={`${base}/auto-reply?postfach=${mailbox.id}`} aria-current={chosen?.mailbox.id === mailbox.id ? 'page' : undefined}>
                  {mailbox.addresses[0]?.label ?? mailbox.name}
                </a>{' '}
                <span class="muted small">({mailbox.name})</span>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {chosen && (
        <AutoReplyEditor
          ctx={ctx}
          rules={chosen.rules}
          state={chosen.state}
          addresses={chosen.mailbox.addresses.map((address) => ({ value: address.address, label: address.label }))}
          action={`${base}/actions/auto-reply`}
          pageUrl={`${base}/auto-reply?postfach=${chosen.mailbox.id}`}
          submit={t('support.autoReply.save')}
          hidden={{ accountId: String(chosen.mailbox.id) }}
        />
      )}
    </Layout>
  );
}

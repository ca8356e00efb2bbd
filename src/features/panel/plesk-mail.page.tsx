import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { FormCard, SelectField, TextField } from '../../platform/views/form.tsx';
import { ServerTable } from '../mail/ui.ts';
import type { MailEndpoint } from '../mail/index.ts';
import { displayName, formatMenuPath, mailSettingsPath, type PanelError, type PanelMailbox } from '../../integrations/plesk/index.ts';
import type { PanelContract } from './panel.service.ts';
import { CustomerFailure, TicketButton, ticketLink } from './panel.parts.tsx';

export interface MailEndpoints {
  imap: MailEndpoint;
  pop3: MailEndpoint;
  smtp: MailEndpoint;
}

function Mailboxes({ ctx, mailboxes }: { ctx: ViewContext; mailboxes: PanelMailbox[] }) {
  const { t } = ctx;
  const columns: Column<PanelMailbox>[] = [
    { label: t('credentials.userName'), rowHeader: true, cell: (mailbox) => <code>{mailbox.address}</code> },
    { label: t('credentials.quota'), cell: (mailbox) => (mailbox.quotaBytes === null ? t('plesk.mail.unlimited') : `${Math.round(mailbox.quotaBytes / 1024 / 1024)} MB`) },
    { label: t('domains.status'), cell: (mailbox) => (mailbox.enabled ? t('plesk.mail.enabled') : <span class="badge badge-suspended">{t('credentials.inactive')}</span>) },
  ];
  return (
    <div id="plesk-mailboxes">
      <DataTable columns={columns} rows={mailboxes} empty={t('plesk.mail.none')} />
    </div>
  );
}

/** The mailboxes of a Plesk subscription, the servers to set them up with, and their passwords. */
export function PleskMailPage(props: { ctx: ViewContext; subscription: PanelContract; mailboxes: PanelMailbox[] | null; error: PanelError | null; endpoints: MailEndpoints; form: FormState }) {
  const { ctx, subscription, mailboxes, form } = props;
  const { t, lang } = ctx;
  const number = subscription.contract.contractNumber;
  const canSet = !!subscription.server?.mailPasswordEnabled;
  const path = formatMenuPath(mailSettingsPath(subscription.version, lang));
  return (
    <Layout ctx={ctx} title={t('plesk.mail.title', { contract: number })}>
      <h1>{t('plesk.mail.title', { contract: number })}</h1>
      <p class="lead">{t('plesk.mail.intro', { version: displayName(subscription.version) })}</p>
      <section class="card">
        <h2>{t('credentials.server')}</h2>
        <ServerTable ctx={ctx} server={props.endpoints} />
        <p class="muted">{t('plesk.mail.userNameHint')}</p>
      </section>
      <section class="card" id="postfaecher">
        <h2>{t('plesk.mail.mailboxes')}</h2>
        {props.error ? (
          <>
            <CustomerFailure ctx={ctx} error={props.error} />
            <p>
              <TicketButton ctx={ctx} href={ticketLink(t('plesk.ticket.mailSubject', { contract: number }), 'email', number)} />
            </p>
          </>
        ) : (
          <Mailboxes ctx={ctx} mailboxes={mailboxes ?? []} />
        )}
      </section>
      <section class="card" id="passwort">
        <h2>{t('plesk.mail.passwordTitle')}</h2>
        {canSet && mailboxes && mailboxes.length > 0 ? (
          <FormCard ctx={ctx} form={form} action={`/contracts/${number}/plesk-mail/password`} submit={t('plesk.mail.setPassword')} plain>
            <SelectField ctx={ctx} form={form} name="address" label="plesk.mail.address" required options={mailboxes.map((mailbox) => ({ value: mailbox.address, label: mailbox.address }))} />
            <TextField ctx={ctx} form={form} name="password" type="password" label="reset.password" autocomplete="new-password" hint="password.hint" required maxLength={256} />
            <TextField ctx={ctx} form={form} name="passwordRepeat" type="password" label="reset.passwordRepeat" autocomplete="new-password" required maxLength={256} />
          </FormCard>
        ) : (
          <p>{t('plesk.mail.inPanel')}</p>
        )}
        <p class="muted" id="plesk-menu-path">
          {t('plesk.mail.menuPath', { version: displayName(subscription.version), path })}
        </p>
      </section>
      <p>
        <a href="/domains">{t('common.back')}</a>
      </p>
    </Layout>
  );
}

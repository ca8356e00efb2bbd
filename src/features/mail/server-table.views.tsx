import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { MailEndpoint, MailServerSettings } from './mail.config.ts';

type Service = 'imap' | 'pop3' | 'smtp';
const SERVICE_LABELS: Record<Service, MessageKey> = { imap: 'mail.cred.imap', pop3: 'mail.cred.pop3', smtp: 'mail.cred.smtp' };
const SECURITY_LABELS: Record<MailEndpoint['security'], MessageKey> = { tls: 'mail.cred.tls', starttls: 'mail.cred.starttls' };

/** IMAP, POP3 and SMTP: host, port and encryption, as a mail client asks for them. */
export function ServerTable({ ctx, server }: { ctx: ViewContext; server: MailServerSettings }) {
  const { t } = ctx;
  const services: { service: Service; endpoint: MailEndpoint }[] = (['imap', 'pop3', 'smtp'] as const).map((service) => ({ service, endpoint: server[service] }));
  const columns: Column<(typeof services)[number]>[] = [
    { label: t('mail.cred.service'), rowHeader: true, cell: (row) => t(SERVICE_LABELS[row.service]) },
    { label: t('mail.cred.host'), cell: (row) => <code>{row.endpoint.host}</code> },
    { label: t('mail.cred.port'), cell: (row) => row.endpoint.port },
    { label: t('mail.cred.encryption'), cell: (row) => t(SECURITY_LABELS[row.endpoint.security]) },
  ];
  return <DataTable columns={columns} rows={services} />;
}

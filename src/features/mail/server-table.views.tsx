import type { ViewContext } from '../../platform/views/context.ts';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { MailEndpoint, MailServerSettings } from './mail.config.ts';

export function ServerTable({ ctx, server }: { ctx: ViewContext; server: MailServerSettings }) {
  const { t } = ctx;
  const rows: [MessageKey, MailEndpoint][] = [
    ['mail.cred.imap', server.imap],
    ['mail.cred.pop3', server.pop3],
    ['mail.cred.smtp', server.smtp],
  ];
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('mail.cred.service')}</th>
            <th scope="col">{t('mail.cred.host')}</th>
            <th scope="col">{t('mail.cred.port')}</th>
            <th scope="col">{t('mail.cred.encryption')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, e]) => (
            <tr>
              <th scope="row">{t(label)}</th>
              <td>
                <code>{e.host}</code>
              </td>
              <td>{e.port}</td>
              <td>{t(e.security === 'tls' ? 'mail.cred.tls' : 'mail.cred.starttls')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

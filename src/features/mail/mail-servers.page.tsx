import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { PostButton } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { DovecotBacklogLine } from './dovecot-sync.service.ts';

/** What the last failed delivery says, in words; the technical detail follows in code type. */
function errorKind(error: string): MessageKey {
  if (error.startsWith('not reachable')) return 'mail.servers.error.unreachable';
  if (error.startsWith('HTTP 401')) return 'mail.servers.error.key';
  return 'mail.servers.error.other';
}

export interface MailServerState {
  server: string;
  backlog: DovecotBacklogLine | null;
}

/**
 * "Mailserver" for admins: every Dovecot of DOVEADM_URLS and what it still has to hear — accounts
 * whose changed credentials (auth cache flush, sessions ended) are not confirmed yet, since when
 * and why. Nothing is lost while a server is down; the queue retries on its own.
 */
export function MailServersPage({ ctx, servers, unconfigured }: { ctx: ViewContext; servers: MailServerState[]; unconfigured: boolean }) {
  const { t, lang } = ctx;
  const columns: Column<MailServerState>[] = [
    { label: t('mail.servers.server'), rowHeader: true, cell: (state) => <code>{state.server}</code> },
    {
      label: t('mail.servers.state'),
      cell: ({ backlog }) =>
        backlog === null ? (
          <span class="badge badge-active">{t('mail.servers.upToDate')}</span>
        ) : (
          <>
            <span class="badge badge-suspended">{t('mail.servers.waiting', { count: backlog.tasks })}</span>
            <small class="block muted">{t('mail.servers.since', { at: formatDateTime(backlog.oldestAt, lang), attempts: backlog.attempts })}</small>
            {backlog.lastError && (
              <small class="block">
                {t('mail.servers.lastError', { error: t(errorKind(backlog.lastError)) })} <code>{backlog.lastError}</code>
              </small>
            )}
          </>
        ),
    },
  ];
  const waiting = servers.some((state) => state.backlog !== null);
  return (
    <Layout ctx={ctx} title={t('mail.servers.title')}>
      <h1>{t('mail.servers.title')}</h1>
      <p class="lead">{t('mail.servers.intro')}</p>
      {unconfigured ? (
        <p class="flash flash-info">{t('mail.servers.unconfigured')}</p>
      ) : (
        <section class="card">
          <DataTable columns={columns} rows={servers} caption={t('mail.servers.title')} />
          {waiting && (
            <PostButton ctx={ctx} action="/staff/mail-servers/retry">
              {t('mail.servers.retry')}
            </PostButton>
          )}
        </section>
      )}
    </Layout>
  );
}

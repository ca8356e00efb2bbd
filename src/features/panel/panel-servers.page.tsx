import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { displayName } from '../../integrations/plesk/index.ts';
import type { PanelServer } from '../contracts/index.ts';

/** The Plesk servers, for admins: version as configured and as detected, and how Hostdesk reaches each. */
export function PanelServersPage({ ctx, servers }: { ctx: ViewContext; servers: PanelServer[] }) {
  const { t, lang } = ctx;
  const columns: Column<PanelServer>[] = [
    {
      label: t('plesk.admin.name'),
      rowHeader: true,
      cell: (server) => (
        <>
          <a href={`/staff/panel-servers/${server.id}`}>{server.name}</a> {server.simulator ? <span class="badge">{t('plesk.admin.simulator')}</span> : null}
        </>
      ),
    },
    { label: 'URL', cell: (server) => <code>{server.url}</code> },
    { label: t('plesk.admin.version'), cell: (server) => server.version ?? '–' },
    {
      label: t('plesk.admin.detected'),
      cell: (server) =>
        server.detectedVersion ? (
          <>
            {displayName(server.detectedVersion)}{' '}
            <small class="muted block">{t('plesk.admin.protocolAt', { protocol: server.protocol ?? '', at: server.detectedAt ? formatDateTime(server.detectedAt, lang) : '' })}</small>
          </>
        ) : (
          t('plesk.admin.notDetected')
        ),
    },
    {
      label: t('plesk.admin.access'),
      cell: (server) => (
        <>
          {t(server.authKind === 'password' ? 'plesk.admin.authPassword' : 'plesk.admin.authKey')}
          {server.secretEnc ? '' : ` – ${t('plesk.admin.noSecret')}`}
          {server.caPem ? ` · ${t('plesk.admin.caPinned')}` : ''}
          {server.mailPasswordEnabled ? ` · ${t('plesk.admin.mailPasswords')}` : ''}
        </>
      ),
    },
  ];
  return (
    <Layout ctx={ctx} title={t('plesk.admin.title')}>
      <h1>{t('plesk.admin.title')}</h1>
      <p class="lead">{t('plesk.admin.intro')}</p>
      <p>
        <a class="button primary" href="/staff/panel-servers/new">
          {t('plesk.admin.new')}
        </a>
      </p>
      <div id="panel-servers">
        <DataTable columns={columns} rows={servers} />
      </div>
    </Layout>
  );
}

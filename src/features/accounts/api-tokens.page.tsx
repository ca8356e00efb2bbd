import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { FormCard, PostButton, TextField } from '../../platform/views/form.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { Secret } from '../../platform/views/secret.tsx';

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdByLogin: string | null;
}

/** The API tokens of the shop and billing systems; a new token is shown once (`created`). */
export function ApiTokensPage({ ctx, tokens, form, created }: { ctx: ViewContext; tokens: TokenRow[]; form: FormState; created?: { name: string; token: string } | undefined }) {
  const { t, lang } = ctx;
  const columns: Column<TokenRow>[] = [
    { label: t('staff.tokenName'), rowHeader: true, cell: (token) => token.name },
    { label: t('staff.tokenPrefix'), cell: (token) => <code>{token.prefix}…</code> },
    {
      label: t('common.createdAt'),
      cell: (token) => (
        <>
          {formatDateTime(token.createdAt, lang)} {token.createdByLogin && <small class="muted">({token.createdByLogin})</small>}
        </>
      ),
    },
    { label: t('staff.tokenLastUsed'), cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt, lang) : '—') },
    { label: t('staff.tokenStatus'), cell: (token) => (token.revokedAt ? t('staff.tokenRevokedState') : t('staff.tokenActive')) },
    {
      label: t('domains.actions'),
      actions: true,
      cell: (token) =>
        !token.revokedAt && (
          <PostButton ctx={ctx} action={`/staff/api-tokens/${token.id}/revoke`} class="button danger" label={`${t('staff.tokenRevoke')}: ${token.name}`}>
            {t('staff.tokenRevoke')}
          </PostButton>
        ),
    },
  ];
  return (
    <Layout ctx={ctx} title={t('staff.tokensTitle')}>
      <h1>{t('staff.tokensTitle')}</h1>
      <p class="lead">{t('staff.tokensIntro')}</p>
      {created && (
        <div class="secret card" role="status">
          <p>
            <strong>{t('staff.tokenCreated')}</strong> {created.name}
          </p>
          <p>
            <Secret ctx={ctx} id="secret-api-token" value={created.token} />
          </p>
        </div>
      )}
      <FormCard ctx={ctx} form={form} action="/staff/api-tokens" submit={t('staff.tokenCreate')}>
        <TextField ctx={ctx} form={form} name="name" label="staff.tokenName" required maxLength={100} />
      </FormCard>
      <DataTable columns={columns} rows={tokens} empty={t('staff.tokenNone')} />
    </Layout>
  );
}

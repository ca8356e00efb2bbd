import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ConfirmActionForm } from '../../platform/views/form.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { TextNaming } from '../../platform/views/user-text.tsx';

/** Revoking an API token, asked first: which token, when it was last used, and that its systems are refused from now on. */
export function ApiTokenRevokePage({ ctx, token, form }: { ctx: ViewContext; token: { id: number; name: string; prefix: string; lastUsedAt: string | null }; form: FormState }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('staff.tokenRevokeTitle', { name: token.name })}>
      <h1>
        <TextNaming template={t('staff.tokenRevokeTitle')} text={token.name} />
      </h1>
      <ConfirmActionForm
        ctx={ctx}
        form={form}
        action={`/staff/api-tokens/${token.id}/revoke`}
        cancelHref="/staff/api-tokens"
        title={t('staff.tokenRevokeWhat')}
        consequences={[<TextNaming template={t('staff.tokenRevokeRefused', { prefix: token.prefix })} text={token.name} />, t('staff.tokenRevokeNew'), t('staff.tokenRevokeFinal')]}
        notice={<p class="muted">{token.lastUsedAt ? t('staff.tokenRevokeLastUsed', { when: formatDateTime(token.lastUsedAt, lang) }) : t('staff.tokenRevokeNeverUsed')}</p>}
        submit={t('staff.tokenRevokeSubmit')}
      />
    </Layout>
  );
}

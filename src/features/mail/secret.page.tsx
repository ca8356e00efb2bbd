import type { ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { MailAccess } from './mail-admin.parts.tsx';
import { Secret } from '../../platform/views/secret.tsx';

/** A password changed: a generated one shown exactly once, a typed one only confirmed. */
export function SecretPage(props: { ctx: ViewContext; access: MailAccess | null; title: string; accountName: string; password: string | null; isAdmin: boolean; back: string }) {
  const { ctx, password } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={props.title} narrow hideNav={props.access?.via !== 'sso'}>
      <h1>{props.title}</h1>
      {password ? (
        <div class="card secret">
          <p>{t('mail.secret.once')}</p>
          <Facts
            items={[
              { label: t('mail.account.name'), value: <code>{props.accountName}</code> },
              { label: t('mail.password.new'), value: <Secret ctx={ctx} id="secret-mail-password" value={password} /> },
            ]}
          />
        </div>
      ) : (
        <p class="flash flash-success" role="status">
          {t('mail.password.changed', { account: props.accountName })}
        </p>
      )}
      {props.isAdmin && <p class="flash flash-info">{t('mail.password.adminChanged')}</p>}
      <p>
        <a class="button primary" href={props.back}>
          {t('mail.secret.continue')}
        </a>
      </p>
    </Layout>
  );
}

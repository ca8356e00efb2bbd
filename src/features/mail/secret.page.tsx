import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { MailAccess } from './mail-admin.parts.tsx';
import { Secret, SecretCard } from '../../platform/views/secret.tsx';

/** The frame of a mail page that shows a secret once or confirms a change: title, content, the way on. */
export function MailSecretLayout(props: { ctx: ViewContext; access: MailAccess | null; title: string; back: string; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.title} narrow hideNav={props.access?.via !== 'sso'}>
      <h1>{props.title}</h1>
      {props.children}
      <p>
        <a class="button primary" href={props.back}>
          {ctx.t('mail.secret.continue')}
        </a>
      </p>
    </Layout>
  );
}

/** A password changed: a generated one shown exactly once, a typed one only confirmed. */
export function SecretPage(props: { ctx: ViewContext; access: MailAccess | null; title: string; accountName: string; password: string | null; isAdmin: boolean; back: string }) {
  const { ctx, password } = props;
  const { t } = ctx;
  return (
    <MailSecretLayout ctx={ctx} access={props.access} title={props.title} back={props.back}>
      {password ? (
        <SecretCard
          intro={t('mail.secret.once')}
          items={[
            { label: t('mail.account.name'), value: <code>{props.accountName}</code> },
            { label: t('mail.password.new'), value: <Secret ctx={ctx} id="secret-mail-password" value={password} /> },
          ]}
        />
      ) : (
        <p class="flash flash-success" role="status">
          {t('mail.password.changed', { account: props.accountName })}
        </p>
      )}
      {props.isAdmin && <p class="flash flash-info">{t('mail.password.adminChanged')}</p>}
    </MailSecretLayout>
  );
}

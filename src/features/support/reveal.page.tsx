import type { ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { Secret } from '../../platform/views/secret.tsx';

/** The one time a new administration password is shown: after a staff action, or the customer's own reset. */
export function RevealPage(props: { ctx: ViewContext; mailAccount: string; password: string; titleKey?: MessageKey; back: string; backLabel?: MessageKey }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t(props.titleKey ?? 'support.revealTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <section class="secret card" aria-labelledby="secret-heading">
        <h2 id="secret-heading">{t('support.revealIntro')}</h2>
        <Facts
          items={[
            { label: t('support.revealAccount'), value: <code>{props.mailAccount}</code> },
            { label: t('support.revealPassword'), value: <Secret ctx={ctx} id="secret-mail-password" value={props.password} /> },
          ]}
        />
        <p>{t('support.revealHint', { account: props.mailAccount })}</p>
      </section>
      <p>
        <a class="button" href={props.back}>
          {t(props.backLabel ?? 'support.revealBack')}
        </a>
      </p>
    </Layout>
  );
}

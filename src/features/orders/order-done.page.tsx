import type { ViewContext } from '../../platform/views/context.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { DomainName } from '../contracts/index.ts';
import { DomainLabel } from '../contracts/ui.ts';
import type { FirstOrderResult } from './order.service.ts';
import { Secret } from '../../platform/views/secret.tsx';

/** The one place a generated password is ever shown; the page is sent with no-store. */
export function OrderDonePage({ ctx, result, domainNames }: { ctx: ViewContext; result: FirstOrderResult; domainNames: DomainName[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('order.done')}>
      <h1>{t('order.done')}</h1>
      <Facts
        class="card"
        items={[
          { label: t('masterData.customerNumber'), value: <a href={`/staff/customers/${result.customerNumber}`}>{result.customerNumber}</a> },
          { label: t('domains.contract'), value: result.contractNumber },
          {
            label: t('domains.domain'),
            value: (
              <ul class="plain">
                {domainNames.map((domain) => (
                  <li>
                    <DomainLabel unicode={domain.unicode} ascii={domain.ascii} />
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {(result.customerPassword || result.mailAccount) && (
        <section class="secret card" aria-labelledby="secrets-heading">
          <h2 id="secrets-heading">{t('order.secretsOnce')}</h2>
          <Facts
            items={[
              result.customerPassword ? { label: t('order.customerPassword'), value: <Secret ctx={ctx} id="secret-customer-password" value={result.customerPassword} /> } : null,
              result.mailAccount && { label: t('order.mailAccount'), value: <code>{result.mailAccount.name}</code> },
              result.mailAccount && { label: t('order.mailPassword'), value: <Secret ctx={ctx} id="secret-mail-password" value={result.mailAccount.password} /> },
            ]}
          />
        </section>
      )}
      {!result.customerPassword && <p>{t('order.existingCustomer')}</p>}
    </Layout>
  );
}

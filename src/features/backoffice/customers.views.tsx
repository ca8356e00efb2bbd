import { DomainLabel } from '../contracts/ui.ts';
import { ContractLoginActivityDetails } from '../mail/ui.ts';
import type { ContractLoginActivity } from '../mail/index.ts';
import { UserText } from '../../platform/views/user-text.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { PostButton } from '../../platform/views/form.tsx';
import { formatDate, formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { Customer } from '../accounts/index.ts';

interface SearchRow {
  customerNumber: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  city: string;
  confirmedAt: string | null;
}

export function StaffSearchPage(p: { ctx: ViewContext; query: string; results: SearchRow[] | null }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('staff.search')}>
      <h1>{t('staff.search')}</h1>
      <form method="get" action="/staff" class="card form search" role="search">
        <div class="field">
          <label for="f-q">{t('staff.searchLabel')}</label>
          <div class="row">
            <input id="f-q" name="q" type="search" value={p.query} maxLength={200} autofocus />
            <button type="submit" class="button primary">
              {t('staff.searchSubmit')}
            </button>
          </div>
        </div>
      </form>
      {p.results === null ? (
        p.query && <p class="muted">{t('staff.searchHint')}</p>
      ) : p.results.length === 0 ? (
        <p>{t('staff.searchNone')}</p>
      ) : (
        <>
          <p class="muted" role="status">
            {t('staff.results', { count: p.results.length })}
          </p>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('masterData.customerNumber')}</th>
                  <th scope="col">{t('staff.name')}</th>
                  <th scope="col">{t('field.email')}</th>
                  <th scope="col">{t('field.city')}</th>
                  <th scope="col">{t('staff.confirmedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {p.results.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`/staff/customers/${r.customerNumber}`}>{r.customerNumber}</a>
                    </th>
                    <td>
                      <UserText text={`${r.firstName} ${r.lastName}`.trim()} />
                      {r.company && (
                        <small class="muted block">
                          <UserText text={r.company} />
                        </small>
                      )}
                    </td>
                    <td>
                      <UserText text={r.email} />
                    </td>
                    <td>{r.city}</td>
                    <td>{r.confirmedAt ? formatDate(r.confirmedAt, lang) : t('staff.never')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}

interface DetailContract {
  contractNumber: string;
  tariffName: string;
  panel: string;
  pleskVersion: string | null;
  status: string;
  orderedAt: string;
  panelServerName: string | null;
  domains: { nameUnicode: string; nameAscii: string }[];
  mailAccounts: { name: string; active: number; quotaMb: number }[];
  mailActivity: ContractLoginActivity | undefined;
}

export function StaffCustomerPage(p: { ctx: ViewContext; customer: Customer; contracts: DetailContract[]; twoFactor: boolean; canResetTwoFactor: boolean }) {
  const { t, lang } = p.ctx;
  const c = p.customer;
  const facts: [MessageKey, string][] = [
    ['field.email', c.email],
    ['staff.name', [c.salutation ? t(`salutation.${c.salutation}` as MessageKey) : '', c.firstName, c.lastName].filter(Boolean).join(' ')],
    ['field.company', c.company],
    ['field.street', c.street],
    ['field.city', `${c.postcode} ${c.city}`.trim()],
    ['field.country', t(`country.${c.country}` as MessageKey)],
    ['field.phone', c.phone],
    ['staff.confirmedAt', c.confirmedAt ? formatDateTime(c.confirmedAt, lang) : t('staff.never')],
    ['twoFactor.title', p.twoFactor ? t('twoFactor.enabled') : t('twoFactor.disabled')],
  ];
  return (
    <Layout ctx={p.ctx} title={t('staff.customer', { number: c.customerNumber })}>
      <h1>{t('staff.customer', { number: c.customerNumber })}</h1>
      <dl class="facts card">
        {facts.map(([k, v]) => (
          <div>
            <dt>{t(k).replace(/ \(.*\)$/, '')}</dt>
            <dd>{v ? <UserText text={v} /> : '—'}</dd>
          </div>
        ))}
      </dl>
      {p.canResetTwoFactor && (
        <section class="card">
          <h2>{t('twoFactor.resetByStaff')}</h2>
          <p>{t('twoFactor.resetByStaffIntro')}</p>
          <PostButton ctx={p.ctx} action={`/staff/customers/${c.customerNumber}/reset-2fa`} class="button danger">
            {t('twoFactor.resetByStaff')}
          </PostButton>
        </section>
      )}
      <h2>{t('staff.contracts')}</h2>
      {p.contracts.map((k) => (
        <section class="card">
          <h3>
            {k.contractNumber} · {k.tariffName} <span class={`badge badge-${k.status}`}>{t(`contract.status.${k.status}` as MessageKey)}</span>
          </h3>
          <p class="muted">
            {k.panel === 'plesk' ? t('panel.plesk', { version: k.pleskVersion ?? '' }) : t('panel.mailadmin')}
            {k.panelServerName ? ` · ${k.panelServerName}` : ''} · {t('domains.orderedAt')} {formatDate(k.orderedAt, lang)}
          </p>
          <ul class="plain">
            {k.domains.map((d) => (
              <li>
                <DomainLabel unicode={d.nameUnicode} ascii={d.nameAscii} />
              </li>
            ))}
          </ul>
          {k.mailAccounts.length > 0 && (
            <p>
              {t('staff.mailAccounts')}:{' '}
              {k.mailAccounts.map((a) => (
                <code class="chip">{a.name}</code>
              ))}
            </p>
          )}
          <ContractLoginActivityDetails ctx={p.ctx} activity={k.mailActivity} />
        </section>
      ))}
    </Layout>
  );
}


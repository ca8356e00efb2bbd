import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDate } from '../../platform/views/i18n.ts';
import { UserText } from '../../platform/views/user-text.tsx';

interface SearchRow {
  customerNumber: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  city: string;
  confirmedAt: string | null;
}

/** "Kunden suchen", the back office's start page; `results` null: nothing searched yet (or too short). */
export function CustomerSearchPage({ ctx, query, results }: { ctx: ViewContext; query: string; results: SearchRow[] | null }) {
  const { t, lang } = ctx;
  const columns: Column<SearchRow>[] = [
    { label: t('masterData.customerNumber'), rowHeader: true, cell: (row) => <a href={`/staff/customers/${row.customerNumber}`}>{row.customerNumber}</a> },
    {
      label: t('staff.name'),
      cell: (row) => (
        <>
          <UserText text={`${row.firstName} ${row.lastName}`.trim()} />
          {row.company && (
            <small class="muted block">
              <UserText text={row.company} />
            </small>
          )}
        </>
      ),
    },
    { label: t('field.email'), cell: (row) => <UserText text={row.email} /> },
    { label: t('field.city'), cell: (row) => row.city },
    { label: t('staff.confirmedAt'), cell: (row) => (row.confirmedAt ? formatDate(row.confirmedAt, lang) : t('staff.never')) },
  ];
  return (
    <Layout ctx={ctx} title={t('staff.search')}>
      <h1>{t('staff.search')}</h1>
      <form method="get" action="/staff" class="card form search" role="search">
        <div class="field">
          <label for="f-q">{t('staff.searchLabel')}</label>
          <div class="row">
            <input id="f-q" name="q" type="search" value={query} maxLength={200} autofocus />
            <button type="submit" class="button primary">
              {t('staff.searchSubmit')}
            </button>
          </div>
        </div>
      </form>
      {results === null ? (
        query && <p class="muted">{t('staff.searchHint')}</p>
      ) : results.length === 0 ? (
        <p>{t('staff.searchNone')}</p>
      ) : (
        <>
          <p class="muted" role="status">
            {t('staff.results', { count: results.length })}
          </p>
          <DataTable columns={columns} rows={results} />
        </>
      )}
    </Layout>
  );
}

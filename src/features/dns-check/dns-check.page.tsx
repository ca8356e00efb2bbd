import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable } from '../../platform/views/data-table.tsx';
import { Facts } from '../../platform/views/facts.tsx';
import { PostButton } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { CheckItem, ItemState, Note, RecordToSet } from './checks.ts';
import type { DnsCheckResult } from './dns-check.service.ts';
import type { CheckableDomain } from './dns-check.repository.ts';

const STATE_LABEL: Record<ItemState, MessageKey> = {
  ok: 'dnsCheck.state.ok',
  missing: 'dnsCheck.state.missing',
  wrong: 'dnsCheck.state.wrong',
  timeout: 'dnsCheck.state.timeout',
  unreachable: 'dnsCheck.state.unreachable',
  notPublished: 'dnsCheck.state.notPublished',
};

const text = (ctx: ViewContext, note: Note) => ctx.t(note.key, note.params);

function RecordsToSet({ ctx, records }: { ctx: ViewContext; records: RecordToSet[] }) {
  const { t } = ctx;
  return (
    <div class="dns-to-set">
      <p class="small">
        <strong>{t(records.length > 1 ? 'dnsCheck.toSetMany' : 'dnsCheck.toSet')}</strong>
      </p>
      {records.map((r) => (
        <Facts
          class="dns-record"
          items={[
            { label: t('dnsCheck.record.name'), value: <code class="copy">{r.name}</code> },
            { label: t('dnsCheck.record.type'), value: <code>{r.type}</code> },
            { label: t('dnsCheck.record.value'), value: <code class="copy">{r.value}</code> },
          ]}
        />
      ))}
    </div>
  );
}

function Details({ ctx, item }: { ctx: ViewContext; item: CheckItem }) {
  const { t } = ctx;
  return (
    <div class="dns-details">
      <ul class="plain dns-notes">
        {item.notes.map((note) => (
          <li>{text(ctx, note)}</li>
        ))}
      </ul>
      {item.found.length > 0 ? (
        <div class="small">
          <span class="muted">{t('dnsCheck.found')}</span>
          <ul class="plain dns-found">
            {item.found.map((f) => (
              <li>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        item.state !== 'timeout' && item.state !== 'unreachable' && <p class="small muted">{t('dnsCheck.foundNothing')}</p>
      )}
      {item.records.length > 0 && <RecordsToSet ctx={ctx} records={item.records} />}
    </div>
  );
}

/** One domain's DNS check: every item with its result in words and, where needed, the record to set. */
export function DnsCheckPage(p: {
  ctx: ViewContext;
  domain: CheckableDomain;
  result: DnsCheckResult & { cached: boolean };
  cacheSeconds: number;
  action: string;
  back: { href: string; customer: string | null };
  staff: boolean;
}) {
  const { ctx, domain, result } = p;
  const { t, lang } = ctx;
  const count = (states: ItemState[]) => result.items.filter((i) => states.includes(i.state)).length;
  const scored = result.items.filter((i) => i.state !== 'notPublished');
  return (
    <Layout ctx={ctx} title={`${t('dnsCheck.title')}: ${domain.nameUnicode}`}>
      <p class="small">
        <a href={p.back.href}>← {p.back.customer ? t('dnsCheck.backToCustomer', { customer: p.back.customer }) : t('dnsCheck.back')}</a>
      </p>
      <h1>{t('dnsCheck.heading', { domain: domain.nameUnicode })}</h1>
      {domain.nameUnicode !== domain.nameAscii && <p class="muted">{t('dnsCheck.punycode', { ascii: domain.nameAscii })}</p>}
      <p class="lead">{t(p.staff ? 'dnsCheck.staffIntro' : 'dnsCheck.intro')}</p>
      <section class="card dns-summary">
        <p>
          <strong>
            {t('dnsCheck.summary', {
              ok: count(['ok']),
              total: scored.length,
              missing: count(['missing']),
              wrong: count(['wrong']),
              other: count(['timeout', 'unreachable']),
            })}
          </strong>
        </p>
        <p class="small muted">
          {t('dnsCheck.checkedAt', { time: formatDateTime(result.checkedAt, lang) })} {result.cached && t('dnsCheck.fromCache', { seconds: p.cacheSeconds })}
        </p>
        <PostButton ctx={ctx} action={p.action}>
          {t('dnsCheck.recheck')}
        </PostButton>
        <p class="small muted">{t('dnsCheck.recheckHint')}</p>
      </section>
      <h2>{t('dnsCheck.items')}</h2>
      <DataTable
        class="dns-items"
        caption={t('dnsCheck.items')}
        rows={result.items}
        columns={[
          {
            label: t('dnsCheck.col.item'),
            rowHeader: true,
            cell: (item) => (
              <>
                <span class="block">{text(ctx, item.title)}</span>
                <small class="muted dns-name">
                  {item.type} {item.name}
                </small>
              </>
            ),
          },
          { label: t('dnsCheck.col.state'), cell: (item) => <span class={`badge dns-state dns-state-${item.state}`}>{t(STATE_LABEL[item.state])}</span> },
          { label: t('dnsCheck.col.details'), cell: (item) => <Details ctx={ctx} item={item} /> },
        ]}
      />
    </Layout>
  );
}

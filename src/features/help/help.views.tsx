import type { MessageKey } from '../../platform/views/i18n.ts';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { FormCard, TextArea, TextField } from '../../platform/views/form.tsx';
import type { HelpCategory } from './help.tables.ts';
import type { PublishedEntry } from './help.repository.ts';
import type { SearchResult } from './help.service.ts';
import { Answer, categoryName, EntryFacts, EntryList, HelpLayout, type EntryView } from './help.parts.tsx';
import { categoryPath, entryPath, HELP_PATHS, helpBase } from './paths.ts';

export function HelpHomePage(props: { ctx: ViewContext; categories: (HelpCategory & { count: number })[]; sticky: PublishedEntry[]; popular: PublishedEntry[] }) {
  const { ctx, categories } = props;
  const { t, lang } = ctx;
  const top = categories.filter((category) => category.parentId === null);
  return (
    <HelpLayout ctx={ctx} title={t('help.title')}>
      <h1>{t('help.title')}</h1>
      <p class="lead">{t('help.intro')}</p>
      <div class="help-columns">
        <section class="card">
          <h2>{t('help.sticky')}</h2>
          <EntryList ctx={ctx} entries={props.sticky} />
        </section>
        <section class="card">
          <h2>{t('help.popular')}</h2>
          <EntryList ctx={ctx} entries={props.popular} />
        </section>
      </div>
      <h2>{t('help.categories')}</h2>
      <ul class="help-categories">
        {top.map((category) => (
          <li class="card">
            <a href={categoryPath(lang, category.slug)}>{categoryName(category, lang)}</a> <span class="muted small">({category.count})</span>
            <ul>
              {categories
                .filter((sub) => sub.parentId === category.id)
                .map((sub) => (
                  <li>
                    <a href={categoryPath(lang, sub.slug)}>{categoryName(sub, lang)}</a> <span class="muted small">({sub.count})</span>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
      <p>
        <a href={`${helpBase(lang)}/${HELP_PATHS[lang].ask}`}>{t('help.ask.link')}</a>
      </p>
    </HelpLayout>
  );
}

export function CategoryPage(props: { ctx: ViewContext; category: HelpCategory; parent: HelpCategory | null; children: HelpCategory[]; entries: PublishedEntry[] }) {
  const { ctx, parent } = props;
  const { t, lang } = ctx;
  const name = categoryName(props.category, lang);
  return (
    <HelpLayout ctx={ctx} title={name}>
      <nav class="crumbs" aria-label={t('help.crumbs')}>
        <a href={helpBase(lang)}>{t('help.title')}</a>
        {parent && (
          <>
            {' › '}
            <a href={categoryPath(lang, parent.slug)}>{categoryName(parent, lang)}</a>
          </>
        )}
      </nav>
      <h1>{name}</h1>
      {props.children.length > 0 && (
        <ul class="chips">
          {props.children.map((child) => (
            <li>
              <a class="chip" href={categoryPath(lang, child.slug)}>
                {categoryName(child, lang)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {props.entries.length === 0 ? <p class="card">{t('help.category.empty')}</p> : <EntryList ctx={ctx} entries={props.entries} />}
    </HelpLayout>
  );
}

const UNSEARCHABLE: Record<'empty' | 'tooLong' | 'noWords', MessageKey> = {
  empty: 'help.search.emptyQuery',
  tooLong: 'help.search.tooLong',
  noWords: 'help.search.noWords',
};

export function SearchPage({ ctx, query, results, unsearchable }: { ctx: ViewContext; query: string; results: SearchResult[] | null; unsearchable: keyof typeof UNSEARCHABLE }) {
  const { t, lang } = ctx;
  return (
    <HelpLayout ctx={ctx} title={t('help.search.title')} query={query}>
      <h1>{t('help.search.title')}</h1>
      {results === null ? (
        <p class="lead">{t(UNSEARCHABLE[unsearchable], { max: 200 })}</p>
      ) : results.length === 0 ? (
        <div class="card">
          <p role="status">{t('help.search.none', { query })}</p>
          <p>
            <a href={`${helpBase(lang)}/${HELP_PATHS[lang].ask}?q=${encodeURIComponent(query)}`}>{t('help.ask.link')}</a>
          </p>
        </div>
      ) : (
        <>
          <p role="status" class="muted">
            {t('help.search.count', { count: results.length, query })}
          </p>
          <ol class="help-results">
            {results.map((result) => (
              <li>
                <h2>
                  <a href={entryPath(lang, result.entryId, result.question)}>{result.question}</a> <span class="muted small">#{result.entryId}</span>
                </h2>
                <p class="snippet">{result.snippet.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </HelpLayout>
  );
}

/** A page without navigation, meant for paper. */
export function PrintPage({ ctx, entry, url }: { ctx: ViewContext; entry: EntryView; url: string }) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex" />
        <title>{`#${entry.id} ${entry.question} – ${ctx.branding.name}`}</title>
        <link rel="stylesheet" href="/assets/help-print.css" />
      </head>
      <body class="help-print">
        <p class="help-category">
          {ctx.branding.name} · {t('help.title')} · {categoryName(entry.category, ctx.lang)}
        </p>
        <h1>{entry.question}</h1>
        <Answer ctx={ctx} blocks={entry.blocks} />
        <EntryFacts ctx={ctx} entry={entry} />
        <p class="small">{url}</p>
      </body>
    </html>
  );
}

/** The entries that explain one page of the customer area, when there is more than one. */
export function ContextPage({ ctx, entries }: { ctx: ViewContext; entries: PublishedEntry[] }) {
  const { t } = ctx;
  return (
    <HelpLayout ctx={ctx} title={t('help.context.title')}>
      <h1>{t('help.context.title')}</h1>
      {entries.length === 0 ? <p class="card">{t('help.category.empty')}</p> : <EntryList ctx={ctx} entries={entries} />}
    </HelpLayout>
  );
}

export function AskPage({ ctx, form, sent }: { ctx: ViewContext; form: FormState; sent: boolean }) {
  const { t, lang } = ctx;
  return (
    <HelpLayout ctx={ctx} title={t('help.ask.title')}>
      <h1>{t('help.ask.title')}</h1>
      {sent ? (
        <p class="flash flash-success" role="status">
          {t('help.ask.sent')}
        </p>
      ) : (
        <>
          <p class="lead">{t('help.ask.intro')}</p>
          <FormCard ctx={ctx} form={form} action={`${helpBase(lang)}/${HELP_PATHS[lang].ask}`} submit={t('help.ask.submit')}>
            <TextArea ctx={ctx} form={form} name="question" label="help.ask.question" required rows={4} />
            <TextField ctx={ctx} form={form} name="email" label="help.ask.email" hint="help.ask.emailHint" type="email" autocomplete="email" maxLength={254} />
          </FormCard>
        </>
      )}
    </HelpLayout>
  );
}

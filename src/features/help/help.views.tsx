import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';
import type { HelpCategory } from './help.tables.ts';
import type { Language } from '../../platform/db/database.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { Csrf, ErrorSummary, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import type { FormState } from '../../platform/views/context.ts';
import type { PublishedEntry } from './help.repository.ts';
import type { SearchResult } from './help.service.ts';
import type { AnswerBlock } from './personalize.ts';
import { categoryPath, entryPath, HELP_PATHS, helpBase } from './paths.ts';

export const categoryName = (c: Pick<HelpCategory, 'nameDe' | 'nameEn'>, lang: Language) => (lang === 'de' ? c.nameDe : c.nameEn);

function HelpLayout(p: { ctx: ViewContext; title: string; children: ComponentChildren; query?: string }) {
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <link rel="stylesheet" href="/assets/help.css" />
      <SearchForm ctx={p.ctx} query={p.query ?? ''} />
      {p.children}
    </Layout>
  );
}

function SearchForm({ ctx, query }: { ctx: ViewContext; query: string }) {
  const { t, lang } = ctx;
  return (
    <form method="get" action={`${helpBase(lang)}/${HELP_PATHS[lang].search}`} class="help-search" role="search">
      <label for="help-q" class="visually-hidden">
        {t('help.search.label')}
      </label>
      <input id="help-q" type="search" name="q" value={query} maxLength={200} placeholder={t('help.search.placeholder')} />
      <button type="submit" class="button primary">
        {t('help.search.submit')}
      </button>
    </form>
  );
}

function EntryList({ ctx, entries }: { ctx: ViewContext; entries: Pick<PublishedEntry, 'id' | 'question'>[] }) {
  return (
    <ul class="plain help-list">
      {entries.map((e) => (
        <li>
          <a href={entryPath(ctx.lang, e.id, e.question)}>{e.question}</a> <span class="muted small">#{e.id}</span>
        </li>
      ))}
    </ul>
  );
}

export function HelpHomePage(p: { ctx: ViewContext; categories: (HelpCategory & { count: number })[]; sticky: PublishedEntry[]; popular: PublishedEntry[] }) {
  const { t, lang } = p.ctx;
  const top = p.categories.filter((c) => c.parentId === null);
  return (
    <HelpLayout ctx={p.ctx} title={t('help.title')}>
      <h1>{t('help.title')}</h1>
      <p class="lead">{t('help.intro')}</p>
      <div class="help-columns">
        <section class="card">
          <h2>{t('help.sticky')}</h2>
          <EntryList ctx={p.ctx} entries={p.sticky} />
        </section>
        <section class="card">
          <h2>{t('help.popular')}</h2>
          <EntryList ctx={p.ctx} entries={p.popular} />
        </section>
      </div>
      <h2>{t('help.categories')}</h2>
      <ul class="help-categories">
        {top.map((c) => (
          <li class="card">
            <a href={categoryPath(lang, c.slug)}>{categoryName(c, lang)}</a> <span class="muted small">({c.count})</span>
            <ul>
              {p.categories
                .filter((s) => s.parentId === c.id)
                .map((s) => (
                  <li>
                    <a href={categoryPath(lang, s.slug)}>{categoryName(s, lang)}</a> <span class="muted small">({s.count})</span>
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

export function CategoryPage(p: { ctx: ViewContext; category: HelpCategory; parent: HelpCategory | null; children: HelpCategory[]; entries: PublishedEntry[] }) {
  const { t, lang } = p.ctx;
  const name = categoryName(p.category, lang);
  return (
    <HelpLayout ctx={p.ctx} title={name}>
      <nav class="crumbs" aria-label={t('help.crumbs')}>
        <a href={helpBase(lang)}>{t('help.title')}</a>
        {p.parent && (
          <>
            {' › '}
            <a href={categoryPath(lang, p.parent.slug)}>{categoryName(p.parent, lang)}</a>
          </>
        )}
      </nav>
      <h1>{name}</h1>
      {p.children.length > 0 && (
        <ul class="chips">
          {p.children.map((c) => (
            <li>
              <a class="chip" href={categoryPath(lang, c.slug)}>
                {categoryName(c, lang)}
              </a>
            </li>
          ))}
        </ul>
      )}
      {p.entries.length === 0 ? <p class="card">{t('help.category.empty')}</p> : <EntryList ctx={p.ctx} entries={p.entries} />}
    </HelpLayout>
  );
}

export function SearchPage(p: { ctx: ViewContext; query: string; results: SearchResult[] | null }) {
  const { t, lang } = p.ctx;
  return (
    <HelpLayout ctx={p.ctx} title={t('help.search.title')} query={p.query}>
      <h1>{t('help.search.title')}</h1>
      {p.results === null ? (
        <p class="lead">{t('help.search.emptyQuery')}</p>
      ) : p.results.length === 0 ? (
        <div class="card">
          <p role="status">{t('help.search.none', { query: p.query })}</p>
          <p>
            <a href={`${helpBase(lang)}/${HELP_PATHS[lang].ask}?q=${encodeURIComponent(p.query)}`}>{t('help.ask.link')}</a>
          </p>
        </div>
      ) : (
        <>
          <p role="status" class="muted">
            {t('help.search.count', { count: p.results.length, query: p.query })}
          </p>
          <ol class="help-results">
            {p.results.map((r) => (
              <li>
                <h2>
                  <a href={entryPath(lang, r.entryId, r.question)}>{r.question}</a> <span class="muted small">#{r.entryId}</span>
                </h2>
                <p class="snippet">{r.snippet.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </HelpLayout>
  );
}

export interface EntryView {
  id: number;
  question: string;
  author: string;
  publishedAt: string;
  category: HelpCategory;
  related: PublishedEntry[];
  votes: { yes: number; no: number };
  blocks: AnswerBlock[];
  personalized: boolean;
  otherLanguage: { lang: Language; path: string } | null;
}

function Answer({ ctx, entry }: { ctx: ViewContext; entry: EntryView }) {
  const { t } = ctx;
  return (
    <div class="help-answer">
      {entry.blocks.map((b) =>
        b.kind === 'common' ? (
          <div dangerouslySetInnerHTML={{ __html: b.html }} />
        ) : (
          <section class="help-variant">
            {b.title && <h2>{b.title}</h2>}
            {b.contract && (
              <p class="help-for">{t('help.entry.forContract', { contract: b.contract.contractNumber, tariff: b.contract.tariffName })}</p>
            )}
            <div dangerouslySetInnerHTML={{ __html: b.html }} />
          </section>
        ),
      )}
    </div>
  );
}

function Facts({ ctx, entry }: { ctx: ViewContext; entry: EntryView }) {
  const { t, lang } = ctx;
  return (
    <dl class="help-facts">
      <div>
        <dt>{t('help.entry.id')}</dt>
        <dd>#{entry.id}</dd>
      </div>
      <div>
        <dt>{t('help.entry.author')}</dt>
        <dd>{entry.author}</dd>
      </div>
      <div>
        <dt>{t('help.entry.changed')}</dt>
        <dd>
          <time dateTime={entry.publishedAt}>{formatDateTime(entry.publishedAt, lang)}</time>
        </dd>
      </div>
    </dl>
  );
}

export function EntryPage(p: { ctx: ViewContext; entry: EntryView; showAllPath: string | null; voted: boolean }) {
  const { t, lang } = p.ctx;
  const { entry } = p;
  const base = entryPath(lang, entry.id, entry.question);
  return (
    <HelpLayout ctx={p.ctx} title={entry.question}>
      <nav class="crumbs" aria-label={t('help.crumbs')}>
        <a href={helpBase(lang)}>{t('help.title')}</a> › <a href={categoryPath(lang, entry.category.slug)}>{categoryName(entry.category, lang)}</a>
      </nav>
      <article class="card help-entry">
        <p class="help-category">{categoryName(entry.category, lang)}</p>
        <h1>{entry.question}</h1>
        {entry.personalized && (
          <p class="flash flash-info">
            {t('help.entry.personalized')} {p.showAllPath && <a href={p.showAllPath}>{t('help.entry.showAll')}</a>}
          </p>
        )}
        <Answer ctx={p.ctx} entry={entry} />
        <Facts ctx={p.ctx} entry={entry} />
      </article>
      <section class="card help-vote" aria-labelledby="vote-title">
        <h2 id="vote-title">{t('help.vote.question')}</h2>
        {p.voted ? (
          <p role="status">{t('help.vote.thanks')}</p>
        ) : (
          <form method="post" action={`${helpBase(lang)}/${entry.id}/${HELP_PATHS[lang].vote}`} class="actions">
            <Csrf ctx={p.ctx} />
            <button type="submit" name="helpful" value="yes" class="button">
              {t('help.vote.yes')}
            </button>
            <button type="submit" name="helpful" value="no" class="button">
              {t('help.vote.no')}
            </button>
          </form>
        )}
        <p class="muted small">{t('help.vote.tally', { yes: entry.votes.yes, no: entry.votes.no })}</p>
      </section>
      {entry.related.length > 0 && (
        <section>
          <h2>{t('help.related')}</h2>
          <EntryList ctx={p.ctx} entries={entry.related} />
        </section>
      )}
      <p class="actions">
        <a href={`${base}/${HELP_PATHS[lang].print}`}>{t('help.print')}</a>
        {entry.otherLanguage && (
          <a href={entry.otherLanguage.path} hreflang={entry.otherLanguage.lang} lang={entry.otherLanguage.lang}>
            {t(entry.otherLanguage.lang === 'de' ? 'help.inGerman' : 'help.inEnglish')}
          </a>
        )}
      </p>
    </HelpLayout>
  );
}

/** A page without navigation, meant for paper. */
export function PrintPage(p: { ctx: ViewContext; entry: EntryView; url: string }) {
  const { t } = p.ctx;
  return (
    <html lang={p.ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex" />
        <title>{`#${p.entry.id} ${p.entry.question} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/help-print.css" />
      </head>
      <body class="help-print">
        <p class="help-category">
          {t('app.name')} · {t('help.title')} · {categoryName(p.entry.category, p.ctx.lang)}
        </p>
        <h1>{p.entry.question}</h1>
        <Answer ctx={p.ctx} entry={p.entry} />
        <Facts ctx={p.ctx} entry={p.entry} />
        <p class="small">{p.url}</p>
      </body>
    </html>
  );
}

export function ContextPage(p: { ctx: ViewContext; entries: PublishedEntry[] }) {
  const { t } = p.ctx;
  return (
    <HelpLayout ctx={p.ctx} title={t('help.context.title')}>
      <h1>{t('help.context.title')}</h1>
      {p.entries.length === 0 ? <p class="card">{t('help.category.empty')}</p> : <EntryList ctx={p.ctx} entries={p.entries} />}
    </HelpLayout>
  );
}

export function AskPage(p: { ctx: ViewContext; form: FormState; sent: boolean }) {
  const { t, lang } = p.ctx;
  return (
    <HelpLayout ctx={p.ctx} title={t('help.ask.title')}>
      <h1>{t('help.ask.title')}</h1>
      {p.sent ? (
        <p class="flash flash-success" role="status">
          {t('help.ask.sent')}
        </p>
      ) : (
        <>
          <p class="lead">{t('help.ask.intro')}</p>
          <form method="post" action={`${helpBase(lang)}/${HELP_PATHS[lang].ask}`} class="form card" novalidate>
            <Csrf ctx={p.ctx} />
            <ErrorSummary ctx={p.ctx} form={p.form} />
            <TextArea ctx={p.ctx} form={p.form} name="question" label="help.ask.question" required rows={4} />
            <TextField ctx={p.ctx} form={p.form} name="email" label="help.ask.email" hint="help.ask.emailHint" type="email" autocomplete="email" maxLength={254} />
            <button type="submit" class="button primary">
              {t('help.ask.submit')}
            </button>
          </form>
        </>
      )}
    </HelpLayout>
  );
}

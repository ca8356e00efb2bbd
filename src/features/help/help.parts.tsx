import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';
import type { Language } from '../../platform/db/database.ts';
import { Facts } from '../../platform/views/facts.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import type { HelpCategory } from './help.tables.ts';
import type { PublishedEntry } from './help.repository.ts';
import type { AnswerBlock } from './personalize.ts';
import { entryPath, HELP_PATHS, helpBase } from './paths.ts';

export const categoryName = (category: Pick<HelpCategory, 'nameDe' | 'nameEn'>, lang: Language) => (lang === 'de' ? category.nameDe : category.nameEn);

/** A public help page: the help styles and the search form above the page's own content. */
export function HelpLayout(props: { ctx: ViewContext; title: string; children: ComponentChildren; query?: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <link rel="stylesheet" href="/assets/help.css" />
      <SearchForm ctx={props.ctx} query={props.query ?? ''} />
      {props.children}
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

export function EntryList({ ctx, entries }: { ctx: ViewContext; entries: Pick<PublishedEntry, 'id' | 'question'>[] }) {
  return (
    <ul class="plain help-list">
      {entries.map((entry) => (
        <li>
          <a href={entryPath(ctx.lang, entry.id, entry.question)}>{entry.question}</a> <span class="muted small">#{entry.id}</span>
        </li>
      ))}
    </ul>
  );
}

/** An entry as its public page and its print view show it. */
export interface EntryView {
  id: number;
  question: string;
  author: string;
  publishedAt: string;
  category: HelpCategory;
  related: PublishedEntry[];
  /** The vote counts, for staff only (null for customers and visitors). */
  votes: { yes: number; no: number } | null;
  blocks: AnswerBlock[];
  personalized: boolean;
  otherLanguage: { lang: Language; path: string } | null;
}

/**
 * The answer's blocks: common text, and the variants for a tariff or panel version, each with
 * its title (`level` 3 inside a page section such as the editor's preview).
 */
export function Answer({ ctx, blocks, level = 2 }: { ctx: ViewContext; blocks: AnswerBlock[]; level?: 2 | 3 }) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div class="help-answer">
      {blocks.map((block) =>
        block.kind === 'common' ? (
          <div dangerouslySetInnerHTML={{ __html: block.html }} />
        ) : (
          <section class="help-variant">
            {block.title && <Heading>{block.title}</Heading>}
            {block.contract && <p class="help-for">{ctx.t('help.entry.forContract', { contract: block.contract.contractNumber, tariff: block.contract.tariffName })}</p>}
            <div dangerouslySetInnerHTML={{ __html: block.html }} />
          </section>
        ),
      )}
    </div>
  );
}

/** ID, author and last change: what a reader quotes to support. */
export function EntryFacts({ ctx, entry }: { ctx: ViewContext; entry: EntryView }) {
  const { t, lang } = ctx;
  return (
    <Facts
      class="help-facts"
      items={[
        { label: t('help.entry.id'), value: `#${entry.id}` },
        { label: t('help.entry.author'), value: entry.author },
        { label: t('help.entry.changed'), value: <time dateTime={entry.publishedAt}>{formatDateTime(entry.publishedAt, lang)}</time> },
      ]}
    />
  );
}

import type { ViewContext } from '../../platform/views/context.ts';
import { Csrf } from '../../platform/views/form.tsx';
import { Answer, categoryName, EntryFacts, EntryList, HelpLayout, type EntryView } from './help.parts.tsx';
import { categoryPath, entryPath, HELP_PATHS, helpBase } from './paths.ts';

/** "Was this helpful?": two buttons until this visitor voted, then thanks; the tally for staff only. */
function Vote({ ctx, entry, voted }: { ctx: ViewContext; entry: EntryView; voted: boolean }) {
  const { t, lang } = ctx;
  return (
    <section class="card help-vote" aria-labelledby="vote-title">
      <h2 id="vote-title">{t('help.vote.question')}</h2>
      {voted ? (
        <p role="status">{t('help.vote.thanks')}</p>
      ) : (
        <form method="post" action={`${helpBase(lang)}/${entry.id}/${HELP_PATHS[lang].vote}`} class="actions">
          <Csrf ctx={ctx} />
          <button type="submit" name="helpful" value="yes" class="button">
            {t('help.vote.yes')}
          </button>
          <button type="submit" name="helpful" value="no" class="button">
            {t('help.vote.no')}
          </button>
        </form>
      )}
      {entry.votes && <p class="muted small">{t('help.vote.tally', { yes: entry.votes.yes, no: entry.votes.no })}</p>}
    </section>
  );
}

/** One help entry: the answer (personalized for a customer), its facts, the vote, related entries. */
export function EntryPage({ ctx, entry, showAllPath, voted }: { ctx: ViewContext; entry: EntryView; showAllPath: string | null; voted: boolean }) {
  const { t, lang } = ctx;
  const base = entryPath(lang, entry.id, entry.question);
  return (
    <HelpLayout ctx={ctx} title={entry.question}>
      <nav class="crumbs" aria-label={t('help.crumbs')}>
        <a href={helpBase(lang)}>{t('help.title')}</a> › <a href={categoryPath(lang, entry.category.slug)}>{categoryName(entry.category, lang)}</a>
      </nav>
      <article class="card help-entry">
        <p class="help-category">{categoryName(entry.category, lang)}</p>
        <h1>{entry.question}</h1>
        {entry.personalized && (
          <p class="flash flash-info">
            {t('help.entry.personalized')} {showAllPath && <a href={showAllPath}>{t('help.entry.showAll')}</a>}
          </p>
        )}
        <Answer ctx={ctx} blocks={entry.blocks} />
        <EntryFacts ctx={ctx} entry={entry} />
      </article>
      <Vote ctx={ctx} entry={entry} voted={voted} />
      {entry.related.length > 0 && (
        <section>
          <h2>{t('help.related')}</h2>
          <EntryList ctx={ctx} entries={entry.related} />
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

import { UserText } from '../../platform/views/user-text.tsx';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import type { Language } from '../../platform/db/database.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { FormCard, PostButton, SelectField, TextField } from '../../platform/views/form.tsx';
import { formatDateTime } from '../../platform/views/i18n.ts';
import type { HelpCategory, HelpRevision } from './help.tables.ts';
import type { EditorEntryRow } from './help.service.ts';
import { categoryName } from './help.parts.tsx';
import { entryPath } from './paths.ts';
import { StaffHelpNav, STATE_LABEL } from './staff-help.parts.tsx';

export function StaffHelpListPage({ ctx, rows }: { ctx: ViewContext; rows: EditorEntryRow[] }) {
  const { t, lang } = ctx;
  const languageColumn = (language: Language): Column<EditorEntryRow> => ({
    label: language.toUpperCase(),
    cell: (row) => {
      const state = row.states[language];
      return (
        <>
          {state.live && <span class="badge badge-active">{t('help.state.published')}</span>} {state.waiting && <span class="badge">{t(STATE_LABEL[state.waiting])}</span>}
        </>
      );
    },
  });
  const columns: Column<EditorEntryRow>[] = [
    { label: 'ID', cell: (row) => `#${row.id}` },
    { label: t('help.staff.question'), rowHeader: true, cell: (row) => <a href={`/staff/hilfe/${row.id}`}>{row.question}</a> },
    { label: t('help.staff.category'), cell: (row) => (row.category ? categoryName(row.category, lang) : '') },
    languageColumn('de'),
    languageColumn('en'),
    { label: t('help.staff.views'), cell: (row) => row.views },
    { label: t('help.staff.votes'), cell: (row) => `${row.votes.yes} / ${row.votes.no}` },
  ];
  return (
    <Layout ctx={ctx} title={t('help.staff.title')}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>{t('help.staff.title')}</h1>
      <StaffHelpNav ctx={ctx} />
      <DataTable columns={columns} rows={rows} compact />
    </Layout>
  );
}

export type DiffPart = { value: string; added?: boolean; removed?: boolean };

function Changes({ parts }: { parts: DiffPart[] }) {
  return <pre class="help-diff">{parts.map((part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : part.value))}</pre>;
}

/** What changed between two revisions of an entry, word by word. */
export function DiffPage(props: { ctx: ViewContext; entryId: number; from: HelpRevision; to: HelpRevision; changes: Record<'question' | 'keywords' | 'answer', DiffPart[]> }) {
  const { ctx, entryId, changes } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('help.staff.diff')}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>{t('help.staff.diffTitle', { id: entryId, from: props.from.number, to: props.to.number })}</h1>
      <p>
        <a href={`/staff/hilfe/${entryId}`}>{t('common.back')}</a>
      </p>
      <h2>{t('help.staff.question')}</h2>
      <Changes parts={changes.question} />
      <h2>{t('help.staff.keywords')}</h2>
      <Changes parts={changes.keywords} />
      <h2>{t('help.staff.answer')}</h2>
      <Changes parts={changes.answer} />
    </Layout>
  );
}

export function CategoriesPage({ ctx, categories, form }: { ctx: ViewContext; categories: HelpCategory[]; form: FormState }) {
  const { t, lang } = ctx;
  const parents = [{ value: '', label: '—' }, ...categories.filter((category) => !category.parentId).map((category) => ({ value: String(category.id), label: categoryName(category, lang) }))];
  return (
    <Layout ctx={ctx} title={t('help.staff.categories')}>
      <h1>{t('help.staff.categories')}</h1>
      <StaffHelpNav ctx={ctx} />
      <ul class="plain card">
        {categories.map((category) => (
          <li>
            {category.parentId ? '— ' : ''}
            {categoryName(category, lang)} <code>{category.slug}</code>
          </li>
        ))}
      </ul>
      <FormCard ctx={ctx} form={form} action="/staff/hilfe/kategorien" title={t('help.staff.newCategory')} submit={t('help.staff.createCategory')}>
        <div class="grid-2">
          <TextField ctx={ctx} form={form} name="nameDe" label="help.staff.nameDe" required />
          <TextField ctx={ctx} form={form} name="nameEn" label="help.staff.nameEn" required />
        </div>
        <div class="grid-2">
          <TextField ctx={ctx} form={form} name="slug" label="help.staff.slug" required />
          <SelectField ctx={ctx} form={form} name="parentId" label="help.staff.parent" options={parents} />
        </div>
        <TextField ctx={ctx} form={form} name="position" label="help.staff.position" inputMode="numeric" />
      </FormCard>
    </Layout>
  );
}

export function QuestionsPage({ ctx, questions }: { ctx: ViewContext; questions: { id: number; language: Language; question: string; email: string; createdAt: string }[] }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('help.staff.questions')}>
      <h1>{t('help.staff.questions')}</h1>
      <StaffHelpNav ctx={ctx} />
      {questions.length === 0 ? (
        <p class="card">{t('help.staff.noQuestions')}</p>
      ) : (
        <ul class="plain">
          {questions.map((question) => (
            <li class="card">
              <p>
                <strong lang={question.language}>
                  <UserText text={question.question} />
                </strong>
              </p>
              <p class="muted small">
                {formatDateTime(question.createdAt, lang)} · {question.language.toUpperCase()} {question.email && `· ${question.email}`}
              </p>
              <p class="actions">
                <a class="button primary" href={`/staff/hilfe/neu?frage=${question.id}`}>
                  {t('help.staff.answerAsEntry')}
                </a>
                <PostButton ctx={ctx} action={`/staff/hilfe/fragen/${question.id}/verwerfen`} class="button danger">
                  {t('help.staff.dismiss')}
                </PostButton>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

type ReadEntry = { id: number; question: string; views: number; votes: { yes: number; no: number } };
type SearchMiss = { language: Language; query: string; count: number; lastAt: string };

export function AnalyticsPage({ ctx, entries, misses }: { ctx: ViewContext; entries: ReadEntry[]; misses: SearchMiss[] }) {
  const { t, lang } = ctx;
  const entryColumns: Column<ReadEntry>[] = [
    { label: 'ID', cell: (entry) => `#${entry.id}` },
    { label: t('help.staff.question'), rowHeader: true, cell: (entry) => <a href={entryPath(lang, entry.id, entry.question)}>{entry.question}</a> },
    { label: t('help.staff.views'), cell: (entry) => entry.views },
    { label: t('help.vote.yes'), cell: (entry) => entry.votes.yes },
    { label: t('help.vote.no'), cell: (entry) => entry.votes.no },
  ];
  const missColumns: Column<SearchMiss>[] = [
    { label: t('help.staff.query'), rowHeader: true, cell: (miss) => <UserText text={miss.query} /> },
    { label: t('help.staff.language'), cell: (miss) => miss.language.toUpperCase() },
    { label: t('help.staff.count'), cell: (miss) => miss.count },
    { label: t('help.staff.lastSearched'), cell: (miss) => formatDateTime(miss.lastAt, lang) },
  ];
  return (
    <Layout ctx={ctx} title={t('help.staff.analytics')}>
      <h1>{t('help.staff.analytics')}</h1>
      <StaffHelpNav ctx={ctx} />
      <h2>{t('help.staff.mostRead')}</h2>
      <DataTable columns={entryColumns} rows={entries} compact />
      <h2>{t('help.staff.misses')}</h2>
      <DataTable columns={missColumns} rows={misses} empty={t('help.staff.noMisses')} compact />
    </Layout>
  );
}

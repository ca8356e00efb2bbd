import type { ViewContext, FormState } from '../../platform/views/context.ts';
import type { Language } from '../../platform/db/database.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { DataTable, type Column } from '../../platform/views/data-table.tsx';
import { FormCard, PostButton } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { HelpCategory, HelpRevision } from './help.tables.ts';
import type { AnswerBlock } from './personalize.ts';
import { EditorForm, Preview, RevisionFields, SettingsFields, StaffHelpNav, STATE_LABEL } from './staff-help.parts.tsx';

export interface StaffEntryView {
  id: number;
  publicPath: string | null;
  revisions: HelpRevision[];
}

const LANGUAGE_TITLE: Record<Language, MessageKey> = { de: 'help.staff.german', en: 'help.staff.english' };

/** One language's revisions, newest first, with what may be done to each. */
function History(props: { ctx: ViewContext; entryId: number; revisions: HelpRevision[]; canPublish: boolean }) {
  const { ctx, entryId, revisions } = props;
  const { t, lang } = ctx;
  const columns: Column<HelpRevision>[] = [
    {
      label: t('help.staff.revision'),
      cell: (revision) => (
        <>
          {revision.number}
          {revision.restoredFrom && <small class="muted block">{t('help.staff.restoredFrom', { id: revision.restoredFrom })}</small>}
        </>
      ),
    },
    { label: t('help.staff.state'), cell: (revision) => <span class={`badge${revision.state === 'published' ? ' badge-active' : ''}`}>{t(STATE_LABEL[revision.state])}</span> },
    { label: t('help.staff.author'), cell: (revision) => revision.author },
    { label: t('help.staff.created'), cell: (revision) => formatDateTime(revision.createdAt, lang) },
    {
      label: t('domains.actions'),
      actions: true,
      cell: (revision) => {
        const previous = revisions[revisions.indexOf(revision) + 1];
        return (
          <span class="action-links">
            {previous && <a href={`/staff/hilfe/${entryId}/diff?from=${previous.id}&to=${revision.id}`}>{t('help.staff.diff')}</a>}
            {revision.state === 'draft' && (
              <PostButton ctx={ctx} action={`/staff/hilfe/revision/${revision.id}/pruefung`} class="button">
                {t('help.staff.submitReview')}
              </PostButton>
            )}
            {props.canPublish && (revision.state === 'draft' || revision.state === 'review') && (
              <PostButton ctx={ctx} action={`/staff/hilfe/revision/${revision.id}/veroeffentlichen`} class="button primary">
                {t('help.staff.publish')}
              </PostButton>
            )}
            {revision.state === 'superseded' && (
              <PostButton ctx={ctx} action={`/staff/hilfe/revision/${revision.id}/wiederherstellen`} class="button">
                {t('help.staff.restore')}
              </PostButton>
            )}
          </span>
        );
      },
    },
  ];
  return (
    <>
      <h3>{t('help.staff.history')}</h3>
      <DataTable columns={columns} rows={revisions} empty={t('help.staff.noRevisions')} compact />
    </>
  );
}

/** The editor of one entry: its settings, and per language a draft form and the revision history. */
export function StaffEntryPage(props: {
  ctx: ViewContext;
  entry: StaffEntryView;
  categories: HelpCategory[];
  settings: FormState;
  drafts: Record<Language, FormState>;
  preview: { lang: Language; blocks: AnswerBlock[] } | null;
  canPublish: boolean;
}) {
  const { ctx, entry, preview } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={`#${entry.id}`}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>
        {t('help.staff.entry')} #{entry.id}
      </h1>
      <StaffHelpNav ctx={ctx} />
      {entry.publicPath && (
        <p>
          <a href={entry.publicPath}>{t('help.staff.viewPublic')}</a>
        </p>
      )}
      <FormCard ctx={ctx} form={props.settings} action={`/staff/hilfe/${entry.id}/einstellungen`} title={t('help.staff.settings')} submit={t('help.staff.saveSettings')}>
        <SettingsFields ctx={ctx} form={props.settings} categories={props.categories} />
      </FormCard>
      {(['de', 'en'] as const).map((lang) => (
        <section class="card" id={`lang-${lang}`}>
          <h2>{t(LANGUAGE_TITLE[lang])}</h2>
          {preview?.lang === lang && <Preview ctx={ctx} blocks={preview.blocks} />}
          <EditorForm ctx={ctx} form={props.drafts[lang]} action={`/staff/hilfe/${entry.id}/${lang}/entwurf`}>
            <RevisionFields ctx={ctx} form={props.drafts[lang]} />
          </EditorForm>
          <History ctx={ctx} entryId={entry.id} revisions={entry.revisions.filter((revision) => revision.language === lang)} canPublish={props.canPublish} />
        </section>
      ))}
    </Layout>
  );
}

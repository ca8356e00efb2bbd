import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { SelectField } from '../../platform/views/form.tsx';
import type { HelpCategory } from './help.tables.ts';
import type { AnswerBlock } from './personalize.ts';
import { EditorForm, Preview, RevisionFields, SettingsFields, StaffHelpNav } from './staff-help.parts.tsx';

const LANGUAGE_OPTIONS = [
  { value: 'de', label: 'Deutsch' },
  { value: 'en', label: 'English' },
];

/** A new entry with its first draft; it may answer a visitor's question (`questionId`). */
export function StaffNewEntryPage(props: { ctx: ViewContext; form: FormState; categories: HelpCategory[]; preview: AnswerBlock[] | null }) {
  const { ctx, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('help.staff.new')}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>{t('help.staff.new')}</h1>
      <StaffHelpNav ctx={ctx} />
      <Preview ctx={ctx} blocks={props.preview} />
      <EditorForm ctx={ctx} form={form} action="/staff/hilfe/neu" card>
        <input type="hidden" name="questionId" value={form.values.questionId ?? ''} />
        <SelectField ctx={ctx} form={form} name="language" label="help.staff.language" options={LANGUAGE_OPTIONS} />
        <SettingsFields ctx={ctx} form={form} categories={props.categories} />
        <RevisionFields ctx={ctx} form={form} />
      </EditorForm>
    </Layout>
  );
}

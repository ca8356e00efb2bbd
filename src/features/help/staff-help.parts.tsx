import type { ComponentChildren } from 'preact';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import { Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import type { MessageKey } from '../../platform/views/i18n.ts';
import type { HelpCategory, HelpRevisionState } from './help.tables.ts';
import type { AnswerBlock } from './personalize.ts';
import { Answer, categoryName } from './help.parts.tsx';

export const STATE_LABEL: Record<HelpRevisionState, MessageKey> = {
  draft: 'help.state.draft',
  review: 'help.state.review',
  published: 'help.state.published',
  superseded: 'help.state.superseded',
};

export function StaffHelpNav({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <p class="actions">
      <a href="/staff/hilfe">{t('help.staff.entries')}</a>
      <a href="/staff/hilfe/neu">{t('help.staff.new')}</a>
      <a href="/staff/hilfe/kategorien">{t('help.staff.categories')}</a>
      <a href="/staff/hilfe/fragen">{t('help.staff.questions')}</a>
      <a href="/staff/hilfe/statistik">{t('help.staff.analytics')}</a>
    </p>
  );
}

/** Category, placement, publishing window, related entries and the pages an entry explains. */
export function SettingsFields({ ctx, form, categories }: { ctx: ViewContext; form: FormState; categories: HelpCategory[] }) {
  const { t, lang } = ctx;
  return (
    <>
      <SelectField ctx={ctx} form={form} name="categoryId" label="help.staff.category" options={categories.map((category) => ({ value: String(category.id), label: categoryName(category, lang) }))} />
      <div class="field checkbox">
        <input id="f-sticky" type="checkbox" name="sticky" value="1" checked={form.values.sticky === '1'} />
        <label for="f-sticky">{t('help.staff.sticky')}</label>
      </div>
      <div class="grid-2">
        <TextField ctx={ctx} form={form} name="publishFrom" label="help.staff.publishFrom" hint="help.staff.dateHint" />
        <TextField ctx={ctx} form={form} name="publishUntil" label="help.staff.publishUntil" hint="help.staff.dateHint" />
      </div>
      <div class="grid-2">
        <TextField ctx={ctx} form={form} name="related" label="help.staff.related" hint="help.staff.relatedHint" />
        <TextField ctx={ctx} form={form} name="contexts" label="help.staff.contexts" hint="help.staff.contextsHint" />
      </div>
    </>
  );
}

/** Question, search keywords and the Markdown answer of one revision. */
export function RevisionFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <>
      <TextField ctx={ctx} form={form} name="question" label="help.staff.question" required maxLength={300} />
      <TextField ctx={ctx} form={form} name="keywords" label="help.staff.keywords" maxLength={500} />
      <TextArea ctx={ctx} form={form} name="answer" label="help.staff.answer" required rows={18} />
      <p class="hint small">{ctx.t('help.staff.answerHint')}</p>
    </>
  );
}

/**
 * A form whose answer can be looked at before it is saved: two submit buttons, told apart by
 * their `action` value.
 */
export function EditorForm(props: { ctx: ViewContext; form: FormState; action: string; card?: boolean; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <form method="post" action={props.action} class={props.card ? 'form card' : 'form'} novalidate>
      <Csrf ctx={ctx} />
      <ErrorSummary ctx={ctx} form={props.form} />
      {props.children}
      <p class="actions">
        <button type="submit" name="action" value="preview" class="button">
          {ctx.t('help.staff.previewButton')}
        </button>
        <button type="submit" name="action" value="save" class="button primary">
          {ctx.t('help.staff.saveDraft')}
        </button>
      </p>
    </form>
  );
}

/** The answer as readers will see it, every variant shown. */
export function Preview({ ctx, blocks }: { ctx: ViewContext; blocks: AnswerBlock[] | null }) {
  if (!blocks) return null;
  return (
    <section class="card help-preview" aria-label={ctx.t('help.staff.preview')}>
      <h2>{ctx.t('help.staff.preview')}</h2>
      <Answer ctx={ctx} blocks={blocks} level={3} />
    </section>
  );
}

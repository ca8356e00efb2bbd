import { UserText } from '../../platform/views/user-text.tsx';
import type { ViewContext, FormState } from '../../platform/views/context.ts';
import type { HelpCategory, HelpRevision } from './help.tables.ts';
import type { Language } from '../../platform/db/database.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { Csrf, ErrorSummary, PostButton, SelectField, TextArea, TextField } from '../../platform/views/form.tsx';
import { formatDateTime, type MessageKey } from '../../platform/views/i18n.ts';
import type { AnswerBlock } from './personalize.ts';
import { categoryName } from './help.views.tsx';
import { entryPath } from './paths.ts';

export interface StaffEntryRow {
  id: number;
  question: string;
  category: string;
  states: Record<Language, { live: boolean; waiting: HelpRevision['state'] | null }>;
  views: number;
  votes: { yes: number; no: number };
}

function StaffHelpNav({ ctx }: { ctx: ViewContext }) {
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

const stateKey = (s: HelpRevision['state']) => `help.state.${s}` as MessageKey;

export function StaffHelpListPage({ ctx, rows }: { ctx: ViewContext; rows: StaffEntryRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('help.staff.title')}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>{t('help.staff.title')}</h1>
      <StaffHelpNav ctx={ctx} />
      <div class="table-wrap">
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{t('help.staff.question')}</th>
              <th scope="col">{t('help.staff.category')}</th>
              <th scope="col">DE</th>
              <th scope="col">EN</th>
              <th scope="col">{t('help.staff.views')}</th>
              <th scope="col">{t('help.staff.votes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>#{r.id}</td>
                <th scope="row">
                  <a href={`/staff/hilfe/${r.id}`}>{r.question}</a>
                </th>
                <td>{r.category}</td>
                {(['de', 'en'] as const).map((l) => (
                  <td>
                    {r.states[l].live && <span class="badge badge-active">{t('help.state.published')}</span>}{' '}
                    {r.states[l].waiting && <span class="badge">{t(stateKey(r.states[l].waiting!))}</span>}
                  </td>
                ))}
                <td>{r.views}</td>
                <td>
                  {r.votes.yes} / {r.votes.no}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function SettingsFields({ ctx, form, categories }: { ctx: ViewContext; form: FormState; categories: HelpCategory[] }) {
  const { t, lang } = ctx;
  return (
    <>
      <SelectField ctx={ctx} form={form} name="categoryId" label="help.staff.category" options={categories.map((c) => ({ value: String(c.id), label: categoryName(c, lang) }))} />
      <div class="field">
        <label>
          <input type="checkbox" name="sticky" value="1" checked={form.values.sticky === '1'} /> {t('help.staff.sticky')}
        </label>
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

function RevisionFields({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <>
      <TextField ctx={ctx} form={form} name="question" label="help.staff.question" required maxLength={300} />
      <TextField ctx={ctx} form={form} name="keywords" label="help.staff.keywords" maxLength={500} />
      <TextArea ctx={ctx} form={form} name="answer" label="help.staff.answer" required rows={18} />
      <p class="hint small">{ctx.t('help.staff.answerHint')}</p>
    </>
  );
}

function Preview({ ctx, preview }: { ctx: ViewContext; preview: AnswerBlock[] | null }) {
  if (!preview) return null;
  return (
    <section class="card help-preview" aria-label={ctx.t('help.staff.preview')}>
      <h2>{ctx.t('help.staff.preview')}</h2>
      <div class="help-answer">
        {preview.map((b) =>
          b.kind === 'common' ? (
            <div dangerouslySetInnerHTML={{ __html: b.html }} />
          ) : (
            <section class="help-variant">
              {b.title && <h3>{b.title}</h3>}
              <div dangerouslySetInnerHTML={{ __html: b.html }} />
            </section>
          ),
        )}
      </div>
    </section>
  );
}

export function StaffNewEntryPage(p: { ctx: ViewContext; form: FormState; categories: HelpCategory[]; preview: AnswerBlock[] | null; questionId: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('help.staff.new')}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>{t('help.staff.new')}</h1>
      <StaffHelpNav ctx={p.ctx} />
      <Preview ctx={p.ctx} preview={p.preview} />
      <form method="post" action="/staff/hilfe/neu" class="form card" novalidate>
        <Csrf ctx={p.ctx} />
        <input type="hidden" name="questionId" value={p.questionId} />
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <SelectField ctx={p.ctx} form={p.form} name="language" label="help.staff.language" options={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} />
        <SettingsFields ctx={p.ctx} form={p.form} categories={p.categories} />
        <RevisionFields ctx={p.ctx} form={p.form} />
        <p class="actions">
          <button type="submit" name="action" value="preview" class="button">
            {t('help.staff.previewButton')}
          </button>
          <button type="submit" name="action" value="save" class="button primary">
            {t('help.staff.saveDraft')}
          </button>
        </p>
      </form>
    </Layout>
  );
}

export interface StaffEntryView {
  id: number;
  publicPath: string | null;
  revisions: HelpRevision[];
}

export function StaffEntryPage(p: {
  ctx: ViewContext;
  entry: StaffEntryView;
  categories: HelpCategory[];
  settings: FormState;
  drafts: Record<Language, FormState>;
  preview: { lang: Language; blocks: AnswerBlock[] } | null;
  canPublish: boolean;
}) {
  const { t, lang } = p.ctx;
  const { entry } = p;
  return (
    <Layout ctx={p.ctx} title={`#${entry.id}`}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>
        {t('help.staff.entry')} #{entry.id}
      </h1>
      <StaffHelpNav ctx={p.ctx} />
      {entry.publicPath && (
        <p>
          <a href={entry.publicPath}>{t('help.staff.viewPublic')}</a>
        </p>
      )}
      <form method="post" action={`/staff/hilfe/${entry.id}/einstellungen`} class="form card" novalidate>
        <h2>{t('help.staff.settings')}</h2>
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.settings} />
        <SettingsFields ctx={p.ctx} form={p.settings} categories={p.categories} />
        <button type="submit" class="button">
          {t('help.staff.saveSettings')}
        </button>
      </form>
      {(['de', 'en'] as const).map((l) => {
        const revisions = entry.revisions.filter((r) => r.language === l);
        return (
          <section class="card" id={`lang-${l}`}>
            <h2>{t(l === 'de' ? 'help.staff.german' : 'help.staff.english')}</h2>
            {p.preview?.lang === l && <Preview ctx={p.ctx} preview={p.preview.blocks} />}
            <form method="post" action={`/staff/hilfe/${entry.id}/${l}/entwurf`} class="form" novalidate>
              <Csrf ctx={p.ctx} />
              <ErrorSummary ctx={p.ctx} form={p.drafts[l]} />
              <RevisionFields ctx={p.ctx} form={p.drafts[l]} />
              <p class="actions">
                <button type="submit" name="action" value="preview" class="button">
                  {t('help.staff.previewButton')}
                </button>
                <button type="submit" name="action" value="save" class="button primary">
                  {t('help.staff.saveDraft')}
                </button>
              </p>
            </form>
            <h3>{t('help.staff.history')}</h3>
            {revisions.length === 0 ? (
              <p class="muted">{t('help.staff.noRevisions')}</p>
            ) : (
              <div class="table-wrap">
                <table class="table compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('help.staff.revision')}</th>
                      <th scope="col">{t('help.staff.state')}</th>
                      <th scope="col">{t('help.staff.author')}</th>
                      <th scope="col">{t('help.staff.created')}</th>
                      <th scope="col">{t('domains.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {revisions.map((r, i) => {
                      const previous = revisions[i + 1];
                      return (
                        <tr>
                          <td>
                            {r.number}
                            {r.restoredFrom && <small class="muted block">{t('help.staff.restoredFrom', { id: r.restoredFrom })}</small>}
                          </td>
                          <td>
                            <span class={`badge${r.state === 'published' ? ' badge-active' : ''}`}>{t(stateKey(r.state))}</span>
                          </td>
                          <td>{r.author}</td>
                          <td>{formatDateTime(r.createdAt, lang)}</td>
                          <td class="action-links">
                            {previous && <a href={`/staff/hilfe/${entry.id}/diff?from=${previous.id}&to=${r.id}`}>{t('help.staff.diff')}</a>}
                            {r.state === 'draft' && (
                              <PostButton ctx={p.ctx} action={`/staff/hilfe/revision/${r.id}/pruefung`} class="button">
                                {t('help.staff.submitReview')}
                              </PostButton>
                            )}
                            {p.canPublish && (r.state === 'draft' || r.state === 'review') && (
                              <PostButton ctx={p.ctx} action={`/staff/hilfe/revision/${r.id}/veroeffentlichen`} class="button primary">
                                {t('help.staff.publish')}
                              </PostButton>
                            )}
                            {r.state === 'superseded' && (
                              <PostButton ctx={p.ctx} action={`/staff/hilfe/revision/${r.id}/wiederherstellen`} class="button">
                                {t('help.staff.restore')}
                              </PostButton>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </Layout>
  );
}

export type DiffPart = { value: string; added?: boolean; removed?: boolean };

export function DiffPage(p: { ctx: ViewContext; entryId: number; from: HelpRevision; to: HelpRevision; question: DiffPart[]; keywords: DiffPart[]; answer: DiffPart[] }) {
  const { t } = p.ctx;
  const Show = ({ parts }: { parts: DiffPart[] }) => (
    <pre class="help-diff">{parts.map((d) => (d.added ? <ins>{d.value}</ins> : d.removed ? <del>{d.value}</del> : d.value))}</pre>
  );
  return (
    <Layout ctx={p.ctx} title={t('help.staff.diff')}>
      <link rel="stylesheet" href="/assets/help.css" />
      <h1>{t('help.staff.diffTitle', { id: p.entryId, from: p.from.number, to: p.to.number })}</h1>
      <p>
        <a href={`/staff/hilfe/${p.entryId}`}>{t('common.back')}</a>
      </p>
      <h2>{t('help.staff.question')}</h2>
      <Show parts={p.question} />
      <h2>{t('help.staff.keywords')}</h2>
      <Show parts={p.keywords} />
      <h2>{t('help.staff.answer')}</h2>
      <Show parts={p.answer} />
    </Layout>
  );
}

export function CategoriesPage(p: { ctx: ViewContext; categories: HelpCategory[]; form: FormState }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('help.staff.categories')}>
      <h1>{t('help.staff.categories')}</h1>
      <StaffHelpNav ctx={p.ctx} />
      <ul class="plain card">
        {p.categories.map((c) => (
          <li>
            {c.parentId ? '— ' : ''}
            {categoryName(c, lang)} <code>{c.slug}</code>
          </li>
        ))}
      </ul>
      <form method="post" action="/staff/hilfe/kategorien" class="form card" novalidate>
        <h2>{t('help.staff.newCategory')}</h2>
        <Csrf ctx={p.ctx} />
        <ErrorSummary ctx={p.ctx} form={p.form} />
        <div class="grid-2">
          <TextField ctx={p.ctx} form={p.form} name="nameDe" label="help.staff.nameDe" required />
          <TextField ctx={p.ctx} form={p.form} name="nameEn" label="help.staff.nameEn" required />
        </div>
        <div class="grid-2">
          <TextField ctx={p.ctx} form={p.form} name="slug" label="help.staff.slug" required />
          <SelectField
            ctx={p.ctx}
            form={p.form}
            name="parentId"
            label="help.staff.parent"
            options={[{ value: '', label: '—' }, ...p.categories.filter((c) => !c.parentId).map((c) => ({ value: String(c.id), label: categoryName(c, lang) }))]}
          />
        </div>
        <TextField ctx={p.ctx} form={p.form} name="position" label="help.staff.position" inputMode="numeric" />
        <button type="submit" class="button primary">
          {t('help.staff.createCategory')}
        </button>
      </form>
    </Layout>
  );
}

export function QuestionsPage(p: { ctx: ViewContext; questions: { id: number; language: Language; question: string; email: string; createdAt: string }[] }) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('help.staff.questions')}>
      <h1>{t('help.staff.questions')}</h1>
      <StaffHelpNav ctx={p.ctx} />
      {p.questions.length === 0 ? (
        <p class="card">{t('help.staff.noQuestions')}</p>
      ) : (
        <ul class="plain">
          {p.questions.map((q) => (
            <li class="card">
              <p>
                <strong lang={q.language}>
                  <UserText text={q.question} />
                </strong>
              </p>
              <p class="muted small">
                {formatDateTime(q.createdAt, lang)} · {q.language.toUpperCase()} {q.email && `· ${q.email}`}
              </p>
              <p class="actions">
                <a class="button primary" href={`/staff/hilfe/neu?frage=${q.id}`}>
                  {t('help.staff.answerAsEntry')}
                </a>
                <PostButton ctx={p.ctx} action={`/staff/hilfe/fragen/${q.id}/verwerfen`} class="button danger">
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

export function AnalyticsPage(p: {
  ctx: ViewContext;
  entries: { id: number; question: string; views: number; votes: { yes: number; no: number } }[];
  misses: { language: Language; query: string; count: number; lastAt: string }[];
}) {
  const { t, lang } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('help.staff.analytics')}>
      <h1>{t('help.staff.analytics')}</h1>
      <StaffHelpNav ctx={p.ctx} />
      <h2>{t('help.staff.mostRead')}</h2>
      <div class="table-wrap">
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{t('help.staff.question')}</th>
              <th scope="col">{t('help.staff.views')}</th>
              <th scope="col">{t('help.vote.yes')}</th>
              <th scope="col">{t('help.vote.no')}</th>
            </tr>
          </thead>
          <tbody>
            {p.entries.map((e) => (
              <tr>
                <td>#{e.id}</td>
                <th scope="row">
                  <a href={entryPath(lang, e.id, e.question)}>{e.question}</a>
                </th>
                <td>{e.views}</td>
                <td>{e.votes.yes}</td>
                <td>{e.votes.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('help.staff.misses')}</h2>
      {p.misses.length === 0 ? (
        <p class="muted">{t('help.staff.noMisses')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">{t('help.staff.query')}</th>
                <th scope="col">{t('help.staff.language')}</th>
                <th scope="col">{t('help.staff.count')}</th>
                <th scope="col">{t('help.staff.lastSearched')}</th>
              </tr>
            </thead>
            <tbody>
              {p.misses.map((m) => (
                <tr>
                  <th scope="row">
                    <UserText text={m.query} />
                  </th>
                  <td>{m.language.toUpperCase()}</td>
                  <td>{m.count}</td>
                  <td>{formatDateTime(m.lastAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

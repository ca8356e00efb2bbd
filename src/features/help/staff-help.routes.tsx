import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { HelpRouteDeps } from './help.routes.tsx';
import type { Language } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { translator } from '../../platform/views/i18n.ts';
import * as repo from './help.repository.ts';
import * as help from './help.service.ts';
import { CategoryForm, DraftForm, EntrySettingsForm, entrySettingsOf, LanguageField, NewEntryForm } from './help.forms.ts';
import { helpPolicy } from './help.policies.ts';
import { actorOf } from '../accounts/index.ts';
import { renderAnswer } from './personalize.ts';
import { entryPath } from './paths.ts';
import { StaffEntryPage } from './staff-entry.page.tsx';
import { StaffNewEntryPage } from './staff-new-entry.page.tsx';
import { AnalyticsPage, CategoriesPage, DiffPage, QuestionsPage, StaffHelpListPage } from './staff-help.views.tsx';

type IdRoute = { Params: { id: string } };
type DraftRoute = { Params: { id: string; lang: string } };
type RevisionRoute = { Params: { rid: string } };
type DiffRoute = { Params: { id: string }; Querystring: { from?: string; to?: string } };

const numericId = (value: string) => {
  if (!/^\d{1,9}$/.test(value)) throw new DomainError('not_found', 'error.notFound');
  return Number(value);
};

/** What the entry page shows other than stored values: a form that came back, a preview. */
interface EntryOverride {
  settings?: FormState;
  draft?: { lang: Language; form: FormState };
  preview?: { lang: Language; answer: string };
}

export const staffHelpRoutes: FastifyPluginAsync<HelpRouteDeps> = async (app, deps) => {
  const { db, dialect, clock } = deps;
  const staff = { preHandler: deps.guards.staff };
  const admin = { preHandler: deps.guards.admin };

  /** An answer as readers will see it, with every variant and no one's contract filled in. */
  function preview(request: FastifyRequest, reply: FastifyReply, lang: Language, answer: string) {
    const ctx = viewContext(request, reply);
    return renderAnswer(answer, { t: translator(lang), lang, csrfToken: ctx.csrfToken, servers: deps.mailServer, contracts: null, showAll: true }).blocks;
  }

  async function settingsValues(entryId: number) {
    const entry = await repo.findEntry(db, entryId);
    const related = await repo.listRelatedIds(db, entryId);
    return {
      categoryId: String(entry!.categoryId),
      sticky: entry!.sticky ? '1' : '',
      publishFrom: entry!.publishFrom ?? '',
      publishUntil: entry!.publishUntil ?? '',
      contexts: entry!.contexts,
      related: related.join(', '),
    };
  }

  async function renderEntry(request: FastifyRequest, reply: FastifyReply, entryId: number, override: EntryOverride = {}, status = 200) {
    const actor = actorOf(request);
    const entry = await help.requireEntry(db, actor, entryId);
    const revisions = await repo.listRevisions(db, entryId);
    const drafts = {} as Record<Language, FormState>;
    for (const lang of ['de', 'en'] as const) {
      const latest = revisions.find((r) => r.language === lang);
      drafts[lang] = override.draft?.lang === lang ? override.draft.form : emptyForm(latest ? { question: latest.question, keywords: latest.keywords, answer: latest.answer } : {});
    }
    const live = revisions.find((r) => r.state === 'published' && r.language === request.lang) ?? revisions.find((r) => r.state === 'published');
    const page = (
      <StaffEntryPage
        ctx={viewContext(request, reply)}
        entry={{ id: entry.id, publicPath: live ? entryPath(live.language, entry.id, live.question) : null, revisions }}
        categories={await repo.listCategories(db)}
        settings={override.settings ?? emptyForm(await settingsValues(entryId))}
        drafts={drafts}
        preview={override.preview ? { lang: override.preview.lang, blocks: preview(request, reply, override.preview.lang, override.preview.answer) } : null}
        canPublish={helpPolicy.can(actor, 'publishRevision', { entryId: entry.id })}
      />
    );
    return sendPage(reply, page, status);
  }

  async function showEntries(request: FastifyRequest, reply: FastifyReply) {
    const rows = await help.listEntriesForEditors(db, actorOf(request), request.lang);
    return sendPage(reply, <StaffHelpListPage ctx={viewContext(request, reply)} rows={rows} />);
  }

  async function showNewEntry(request: FastifyRequest<{ Querystring: { frage?: string } }>, reply: FastifyReply) {
    const categories = await repo.listCategories(db);
    const values: Record<string, string> = { language: 'de', categoryId: String(categories[0]?.id ?? '') };
    if (request.query.frage && /^\d{1,9}$/.test(request.query.frage)) {
      const question = await help.findQuestion(db, actorOf(request), Number(request.query.frage));
      if (question) Object.assign(values, { question: question.question.slice(0, 300), language: question.language, questionId: String(question.id) });
    }
    return sendPage(reply, <StaffNewEntryPage ctx={viewContext(request, reply)} form={emptyForm(values)} categories={categories} preview={null} />);
  }

  const renderNewEntry = async (form: FormState, request: FastifyRequest, reply: FastifyReply, status: number, previewBlocks: ReturnType<typeof preview> | null = null) =>
    sendPage(reply, <StaffNewEntryPage ctx={viewContext(request, reply)} form={form} categories={await repo.listCategories(db)} preview={previewBlocks} />, status);

  const createEntry = formRoute({
    schema: NewEntryForm,
    load: async () => ({}),
    async run(input, _target, request, reply) {
      if (input.action === 'preview') return renderNewEntry(formState(request.body), request, reply, 200, preview(request, reply, input.language, input.answer));
      const draft = { question: input.question, keywords: input.keywords, answer: input.answer };
      const created = await help.createEntry(
        db,
        dialect,
        actorOf(request),
        { settings: entrySettingsOf(input), language: input.language, draft, author: request.staff!.name, questionId: input.questionId },
        clock(),
      );
      setFlash(request, 'success', 'help.staff.createdFlash');
      return reply.redirect(`/staff/hilfe/${created.id}`, 303);
    },
    render: (form, _target, request, reply, status) => renderNewEntry(form, request, reply, status),
  });

  const entryOf = async (request: FastifyRequest<IdRoute>) => help.requireEntry(db, actorOf(request), numericId(request.params.id));

  async function showEntry(request: FastifyRequest<IdRoute>, reply: FastifyReply) {
    return renderEntry(request, reply, numericId(request.params.id));
  }

  const saveSettings = formRoute({
    schema: EntrySettingsForm,
    load: entryOf,
    async run(input, entry, request, reply) {
      await help.updateEntrySettings(db, actorOf(request), { entryId: entry.id, settings: entrySettingsOf(input) }, clock());
      setFlash(request, 'success', 'help.staff.saved');
      return reply.redirect(`/staff/hilfe/${entry.id}`, 303);
    },
    render: (form, entry, request, reply, status) => renderEntry(request, reply, entry.id, { settings: form }, status),
  });

  const saveDraft = formRoute({
    schema: DraftForm,
    async load(request: FastifyRequest<DraftRoute>) {
      const id = numericId(request.params.id);
      const lang = LanguageField.safeParse(request.params.lang);
      if (!lang.success) throw new DomainError('not_found', 'error.notFound');
      return { entry: await help.requireEntry(db, actorOf(request), id), lang: lang.data };
    },
    async run(input, { entry, lang }, request, reply) {
      const draft = { question: input.question, keywords: input.keywords, answer: input.answer };
      if (input.action === 'preview') return renderEntry(request, reply, entry.id, { draft: { lang, form: formState(request.body) }, preview: { lang, answer: draft.answer } });
      await help.saveDraft(db, actorOf(request), { entryId: entry.id, language: lang, draft, author: request.staff!.name }, clock());
      setFlash(request, 'success', 'help.staff.draftSaved');
      return reply.redirect(`/staff/hilfe/${entry.id}#lang-${lang}`, 303);
    },
    render: (form, { entry, lang }, request, reply, status) => renderEntry(request, reply, entry.id, { draft: { lang, form } }, status),
  });

  const backToRevision = (reply: FastifyReply, revision: { entryId: number; language: Language }) => reply.redirect(`/staff/hilfe/${revision.entryId}#lang-${revision.language}`, 303);

  async function submitForReview(request: FastifyRequest<RevisionRoute>, reply: FastifyReply) {
    const revision = await help.submitForReview(db, actorOf(request), numericId(request.params.rid), clock());
    setFlash(request, 'success', 'help.staff.submitted');
    return backToRevision(reply, revision);
  }

  async function publishRevision(request: FastifyRequest<RevisionRoute>, reply: FastifyReply) {
    const revision = await help.publishRevision(db, dialect, actorOf(request), { revisionId: numericId(request.params.rid), ip: request.ip }, clock());
    setFlash(request, 'success', 'help.staff.published');
    return backToRevision(reply, revision);
  }

  async function restoreRevision(request: FastifyRequest<RevisionRoute>, reply: FastifyReply) {
    const draft = await help.restoreRevision(db, actorOf(request), { revisionId: numericId(request.params.rid), author: request.staff!.name }, clock());
    setFlash(request, 'success', 'help.staff.restored');
    return backToRevision(reply, draft);
  }

  async function showDiff(request: FastifyRequest<DiffRoute>, reply: FastifyReply) {
    const id = numericId(request.params.id);
    const actor = actorOf(request);
    const from = await help.requireRevision(db, actor, numericId(request.query.from ?? ''));
    const to = await help.requireRevision(db, actor, numericId(request.query.to ?? ''));
    if (from.entryId !== id || to.entryId !== id) throw new DomainError('not_found', 'error.notFound');
    // diff is loaded by the first comparison of revisions, not by every server at start.
    const { diffWords } = await import('diff');
    const changes = { question: diffWords(from.question, to.question), keywords: diffWords(from.keywords, to.keywords), answer: diffWords(from.answer, to.answer) };
    return sendPage(reply, <DiffPage ctx={viewContext(request, reply)} entryId={id} from={from} to={to} changes={changes} />);
  }

  async function showCategories(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <CategoriesPage ctx={viewContext(request, reply)} categories={await repo.listCategories(db)} form={emptyForm({ position: '0' })} />);
  }

  const createCategory = formRoute({
    schema: CategoryForm,
    load: async () => ({}),
    async run(input, _target, request, reply) {
      const parentId = input.parentId ? Number(input.parentId) : null;
      await help.createCategory(db, actorOf(request), { nameDe: input.nameDe, nameEn: input.nameEn, slug: input.slug, parentId, position: input.position }, clock());
      setFlash(request, 'success', 'help.staff.saved');
      return reply.redirect('/staff/hilfe/kategorien', 303);
    },
    render: async (form, _target, request, reply, status) => sendPage(reply, <CategoriesPage ctx={viewContext(request, reply)} categories={await repo.listCategories(db)} form={form} />, status),
  });

  async function showQuestions(request: FastifyRequest, reply: FastifyReply) {
    return sendPage(reply, <QuestionsPage ctx={viewContext(request, reply)} questions={await help.listQuestions(db, actorOf(request))} />);
  }

  async function dismissQuestion(request: FastifyRequest<{ Params: { qid: string } }>, reply: FastifyReply) {
    await help.dismissQuestion(db, actorOf(request), numericId(request.params.qid), clock());
    setFlash(request, 'success', 'help.staff.dismissed');
    return reply.redirect('/staff/hilfe/fragen', 303);
  }

  async function showAnalytics(request: FastifyRequest, reply: FastifyReply) {
    const { entries, misses } = await help.summarizeReading(db, actorOf(request), request.lang, clock());
    return sendPage(reply, <AnalyticsPage ctx={viewContext(request, reply)} entries={entries} misses={misses} />);
  }

  app.get('/staff/hilfe', staff, showEntries);
  app.get<{ Querystring: { frage?: string } }>('/staff/hilfe/neu', staff, showNewEntry);
  app.post('/staff/hilfe/neu', staff, createEntry);
  app.get<IdRoute>('/staff/hilfe/:id', staff, showEntry);
  app.post<IdRoute>('/staff/hilfe/:id/einstellungen', staff, saveSettings);
  app.post<DraftRoute>('/staff/hilfe/:id/:lang/entwurf', staff, saveDraft);
  app.post<RevisionRoute>('/staff/hilfe/revision/:rid/pruefung', staff, submitForReview);
  app.post<RevisionRoute>('/staff/hilfe/revision/:rid/veroeffentlichen', admin, publishRevision);
  app.post<RevisionRoute>('/staff/hilfe/revision/:rid/wiederherstellen', staff, restoreRevision);
  app.get<DiffRoute>('/staff/hilfe/:id/diff', staff, showDiff);
  app.get('/staff/hilfe/kategorien', staff, showCategories);
  app.post('/staff/hilfe/kategorien', admin, createCategory);
  app.get('/staff/hilfe/fragen', staff, showQuestions);
  app.post<{ Params: { qid: string } }>('/staff/hilfe/fragen/:qid/verwerfen', staff, dismissQuestion);
  app.get('/staff/hilfe/statistik', staff, showAnalytics);
};

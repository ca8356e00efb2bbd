import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { HelpRouteDeps } from './help.routes.tsx';
import { diffWords } from 'diff';
import type { HelpRevision } from './help.tables.ts';
import type { Language } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { fieldErrors, formState, sendPage, setFlash, viewContext } from '../../platform/http/web.ts';
import { emptyForm, type FormState } from '../../platform/views/context.ts';
import { translator } from '../../platform/views/i18n.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './help.repository.ts';
import * as help from './help.service.ts';
import { CategoryForm, EntrySettingsForm, LanguageField, RevisionForm } from './help.forms.ts';
import { renderAnswer } from './personalize.ts';
import { entryPath } from './paths.ts';
import { AnalyticsPage, CategoriesPage, DiffPage, QuestionsPage, StaffEntryPage, StaffHelpListPage, StaffNewEntryPage, type StaffEntryRow } from './staff-help.views.tsx';
import { categoryName } from './help.views.tsx';

const numericId = (value: string) => {
  if (!/^\d{1,9}$/.test(value)) throw new DomainError('not_found', 'error.notFound');
  return Number(value);
};

export const staffHelpRoutes: FastifyPluginAsync<HelpRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const service = { db, dialect: deps.dialect };
  const staff = { preHandler: deps.guards.staff };
  const admin = { preHandler: deps.guards.admin };
  const actor = (request: FastifyRequest) => `staff:${request.staff!.login}`;

  function preview(request: FastifyRequest, reply: FastifyReply, lang: Language, answer: string) {
    const ctx = viewContext(request, reply);
    return renderAnswer(answer, { t: translator(lang), lang, csrfToken: ctx.csrfToken, servers: deps.mailServer, contracts: null, showAll: true }).blocks;
  }

  const settingsValues = async (entryId: number) => {
    const entry = await help.requireEntry(db, entryId);
    const related = await repo.listRelatedIds(db, entryId);
    return {
      categoryId: String(entry.categoryId),
      sticky: entry.sticky ? '1' : '',
      publishFrom: entry.publishFrom ?? '',
      publishUntil: entry.publishUntil ?? '',
      contexts: entry.contexts,
      related: related.join(', '),
    };
  };

  async function showEntry(request: FastifyRequest, reply: FastifyReply, entryId: number, override: { settings?: FormState; draft?: { lang: Language; form: FormState }; preview?: { lang: Language; answer: string } } = {}, status = 200) {
    const entry = await help.requireEntry(db, entryId);
    const revisions = await repo.listRevisions(db, entryId);
    const drafts = {} as Record<Language, FormState>;
    for (const l of ['de', 'en'] as const) {
      const latest = revisions.find((r) => r.language === l);
      drafts[l] = override.draft?.lang === l ? override.draft.form : emptyForm(latest ? { question: latest.question, keywords: latest.keywords, answer: latest.answer } : {});
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
        canPublish={request.staff!.role === 'admin'}
      />
    );
    return sendPage(reply, page, status);
  }

  app.get('/staff/hilfe', staff, async (request, reply) => {
    const [categories, revisions, entries] = await Promise.all([
      repo.listCategories(db),
      db.selectFrom('helpRevisions').select(['id', 'entryId', 'language', 'state', 'question', 'number']).orderBy('number', 'desc').execute(),
      db.selectFrom('helpEntries').selectAll().orderBy('id').execute(),
    ]);
    const votes = await repo.tallyVotes(db, revisions.filter((r) => r.state === 'published').map((r) => r.id));
    const rows: StaffEntryRow[] = entries.map((e) => {
      const own = revisions.filter((r) => r.entryId === e.id);
      const stateOf = (l: Language) => {
        const mine = own.filter((r) => r.language === l);
        const live = mine.find((r) => r.state === 'published');
        const waiting = mine.find((r) => (r.state === 'draft' || r.state === 'review') && (!live || r.number > live.number));
        return { live: Boolean(live), waiting: waiting?.state ?? null };
      };
      const live = own.filter((r) => r.state === 'published');
      const tally = live.reduce((s, r) => ({ yes: s.yes + (votes.get(r.id)?.yes ?? 0), no: s.no + (votes.get(r.id)?.no ?? 0) }), { yes: 0, no: 0 });
      const shown = own.find((r) => r.language === request.lang) ?? own[0];
      const category = categories.find((c) => c.id === e.categoryId);
      return { id: e.id, question: shown?.question ?? '', category: category ? categoryName(category, request.lang) : '', states: { de: stateOf('de'), en: stateOf('en') }, views: e.viewCount, votes: tally };
    });
    return sendPage(reply, <StaffHelpListPage ctx={viewContext(request, reply)} rows={rows} />);
  });

  app.get<{ Querystring: { frage?: string } }>('/staff/hilfe/neu', staff, async (request, reply) => {
    const categories = await repo.listCategories(db);
    const values: Record<string, string> = { language: 'de', categoryId: String(categories[0]?.id ?? '') };
    if (request.query.frage && /^\d{1,9}$/.test(request.query.frage)) {
      const q = await db.selectFrom('helpQuestions').selectAll().where('id', '=', Number(request.query.frage)).executeTakeFirst();
      if (q) Object.assign(values, { question: q.question.slice(0, 300), language: q.language, questionId: String(q.id) });
    }
    return sendPage(reply, <StaffNewEntryPage ctx={viewContext(request, reply)} form={emptyForm(values)} categories={categories} preview={null} questionId={values.questionId ?? ''} />);
  });

  app.post('/staff/hilfe/neu', staff, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const settings = EntrySettingsForm.safeParse(body);
    const revision = RevisionForm.safeParse(body);
    const language = LanguageField.safeParse(body.language);
    const questionId = typeof body.questionId === 'string' && /^\d{1,9}$/.test(body.questionId) ? Number(body.questionId) : null;
    const categories = await repo.listCategories(db);
    const rerender = (form: FormState, previewBlocks: ReturnType<typeof preview> | null, status: number) =>
      sendPage(reply, <StaffNewEntryPage ctx={viewContext(request, reply)} form={form} categories={categories} preview={previewBlocks} questionId={questionId ? String(questionId) : ''} />, status);
    if (!settings.success || !revision.success || !language.success) {
      const errors = { ...(settings.success ? {} : fieldErrors(settings.error)), ...(revision.success ? {} : fieldErrors(revision.error)) };
      return rerender(formState(body, errors), null, 422);
    }
    if (body.action === 'preview') return rerender(formState(body), preview(request, reply, language.data, revision.data.answer), 200);
    try {
      const s = settings.data;
      const created = await help.createEntry(
        service,
        { categoryId: s.categoryId, sticky: s.sticky === '1', publishFrom: s.publishFrom, publishUntil: s.publishUntil, contexts: splitContexts(s.contexts), related: s.related },
        language.data,
        revision.data,
        request.staff!.name,
        clock(),
      );
      if (questionId) await help.closeQuestion(db, questionId, { status: 'answered', entryId: created.id }, actor(request), clock()).catch(() => undefined);
      setFlash(request, 'success', 'help.staff.createdFlash');
      return reply.redirect(`/staff/hilfe/${created.id}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return rerender(formState(body, error.fields), null, 422);
      throw error;
    }
  });

  app.get<{ Params: { id: string } }>('/staff/hilfe/:id', staff, async (request, reply) => showEntry(request, reply, numericId(request.params.id)));

  app.post<{ Params: { id: string } }>('/staff/hilfe/:id/einstellungen', staff, async (request, reply) => {
    const id = numericId(request.params.id);
    await help.requireEntry(db, id);
    const parsed = EntrySettingsForm.safeParse(request.body);
    if (!parsed.success) return showEntry(request, reply, id, { settings: formState(request.body, fieldErrors(parsed.error)) }, 422);
    const s = parsed.data;
    try {
      await help.updateEntrySettings(service, id, { categoryId: s.categoryId, sticky: s.sticky === '1', publishFrom: s.publishFrom, publishUntil: s.publishUntil, contexts: splitContexts(s.contexts), related: s.related }, clock());
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return showEntry(request, reply, id, { settings: formState(request.body, error.fields) }, 422);
      throw error;
    }
    setFlash(request, 'success', 'help.staff.saved');
    return reply.redirect(`/staff/hilfe/${id}`, 303);
  });

  app.post<{ Params: { id: string; lang: string } }>('/staff/hilfe/:id/:lang/entwurf', staff, async (request, reply) => {
    const id = numericId(request.params.id);
    const lang = LanguageField.safeParse(request.params.lang);
    if (!lang.success) throw new DomainError('not_found', 'error.notFound');
    await help.requireEntry(db, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = RevisionForm.safeParse(body);
    if (!parsed.success) return showEntry(request, reply, id, { draft: { lang: lang.data, form: formState(body, fieldErrors(parsed.error)) } }, 422);
    if (body.action === 'preview') return showEntry(request, reply, id, { draft: { lang: lang.data, form: formState(body) }, preview: { lang: lang.data, answer: parsed.data.answer } });
    try {
      await help.saveDraft(service, id, lang.data, parsed.data, request.staff!.name, clock());
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return showEntry(request, reply, id, { draft: { lang: lang.data, form: formState(body, error.fields) } }, 422);
      throw error;
    }
    setFlash(request, 'success', 'help.staff.draftSaved');
    return reply.redirect(`/staff/hilfe/${id}#lang-${lang.data}`, 303);
  });

  const revisionAction = (path: string, guard: typeof staff | typeof admin, run: (revision: HelpRevision, request: FastifyRequest) => Promise<void>, flash: Parameters<typeof setFlash>[2]) =>
    app.post<{ Params: { rid: string } }>(`/staff/hilfe/revision/:rid/${path}`, guard, async (request, reply) => {
      const revision = await help.requireRevision(db, numericId(request.params.rid));
      await run(revision, request);
      setFlash(request, 'success', flash);
      return reply.redirect(`/staff/hilfe/${revision.entryId}#lang-${revision.language}`, 303);
    });

  revisionAction('pruefung', staff, (r, request) => help.submitForReview(service, r.id, actor(request), clock()), 'help.staff.submitted');
  revisionAction(
    'veroeffentlichen',
    admin,
    async (r, request) => {
      await help.publishRevision(service, r.id, actor(request), clock());
      await recordAudit(db, { actor: actor(request), event: 'help.published', subject: `help:${r.entryId}`, ip: request.ip, details: { revision: r.number, language: r.language } }, clock());
    },
    'help.staff.published',
  );
  revisionAction('wiederherstellen', staff, async (r, request) => void (await help.restoreRevision(service, r.id, request.staff!.name, clock())), 'help.staff.restored');

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/staff/hilfe/:id/diff', staff, async (request, reply) => {
    const id = numericId(request.params.id);
    const from = await help.requireRevision(db, numericId(request.query.from ?? ''));
    const to = await help.requireRevision(db, numericId(request.query.to ?? ''));
    if (from.entryId !== id || to.entryId !== id) throw new DomainError('not_found', 'error.notFound');
    return sendPage(
      reply,
      <DiffPage ctx={viewContext(request, reply)} entryId={id} from={from} to={to} question={diffWords(from.question, to.question)} keywords={diffWords(from.keywords, to.keywords)} answer={diffWords(from.answer, to.answer)} />,
    );
  });

  app.get('/staff/hilfe/kategorien', staff, async (request, reply) =>
    sendPage(reply, <CategoriesPage ctx={viewContext(request, reply)} categories={await repo.listCategories(db)} form={emptyForm({ position: '0' })} />),
  );

  app.post('/staff/hilfe/kategorien', admin, async (request, reply) => {
    const parsed = CategoryForm.safeParse(request.body);
    const categories = await repo.listCategories(db);
    const fail = (form: FormState) => sendPage(reply, <CategoriesPage ctx={viewContext(request, reply)} categories={categories} form={form} />, 422);
    if (!parsed.success) return fail(formState(request.body, fieldErrors(parsed.error)));
    const parentId = parsed.data.parentId ? Number(parsed.data.parentId) : null;
    if (parentId !== null && !categories.some((c) => c.id === parentId && c.parentId === null)) return fail(formState(request.body, { parentId: { key: 'help.error.category' } }));
    if (categories.some((c) => c.slug === parsed.data.slug)) return fail(formState(request.body, { slug: { key: 'help.error.slugTaken' } }));
    await db.insertInto('helpCategories').values({ parentId, slug: parsed.data.slug, nameDe: parsed.data.nameDe, nameEn: parsed.data.nameEn, position: parsed.data.position, createdAt: clock().toISOString() }).execute();
    setFlash(request, 'success', 'help.staff.saved');
    return reply.redirect('/staff/hilfe/kategorien', 303);
  });

  app.get('/staff/hilfe/fragen', staff, async (request, reply) => sendPage(reply, <QuestionsPage ctx={viewContext(request, reply)} questions={await help.listQuestions(db)} />));

  app.post<{ Params: { qid: string } }>('/staff/hilfe/fragen/:qid/verwerfen', staff, async (request, reply) => {
    await help.closeQuestion(db, numericId(request.params.qid), { status: 'dismissed', entryId: null }, actor(request), clock());
    setFlash(request, 'success', 'help.staff.dismissed');
    return reply.redirect('/staff/hilfe/fragen', 303);
  });

  app.get('/staff/hilfe/statistik', staff, async (request, reply) => {
    const lang = request.lang;
    const published = await repo.listPublished(db, lang, clock().toISOString());
    const votes = await repo.tallyVotes(db, published.map((e) => e.revisionId));
    const entries = [...published]
      .sort((a, b) => b.viewCount - a.viewCount || a.id - b.id)
      .map((e) => ({ id: e.id, question: e.question, views: e.viewCount, votes: votes.get(e.revisionId) ?? { yes: 0, no: 0 } }));
    return sendPage(reply, <AnalyticsPage ctx={viewContext(request, reply)} entries={entries} misses={await repo.listMisses(db)} />);
  });
};

function splitContexts(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

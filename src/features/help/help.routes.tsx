import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from '../mail/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { sha256 } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { formRoute } from '../../platform/http/form-route.ts';
import { sendPage, viewContext } from '../../platform/http/web.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import type { ThrottleRule } from '../../platform/throttle.ts';
import * as repo from './help.repository.ts';
import { askQuestion, castVote, getPublishedEntry, listReaderContracts, recordView, searchHelp } from './help.service.ts';
import { AskForm, VoteForm } from './help.forms.ts';
import { actorOf } from '../accounts/index.ts';
import { AskPage, CategoryPage, ContextPage, HelpHomePage, PrintPage, SearchPage } from './help.views.tsx';
import { EntryPage } from './help-entry.page.tsx';
import type { EntryView } from './help.parts.tsx';
import { renderAnswer } from './personalize.ts';
import { helpPolicy } from './help.policies.ts';
import { categoryPath, entryPath, HELP_PATHS, helpBase } from './paths.ts';
import { MAX_QUERY_LENGTH } from './query.ts';
import { slugify } from './text.ts';

const ENTRY_REF = /^(\d{1,9})(?:-([a-z0-9-]{0,100}))?$/;
/** Searches per client IP, and per customer when logged in: every search runs full-text queries. */
const SEARCH_IP_RULE: ThrottleRule = { scope: 'help-search-ip', limit: 120, windowMs: 10 * 60_000 };
const SEARCH_CUSTOMER_RULE: ThrottleRule = { scope: 'help-search-customer', limit: 60, windowMs: 10 * 60_000 };

export interface HelpRouteDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  guards: Guards;
  /** Filled into answers that name the mail servers. */
  mailServer: MailServerSettings;
  publicUrl: string;
}

type QueryRequest = FastifyRequest<{ Querystring: { q?: unknown } }>;
type EntryRoute = { Params: { ref: string }; Querystring: { alle?: unknown; all?: unknown } };
type EntryRequest = FastifyRequest<EntryRoute>;

export const helpRoutes: FastifyPluginAsync<HelpRouteDeps> = async (app, deps) => {
  const { db, dialect, clock } = deps;
  const searchLimits = throttleRequests(
    db,
    clock,
    [
      { rule: SEARCH_IP_RULE, keyOf: byIp },
      { rule: SEARCH_CUSTOMER_RULE, keyOf: (r) => (r.session?.customerId ? `customer:${r.session.customerId}` : null) },
    ],
    'limits.tooManySearches',
  );

  /**
   * The URL decides the language, unless the visitor chose the other one with the language
   * switch: then they are sent to the same page in that language.
   */
  async function useLanguage(request: FastifyRequest, reply: FastifyReply, lang: Language, elsewhere: (other: Language) => Promise<string | null>) {
    const chosen = request.session?.lang;
    if (chosen && chosen !== lang) {
      const target = await elsewhere(chosen);
      if (target) {
        reply.redirect(target, 303);
        return false;
      }
    }
    request.lang = lang;
    return true;
  }

  const voterHash = (request: FastifyRequest) => sha256(`help-vote:${request.session.sessionId}`);
  const notFound = () => new DomainError('not_found', 'error.notFound');

  for (const lang of ['de', 'en'] as const) {
    const paths = HELP_PATHS[lang];
    const base = paths.base;

    async function showHome(request: FastifyRequest, reply: FastifyReply) {
      if (!(await useLanguage(request, reply, lang, async (other) => helpBase(other)))) return reply;
      const now = clock().toISOString();
      const [categories, published] = await Promise.all([repo.listCategories(db), repo.listPublished(db, lang, now)]);
      const counts = new Map<number, number>();
      for (const entry of published) counts.set(entry.categoryId, (counts.get(entry.categoryId) ?? 0) + 1);
      const withCounts = categories.map((category) => ({
        ...category,
        count: (counts.get(category.id) ?? 0) + categories.filter((sub) => sub.parentId === category.id).reduce((n, sub) => n + (counts.get(sub.id) ?? 0), 0),
      }));
      const sticky = published.filter((entry) => entry.sticky);
      const popular = [...published].sort((a, b) => b.viewCount - a.viewCount || a.id - b.id).slice(0, 5);
      return sendPage(reply, <HelpHomePage ctx={viewContext(request, reply)} categories={withCounts} sticky={sticky} popular={popular} />);
    }

    async function showSearch(request: QueryRequest, reply: FastifyReply) {
      const raw = typeof request.query.q === 'string' ? request.query.q : '';
      if (!(await useLanguage(request, reply, lang, async (other) => `${helpBase(other)}/${HELP_PATHS[other].search}?q=${encodeURIComponent(raw.slice(0, 200))}`))) return reply;
      const outcome = await searchHelp(db, dialect, { text: raw, language: lang }, clock());
      if (outcome.kind === 'jump') {
        const [entry] = await repo.listPublished(db, lang, clock().toISOString(), { ids: [outcome.entryId] });
        return reply.redirect(entryPath(lang, entry!.id, entry!.question), 303);
      }
      const results = outcome.kind === 'empty' ? null : outcome.results;
      // Nothing to search for: nothing typed, too much, or no word in it (only signs or emoji).
      const unsearchable = !raw.trim() ? 'empty' : raw.length > MAX_QUERY_LENGTH ? 'tooLong' : 'noWords';
      return sendPage(reply, <SearchPage ctx={viewContext(request, reply)} query={raw.slice(0, MAX_QUERY_LENGTH)} results={results} unsearchable={unsearchable} />);
    }

    async function showCategory(request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply) {
      if (!(await useLanguage(request, reply, lang, async (other) => categoryPath(other, request.params.slug)))) return reply;
      const categories = await repo.listCategories(db);
      const category = categories.find((c) => c.slug === request.params.slug);
      if (!category) throw notFound();
      const children = categories.filter((c) => c.parentId === category.id);
      const parent = categories.find((c) => c.id === category.parentId) ?? null;
      const entries = await repo.listPublished(db, lang, clock().toISOString(), { categoryId: category.id });
      return sendPage(reply, <CategoryPage ctx={viewContext(request, reply)} category={category} parent={parent} children={children} entries={entries} />);
    }

    async function showPageHelp(request: FastifyRequest<{ Params: { page: string } }>, reply: FastifyReply) {
      if (!(await useLanguage(request, reply, lang, async (other) => `${helpBase(other)}/${HELP_PATHS[other].page}/${request.params.page}`))) return reply;
      if (!/^[a-z0-9-]{1,40}$/.test(request.params.page)) throw notFound();
      const entries = await repo.listPublished(db, lang, clock().toISOString(), { context: request.params.page });
      if (entries.length === 1) return reply.redirect(entryPath(lang, entries[0]!.id, entries[0]!.question), 303);
      return sendPage(reply, <ContextPage ctx={viewContext(request, reply)} entries={entries} />);
    }

    async function showAsk(request: QueryRequest, reply: FastifyReply) {
      if (!(await useLanguage(request, reply, lang, async (other) => `${helpBase(other)}/${HELP_PATHS[other].ask}`))) return reply;
      const question = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
      return sendPage(reply, <AskPage ctx={viewContext(request, reply)} form={emptyForm({ question })} sent={false} />);
    }

    const sendQuestion = formRoute({
      schema: AskForm,
      async load(request) {
        request.lang = lang;
        return lang;
      },
      async run(input, language, request, reply) {
        await askQuestion(db, { ...input, language }, clock());
        return sendPage(reply, <AskPage ctx={viewContext(request, reply)} form={emptyForm()} sent />);
      },
      render: async (form, _language, request, reply, status) => sendPage(reply, <AskPage ctx={viewContext(request, reply)} form={form} sent={false} />, status),
    });

    /** A vote is two buttons, not a form to correct: anything but their values is a 404. */
    async function vote(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      request.lang = lang;
      const parsed = VoteForm.safeParse(request.body);
      if (!/^\d{1,9}$/.test(request.params.id) || !parsed.success) throw notFound();
      const id = Number(request.params.id);
      const entry = await castVote(db, { entryId: id, language: lang, helpful: parsed.data.helpful === 'yes', voterHash: voterHash(request) }, clock());
      return reply.redirect(`${entryPath(lang, id, entry.question)}#vote-title`, 303);
    }

    /** The entry page and its print view: "/hilfe/1002" and wrong slugs redirect to the permalink. */
    async function renderEntry(request: EntryRequest, reply: FastifyReply, print: boolean) {
      const ref = ENTRY_REF.exec(request.params.ref);
      if (!ref) throw notFound();
      const id = Number(ref[1]);
      const suffix = print ? `/${paths.print}` : '';
      const stays = await useLanguage(request, reply, lang, async (other) => {
        const [translated] = await repo.listPublished(db, other, clock().toISOString(), { ids: [id] });
        return translated ? `${entryPath(other, id, translated.question)}${print ? `/${HELP_PATHS[other].print}` : ''}` : null;
      });
      if (!stays) return reply;
      const entry = await getPublishedEntry(db, id, lang, clock());
      if (!entry) throw notFound();
      const canonical = entryPath(lang, id, entry.question);
      if (ref[2] !== slugify(entry.question)) return reply.redirect(`${canonical}${suffix}`, 301);

      const showAll = request.query.alle === '1' || request.query.all === '1';
      const ctx = viewContext(request, reply);
      const actor = actorOf(request);
      const contracts = await listReaderContracts(db, actor);
      const { blocks, personalized } = renderAnswer(entry.answer, { t: ctx.t, lang, csrfToken: ctx.csrfToken, servers: deps.mailServer, contracts, showAll });
      const otherLang: Language = lang === 'de' ? 'en' : 'de';
      const [translated] = await repo.listPublished(db, otherLang, clock().toISOString(), { ids: [id] });
      const view: EntryView = {
        id,
        question: entry.question,
        author: entry.author,
        publishedAt: entry.publishedAt,
        category: entry.category,
        related: entry.related,
        votes: helpPolicy.can(actor, 'readVoteTally', { id }) ? entry.votes : null,
        blocks,
        personalized,
        otherLanguage: translated ? { lang: otherLang, path: entryPath(otherLang, id, translated.question) } : null,
      };
      if (print) return sendPage(reply, <PrintPage ctx={ctx} entry={view} url={`${deps.publicUrl}${canonical}`} />);
      await recordView(db, actor, id);
      const voted = await repo.hasVoted(db, entry.revisionId, voterHash(request));
      const showAllPath = personalized ? `${canonical}?${lang === 'de' ? 'alle' : 'all'}=1` : null;
      return sendPage(reply, <EntryPage ctx={ctx} entry={view} showAllPath={showAllPath} voted={voted} />);
    }

    const showEntry = (request: EntryRequest, reply: FastifyReply) => renderEntry(request, reply, false);
    const showPrintView = (request: EntryRequest, reply: FastifyReply) => renderEntry(request, reply, true);

    app.get(base, showHome);
    app.get<{ Querystring: { q?: unknown } }>(`${base}/${paths.search}`, { preHandler: searchLimits }, showSearch);
    app.get<{ Params: { slug: string } }>(`${base}/${paths.category}/:slug`, showCategory);
    app.get<{ Params: { page: string } }>(`${base}/${paths.page}/:page`, showPageHelp);
    app.get<{ Querystring: { q?: unknown } }>(`${base}/${paths.ask}`, showAsk);
    app.post(`${base}/${paths.ask}`, { config: { rateLimit: { max: 10, timeWindow: '1 hour' } } }, sendQuestion);
    app.post<{ Params: { id: string } }>(`${base}/:id/${paths.vote}`, vote);
    app.get<EntryRoute>(`${base}/:ref`, showEntry);
    app.get<EntryRoute>(`${base}/:ref/${paths.print}`, showPrintView);
  }

  async function showSitemap(_request: FastifyRequest, reply: FastifyReply) {
    const now = clock().toISOString();
    const url = deps.publicUrl;
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
    for (const lang of ['de', 'en'] as const) {
      lines.push(`<url><loc>${esc(url + helpBase(lang))}</loc></url>`);
      for (const entry of await repo.listPublished(db, lang, now)) {
        lines.push(`<url><loc>${esc(url + entryPath(lang, entry.id, entry.question))}</loc><lastmod>${entry.publishedAt.slice(0, 10)}</lastmod></url>`);
      }
    }
    lines.push('</urlset>');
    return reply.type('application/xml; charset=utf-8').send(lines.join('\n'));
  }

  app.get('/sitemap.xml', showSitemap);
};

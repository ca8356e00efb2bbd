import type { FastifyReply, FastifyRequest, FastifyPluginAsync } from 'fastify';
import type { Db, Dialect } from '../../platform/db/index.ts';
import type { Clock, Guards } from '../../platform/http/route-deps.ts';
import type { MailServerSettings } from '../mail/index.ts';
import type { Language } from '../../platform/db/database.ts';
import { sha256 } from '../../platform/crypto.ts';
import { DomainError } from '../../platform/errors.ts';
import { fieldErrors, formState, sendPage, viewContext } from '../../platform/http/web.ts';
import { emptyForm } from '../../platform/views/context.ts';
import { byIp, throttleRequests } from '../../platform/http/throttle-hook.ts';
import type { ThrottleRule } from '../../platform/throttle.ts';
import { listCustomerPortfolio } from '../contracts/index.ts';
import * as repo from './help.repository.ts';
import { askQuestion, castVote, getPublishedEntry, recordView, searchHelp } from './help.service.ts';
import { AskForm, VoteForm } from './help.forms.ts';
import { AskPage, CategoryPage, ContextPage, EntryPage, HelpHomePage, PrintPage, SearchPage, type EntryView } from './help.views.tsx';
import { renderAnswer, type ContractSituation } from './personalize.ts';
import { categoryPath, entryPath, HELP_PATHS, helpBase } from './paths.ts';
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

export const helpRoutes: FastifyPluginAsync<HelpRouteDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const service = { db, dialect: deps.dialect };
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

  async function customerContracts(request: FastifyRequest): Promise<ContractSituation[] | null> {
    const customerId = request.session?.customerId;
    if (!customerId || request.viewer?.kind !== 'customer') return null;
    const portfolio = await listCustomerPortfolio(db, customerId);
    return portfolio
      .filter((c) => c.status !== 'cancelled')
      .map((c) => ({
        contractNumber: c.contractNumber,
        tariffName: c.tariffName,
        tariffCode: c.tariffCode,
        panel: c.panel,
        pleskVersion: c.panelServerVersion ?? c.pleskVersion,
        domain: c.domains[0]?.nameUnicode ?? null,
      }));
  }

  const voterHash = (request: FastifyRequest) => sha256(`help-vote:${request.session.sessionId}`);

  for (const lang of ['de', 'en'] as const) {
    const p = HELP_PATHS[lang];
    const base = p.base;
    const other = (l: Language) => l as Language;

    app.get(base, async (request, reply) => {
      if (!(await useLanguage(request, reply, lang, async (o) => helpBase(other(o))))) return reply;
      const now = clock().toISOString();
      const [categories, published] = await Promise.all([repo.listCategories(db), repo.listPublished(db, lang, now)]);
      const counts = new Map<number, number>();
      for (const e of published) counts.set(e.categoryId, (counts.get(e.categoryId) ?? 0) + 1);
      const withCounts = categories.map((c) => ({
        ...c,
        count: (counts.get(c.id) ?? 0) + categories.filter((s) => s.parentId === c.id).reduce((n, s) => n + (counts.get(s.id) ?? 0), 0),
      }));
      const sticky = published.filter((e) => e.sticky);
      const popular = [...published].sort((a, b) => b.viewCount - a.viewCount || a.id - b.id).slice(0, 5);
      return sendPage(reply, <HelpHomePage ctx={viewContext(request, reply)} categories={withCounts} sticky={sticky} popular={popular} />);
    });

    app.get<{ Querystring: { q?: unknown } }>(`${base}/${p.search}`, { preHandler: searchLimits }, async (request, reply) => {
      const raw = typeof request.query.q === 'string' ? request.query.q : '';
      if (!(await useLanguage(request, reply, lang, async (o) => `${helpBase(o)}/${HELP_PATHS[o].search}?q=${encodeURIComponent(raw.slice(0, 200))}`))) return reply;
      const outcome = await searchHelp(service, raw, lang, clock());
      if (outcome.kind === 'jump') {
        const [entry] = await repo.listPublished(db, lang, clock().toISOString(), { ids: [outcome.entryId] });
        return reply.redirect(entryPath(lang, entry!.id, entry!.question), 303);
      }
      const results = outcome.kind === 'empty' ? null : outcome.results;
      return sendPage(reply, <SearchPage ctx={viewContext(request, reply)} query={raw.slice(0, 200)} results={results} />);
    });

    app.get<{ Params: { slug: string } }>(`${base}/${p.category}/:slug`, async (request, reply) => {
      if (!(await useLanguage(request, reply, lang, async (o) => categoryPath(o, request.params.slug)))) return reply;
      const categories = await repo.listCategories(db);
      const category = categories.find((c) => c.slug === request.params.slug);
      if (!category) throw new DomainError('not_found', 'error.notFound');
      const children = categories.filter((c) => c.parentId === category.id);
      const parent = categories.find((c) => c.id === category.parentId) ?? null;
      const entries = await repo.listPublished(db, lang, clock().toISOString(), { categoryId: category.id });
      return sendPage(reply, <CategoryPage ctx={viewContext(request, reply)} category={category} parent={parent} children={children} entries={entries} />);
    });

    app.get<{ Params: { page: string } }>(`${base}/${p.page}/:page`, async (request, reply) => {
      if (!(await useLanguage(request, reply, lang, async (o) => `${helpBase(o)}/${HELP_PATHS[o].page}/${request.params.page}`))) return reply;
      if (!/^[a-z0-9-]{1,40}$/.test(request.params.page)) throw new DomainError('not_found', 'error.notFound');
      const entries = await repo.listPublished(db, lang, clock().toISOString(), { context: request.params.page });
      if (entries.length === 1) return reply.redirect(entryPath(lang, entries[0]!.id, entries[0]!.question), 303);
      return sendPage(reply, <ContextPage ctx={viewContext(request, reply)} entries={entries} />);
    });

    app.get<{ Querystring: { q?: unknown } }>(`${base}/${p.ask}`, async (request, reply) => {
      if (!(await useLanguage(request, reply, lang, async (o) => `${helpBase(o)}/${HELP_PATHS[o].ask}`))) return reply;
      const q = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
      return sendPage(reply, <AskPage ctx={viewContext(request, reply)} form={emptyForm({ question: q })} sent={false} />);
    });

    app.post(`${base}/${p.ask}`, { config: { rateLimit: { max: 10, timeWindow: '1 hour' } } }, async (request, reply) => {
      request.lang = lang;
      const parsed = AskForm.safeParse(request.body);
      if (!parsed.success) return sendPage(reply, <AskPage ctx={viewContext(request, reply)} form={formState(request.body, fieldErrors(parsed.error))} sent={false} />, 422);
      await askQuestion(db, { ...parsed.data, language: lang }, clock());
      return sendPage(reply, <AskPage ctx={viewContext(request, reply)} form={emptyForm()} sent />);
    });

    app.post<{ Params: { id: string } }>(`${base}/:id/${p.vote}`, async (request, reply) => {
      request.lang = lang;
      const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : NaN;
      const parsed = VoteForm.safeParse(request.body);
      if (Number.isNaN(id) || !parsed.success) throw new DomainError('not_found', 'error.notFound');
      await castVote(db, id, lang, parsed.data.helpful === 'yes', voterHash(request), clock());
      const [entry] = await repo.listPublished(db, lang, clock().toISOString(), { ids: [id] });
      return reply.redirect(`${entryPath(lang, id, entry!.question)}#vote-title`, 303);
    });

    /** The entry page and its print view: "/hilfe/1002" and wrong slugs redirect to the permalink. */
    async function showEntry(request: FastifyRequest<{ Params: { ref: string }; Querystring: { alle?: unknown; all?: unknown } }>, reply: FastifyReply, print: boolean) {
      const ref = ENTRY_REF.exec(request.params.ref);
      if (!ref) throw new DomainError('not_found', 'error.notFound');
      const id = Number(ref[1]);
      const suffix = print ? `/${p.print}` : '';
      const moved = await useLanguage(request, reply, lang, async (o) => {
        const [e] = await repo.listPublished(db, o, clock().toISOString(), { ids: [id] });
        return e ? `${entryPath(o, id, e.question)}${print ? `/${HELP_PATHS[o].print}` : ''}` : null;
      });
      if (!moved) return reply;
      const entry = await getPublishedEntry(db, id, lang, clock());
      if (!entry) throw new DomainError('not_found', 'error.notFound');
      const canonical = entryPath(lang, id, entry.question);
      if (ref[2] !== slugify(entry.question)) return reply.redirect(`${canonical}${suffix}`, 301);

      const showAll = request.query.alle === '1' || request.query.all === '1';
      const ctx = viewContext(request, reply);
      const contracts = await customerContracts(request);
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
        votes: entry.votes,
        blocks,
        personalized,
        otherLanguage: translated ? { lang: otherLang, path: entryPath(otherLang, id, translated.question) } : null,
      };
      if (print) return sendPage(reply, <PrintPage ctx={ctx} entry={view} url={`${deps.publicUrl}${canonical}`} />);
      if (request.viewer?.kind !== 'staff') await recordView(db, id);
      const voted = await db
        .selectFrom('helpVotes')
        .select('id')
        .where('revisionId', '=', entry.revisionId)
        .where('voterHash', '=', voterHash(request))
        .executeTakeFirst();
      return sendPage(reply, <EntryPage ctx={ctx} entry={view} showAllPath={personalized ? `${canonical}?${lang === 'de' ? 'alle' : 'all'}=1` : null} voted={Boolean(voted)} />);
    }

    app.get<{ Params: { ref: string }; Querystring: { alle?: unknown; all?: unknown } }>(`${base}/:ref`, (request, reply) => showEntry(request, reply, false));
    app.get<{ Params: { ref: string }; Querystring: { alle?: unknown; all?: unknown } }>(`${base}/:ref/${p.print}`, (request, reply) => showEntry(request, reply, true));
  }

  app.get('/sitemap.xml', async (_request, reply) => {
    const now = clock().toISOString();
    const url = deps.publicUrl;
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
    for (const lang of ['de', 'en'] as const) {
      lines.push(`<url><loc>${esc(url + helpBase(lang))}</loc></url>`);
      for (const e of await repo.listPublished(db, lang, now)) {
        lines.push(`<url><loc>${esc(url + entryPath(lang, e.id, e.question))}</loc><lastmod>${e.publishedAt.slice(0, 10)}</lastmod></url>`);
      }
    }
    lines.push('</urlset>');
    return reply.type('application/xml; charset=utf-8').send(lines.join('\n'));
  });
};

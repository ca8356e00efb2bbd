import { createRequire } from 'node:module';
import type MarkdownItClass from 'markdown-it';
import type { Panel } from '../contracts/index.ts';

type MarkdownIt = InstanceType<typeof MarkdownItClass>;

let md: MarkdownIt | undefined;

/**
 * Answers are Markdown. Raw HTML is switched off (it is shown as text, never interpreted) and
 * markdown-it's link check refuses javascript:, vbscript:, file: and data: URLs, so whatever an
 * editor types, the output contains only the tags Markdown itself produces.
 *
 * markdown-it (about 1.5 MB of heap with its entity tables) is loaded by the first answer
 * rendered, not by every server at start; its CommonJS build through `require`, so rendering
 * stays synchronous.
 */
function markdown(): MarkdownIt {
  if (md) return md;
  const MarkdownItModule = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItClass;
  const parser = new MarkdownItModule({ html: false, linkify: false, typographer: false, breaks: false });
  const defaultLinkOpen = parser.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  parser.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet('href') ?? '');
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return (md = parser);
}

export function renderMarkdown(source: string): string {
  return markdown().render(source);
}

/** The visible text of some Markdown, for the search index and snippets. */
export function markdownToText(source: string): string {
  const parts = parseAnswer(source).segments.map((s) => (s.kind === 'common' ? s.markdown : `${s.title}\n\n${s.markdown}`));
  return decodeEntities(renderMarkdown(parts.join('\n\n')).replace(/<[^>]+>/g, ' '))
    .replace(/\{[a-zA-Z:]+\}/g, ' ')
    .replace(/\s+/g, ' ')
    // A space before closing punctuation ("{account} ." → "… .") goes, but not before a word that
    // begins with a dot or colon ("Endung **.001**" stays "Endung .001").
    .replace(/\s+([.,;:!?])(?=\s|$)/g, '$1')
    .trim();
}

function decodeEntities(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

export interface VariantScope {
  panel: Panel | null;
  pleskMin: string | null;
  pleskMax: string | null;
  tariffs: string[];
}

export type AnswerSegment =
  | { kind: 'common'; markdown: string }
  | { kind: 'variant'; title: string; scope: VariantScope; markdown: string };

export interface VariantProblem {
  line: number;
  problem: 'unclosed' | 'attribute' | 'nested' | 'stray';
  detail: string;
}

const OPEN = /^:::\s*variant\b(.*)$/;
const CLOSE = /^:::\s*$/;
const ATTR = /(\w+)=(?:"([^"]*)"|(\S+))/g;
const VERSION = /^\d+(\.\d+)*$/;

/**
 * Splits an answer into common parts and variants. A variant is written as
 *
 *     ::: variant panel=plesk plesk=10- title="Plesk 10 und neuer"
 *     …Markdown…
 *     :::
 *
 * with `panel` (plesk | mailadmin), `plesk` (a version range "8-9", "10-", "-9.5") and `tariff`
 * (comma-separated tariff codes); all are optional, a variant without any applies to everyone.
 */
export function parseAnswer(source: string): { segments: AnswerSegment[]; problems: VariantProblem[] } {
  const segments: AnswerSegment[] = [];
  const problems: VariantProblem[] = [];
  let common: string[] = [];
  let open: { title: string; scope: VariantScope; lines: string[]; line: number } | null = null;
  const flushCommon = () => {
    const text = common.join('\n').trim();
    if (text) segments.push({ kind: 'common', markdown: text });
    common = [];
  };
  source.replace(/\r\n?/g, '\n').split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    const opening = OPEN.exec(line.trim());
    if (opening) {
      if (open) problems.push({ line: lineNo, problem: 'nested', detail: line.trim() });
      flushCommon();
      const { scope, title, bad } = parseAttributes(opening[1] ?? '');
      for (const b of bad) problems.push({ line: lineNo, problem: 'attribute', detail: b });
      open = { title, scope, lines: [], line: lineNo };
      return;
    }
    if (CLOSE.test(line.trim())) {
      if (!open) {
        problems.push({ line: lineNo, problem: 'stray', detail: line.trim() });
        return;
      }
      segments.push({ kind: 'variant', title: open.title, scope: open.scope, markdown: open.lines.join('\n').trim() });
      open = null;
      return;
    }
    (open ? open.lines : common).push(line);
  });
  if (open) {
    const o = open as { title: string; scope: VariantScope; lines: string[]; line: number };
    problems.push({ line: o.line, problem: 'unclosed', detail: 'variant' });
    segments.push({ kind: 'variant', title: o.title, scope: o.scope, markdown: o.lines.join('\n').trim() });
  }
  flushCommon();
  return { segments, problems };
}

function parseAttributes(text: string): { scope: VariantScope; title: string; bad: string[] } {
  const scope: VariantScope = { panel: null, pleskMin: null, pleskMax: null, tariffs: [] };
  let title = '';
  const bad: string[] = [];
  for (const m of text.matchAll(ATTR)) {
    const [whole, key, quoted, plain] = m;
    const value = quoted ?? plain ?? '';
    if (key === 'title') title = value.slice(0, 120);
    else if (key === 'panel' && (value === 'plesk' || value === 'mailadmin')) scope.panel = value;
    else if (key === 'plesk' && /^[\d.]*-[\d.]*$/.test(value)) {
      const [min, max] = value.split('-');
      if ((min && !VERSION.test(min)) || (max && !VERSION.test(max))) bad.push(whole);
      scope.pleskMin = min || null;
      scope.pleskMax = max || null;
      scope.panel ??= 'plesk';
    } else if (key === 'tariff' && /^[\w-]+(,[\w-]+)*$/.test(value)) scope.tariffs = value.split(',');
    else bad.push(whole);
  }
  const leftover = text.replace(ATTR, '').trim();
  if (leftover) bad.push(leftover.slice(0, 60));
  return { scope, title, bad };
}

/** -1, 0 or 1, comparing only as many parts as the bound names: "9.5" is within "-9". */
function compareToBound(version: string, bound: string): number {
  const v = version.split('.').map(Number);
  const b = bound.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    const d = (v[i] ?? 0) - b[i]!;
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export interface Situation {
  panel: Panel;
  pleskVersion: string | null;
  tariffCode: string;
}

export function scopeMatches(scope: VariantScope, s: Situation): boolean {
  if (scope.panel && scope.panel !== s.panel) return false;
  if (scope.tariffs.length > 0 && !scope.tariffs.includes(s.tariffCode)) return false;
  if (scope.pleskMin || scope.pleskMax) {
    if (!s.pleskVersion) return false;
    if (scope.pleskMin && compareToBound(s.pleskVersion, scope.pleskMin) < 0) return false;
    if (scope.pleskMax && compareToBound(s.pleskVersion, scope.pleskMax) > 0) return false;
  }
  return true;
}

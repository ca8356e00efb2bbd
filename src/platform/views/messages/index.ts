/**
 * All UI texts, German first. Each part of the product keeps its texts in a pair of files here
 * (`<part>.de.ts`, `<part>.en.ts`, the English one typed by the German keys so that a missing
 * translation does not compile); this index merges them.
 */
import { coreDe } from './core.de.ts';
import { coreEn } from './core.en.ts';
import { pleskDe } from './plesk.de.ts';
import { pleskEn } from './plesk.en.ts';
import { helpDe } from './help.de.ts';
import { helpEn } from './help.en.ts';
import { supportDe } from './support.de.ts';
import { supportEn } from './support.en.ts';
import { mailDe } from './mail.de.ts';
import { mailEn } from './mail.en.ts';
import { limitsDe } from './limits.de.ts';
import { limitsEn } from './limits.en.ts';

export const de = { ...coreDe, ...pleskDe, ...helpDe, ...supportDe, ...mailDe, ...limitsDe };
export type MessageKey = keyof typeof de;
export const en: Record<MessageKey, string> = { ...coreEn, ...pleskEn, ...helpEn, ...supportEn, ...mailEn, ...limitsEn };

import { sql } from 'kysely';

/** A `like` pattern for "contains", lower-cased, with the text's own wildcards escaped. */
export const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** `lower(column) like pattern`: behaves the same on SQLite and PostgreSQL (no `ilike`). */
export const lowerLike = (column: string, pattern: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;

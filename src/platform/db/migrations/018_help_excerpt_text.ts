import { sql, type Kysely } from 'kysely';

// Frozen in time: later changes go into new migrations, never into this file.
// The plain answer text that search excerpts are cut from dropped the space before a word that
// begins with a dot ("Endung .001" became "Endung.001"). Forgetting it makes the start rebuild
// it with today's rule (completeSearchIndex, as after migration 009); until then a search renders
// the excerpt from the answer itself, so nothing is missing meanwhile.
export function helpExcerptText() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql`update help_search set answer_text = null`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('irreversible');
    },
  };
}

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from './support/databases.ts';
import { preparedQuery } from '../src/platform/db/prepared.ts';
import type { Db } from '../src/platform/db/index.ts';

const tariffByCode = preparedQuery((db: Db, args: { code: string }) => db.selectFrom('tariffs').selectAll().where('code', '=', args.code));

describe.each(DIALECTS)('prepared queries (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const now = new Date().toISOString();
    for (const code of ['t-eins', 't-zwei']) {
      await database.handle.db
        .insertInto('tariffs')
        .values({ code, name: `Tarif ${code}`, panel: 'mailadmin', pleskVersion: null, mailAccountLimit: 5, mailQuotaMb: 1024, createdAt: now })
        .execute();
    }
  });
  afterAll(() => database.drop());

  it('compiles once and runs with each call’s own arguments, rows in camelCase', async () => {
    const { db } = database.handle;
    expect((await tariffByCode(db, { code: 't-eins' })).map((t) => t.name)).toEqual(['Tarif t-eins']);
    expect((await tariffByCode(db, { code: 't-zwei' })).map((t) => t.mailQuotaMb)).toEqual([1024]);
    expect(await tariffByCode(db, { code: 'fehlt' })).toEqual([]);
  });

  it('survives a column added by another process under a prepared select * (PostgreSQL: a named statement)', async () => {
    await database.handle.db.connection().execute(async (connection) => {
      expect(await tariffByCode(connection, { code: 't-eins' })).toHaveLength(1);
      if (dialect === 'postgres') {
        const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements where name like 'hostdesk_%'`.execute(connection);
        expect(rows).toHaveLength(1);
      }
      await sql`alter table tariffs add column note text`.execute(connection);
      const [row] = await tariffByCode(connection, { code: 't-eins' });
      expect(row).toMatchObject({ code: 't-eins', note: null });
    });
  });

  it.runIf(dialect === 'postgres')('runs unnamed when the server lost the statement (a pooler in transaction mode)', async () => {
    await database.handle.db.connection().execute(async (connection) => {
      expect(await tariffByCode(connection, { code: 't-zwei' })).toHaveLength(1);
      await sql`deallocate all`.execute(connection); // what the client believes is prepared is gone
      expect((await tariffByCode(connection, { code: 't-zwei' })).map((t) => t.code)).toEqual(['t-zwei']);
    });
  });
});

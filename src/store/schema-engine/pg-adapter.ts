/**
 * The PostgreSQL driver adapter the wasm schema engine migrates through, with three workarounds for
 * @prisma/adapter-pg 7.10 (each checked by test/store/migrations.pg.test.ts).
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { pgPoolConfig } from "../database-url.js";

/** PostgreSQL's internal single-byte `"char"` type (e.g. pg_constraint.contype) and `text`. */
const CHAR_OID = 18;
const TEXT_OID = 25;

export function pgMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  // Pool of ONE connection: the engine serialises concurrent deploys with a session-level
  // pg_advisory_lock, which only works if the lock and the migration statements share a session.
  // With a bigger pool the lock could be taken on one connection and the DDL run on another.
  const config = pgPoolConfig(url, { max: 1 });
  const base = new PrismaPg(config);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => reportCharAsText(await base.connect()),
    connectToShadowDb: () => connectToShadowDb(config),
  };
}

/**
 * Workaround 1: adapter-pg cannot map the `"char"` column type, which the engine's schema describer
 * selects while introspecting ("Column type 'char' could not be deserialized"). Report it as text,
 * which is what it is. Done per instance (adapter and each transaction), not on the shared class, so
 * the application's own Prisma clients are untouched. `performIO` is adapter-pg's private hook every
 * query goes through; if a Prisma upgrade renames it, this fails loudly rather than silently.
 */
function reportCharAsText(adapter: SqlDriverAdapter): SqlDriverAdapter {
  patchPerformIO(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx: Transaction = await startTransaction(isolationLevel);
    patchPerformIO(tx);
    return tx;
  };
  return adapter;
}

interface PgFieldsResult {
  fields?: { dataTypeID: number }[];
}
type PerformIO = (query: SqlQuery) => Promise<PgFieldsResult>;

function patchPerformIO(queryable: object): void {
  const original = (queryable as { performIO?: unknown }).performIO;
  if (typeof original !== "function") {
    throw new Error(
      '@prisma/adapter-pg no longer has performIO(): revisit the "char" workaround in pg-adapter.ts',
    );
  }
  const performIO = (original as PerformIO).bind(queryable);
  Object.defineProperty(queryable, "performIO", {
    configurable: true,
    value: async (query: SqlQuery) => {
      const result = await performIO(query);
      for (const field of result.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      return result;
    },
  });
}

/**
 * Workarounds 2 and 3: PrismaPg.connectToShadowDb() (a) builds the shadow pool from the factory's
 * config, and when that config is a connection string, pg lets it override the `database` field,
 * so "the shadow database" is the real one and replaying migrations would hit it; and (b) drops the
 * shadow database before closing its own pool, which fails ("being accessed by other users") and
 * leaks it. So: create our own throwaway `prisma_shadow_<uuid>` (needs CREATEDB), connect to it with
 * discrete fields, and on dispose close the pool first, then drop it.
 */
async function connectToShadowDb(config: pg.PoolConfig): Promise<SqlDriverAdapter> {
  const shadowName = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
  await admin(config, `CREATE DATABASE "${shadowName}"`);
  const shadow = reportCharAsText(await new PrismaPg({ ...config, database: shadowName }).connect());
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose();
    await admin(config, `DROP DATABASE IF EXISTS "${shadowName}"`);
  };
  return shadow;
}

/** CREATE/DROP DATABASE cannot run in a transaction or a pooled session: use a one-off client. */
async function admin(config: pg.PoolConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

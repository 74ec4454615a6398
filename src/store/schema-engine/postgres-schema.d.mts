// Types for postgres-schema.mjs (plain JS so `npm postinstall` can run it without TypeScript).
export declare const SQLITE_SCHEMA: string;
export declare const POSTGRES_SCHEMA: string;
export declare function renderPostgresSchema(sqliteSchema: string): string;
export declare function syncPostgresSchemaFile(
  root: string,
  options?: { check?: boolean },
): Promise<{ inSync: boolean; written: boolean }>;

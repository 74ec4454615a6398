/**
 * The store's one error boundary: turns Prisma, driver-adapter, driver and file-system failures that
 * mean "the database cannot be used right now" into AppError("store_unavailable"). Everything else
 * (unique violations, bugs) passes through unchanged for the caller that knows what it means.
 * Messages never carry the raw error text's URLs: connection strings can hold passwords.
 */
import { AppError } from "../core/kernel/errors.js";

const HINT =
  "Check DATABASE_URL: for SQLite, a writable file that no other process keeps locked; " +
  "for PostgreSQL, a running server that accepts these credentials. Then try again.";

/** Prisma error codes that mean the database was not usable (connection, auth, timeouts, pool). */
const UNAVAILABLE_PRISMA_CODES = new Set([
  "P1000", // authentication failed
  "P1001", // can't reach the server
  "P1002", // server reached but timed out
  "P1003", // database does not exist
  "P1008", // operation timed out (SQLite: SQLITE_BUSY after the busy timeout)
  "P1010", // access denied
  "P1011", // TLS error
  "P1017", // server closed the connection
  "P2024", // timed out waiting for a pool connection
  "P2028", // transaction API error: could not start / lost the transaction in time
  "P2037", // too many connections
]);

/** Driver-adapter error kinds (@prisma/driver-adapter-utils MappedError) with the same meaning. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "SocketTimeout",
  "TlsConnectionError",
  "ConnectionClosed",
  "TooManyConnections",
]);

/** SQLite primary result codes: BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB. */
const UNAVAILABLE_SQLITE_PRIMARY = new Set([5, 6, 8, 10, 11, 13, 14, 26]);
const UNAVAILABLE_SQLITE_NAMES = /^SQLITE_(BUSY|LOCKED|READONLY|IOERR|CORRUPT|FULL|CANTOPEN|NOTADB)/;

/** Node system errors (sockets, DNS, file system) seen when connecting or creating the file. */
const UNAVAILABLE_ERRNOS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "ENOTDIR",
]);

/** PostgreSQL SQLSTATEs: connection exceptions, auth, missing database, resources, shutdown. */
const UNAVAILABLE_PG_STATE = /^(08...|28...|3D000|53...|57P0[1-3])$/;

/**
 * Errors that carry only a message: pg's socket failures, better-sqlite3's open failures, and the
 * wasm schema engine, which rethrows driver failures as plain Errors with Prisma's P1xxx texts.
 */
const UNAVAILABLE_MESSAGES = new RegExp(
  [
    "Connection terminated",
    "connection timeout",
    "timeout expired",
    "Cannot open database",
    "unable to open database file",
    "database is locked",
    "Client has encountered a connection error",
    "Can't reach database server",
    "denied access on the database",
    "Authentication failed against database server",
    "Database `[^`]*` does not exist",
    "Operation has timed out",
    "Server has closed the connection",
    "Too many database connections",
  ].join("|"),
  "i",
);

/**
 * The store's boundary translation: AppError("store_unavailable") when `error` (or one of its causes)
 * says the database could not be used; otherwise `error` itself, untouched.
 */
export function translateStoreError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const reason = unavailableReason(error, 0);
  if (reason === null) return error;
  return new AppError("store_unavailable", "The database is unavailable; nothing was changed.", {
    hint: HINT,
    details: [`reason: ${redactSecrets(reason)}`],
    cause: error,
  });
}

/** Runs `operation`, rethrowing its failure through translateStoreError. */
export async function atStoreBoundary<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateStoreError(error);
  }
}

/** True for a unique-constraint violation from Prisma, the adapters or the raw drivers. */
export function isUniqueViolation(error: unknown): boolean {
  const e = asRecord(error);
  if (!e) return false;
  if (e.code === "P2002" || e.code === "23505" || e.code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  if (e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") return true;
  const cause = asRecord(e.cause);
  if (cause?.kind === "UniqueConstraintViolation") return true;
  // Prisma wraps adapter errors as P2010 ("raw query failed") for $queryRaw: look one level down.
  return e.cause !== undefined && e.cause !== error && isUniqueViolation(e.cause);
}

function unavailableReason(error: unknown, depth: number): string | null {
  const e = asRecord(error);
  if (!e || depth > 5) return null;
  const code = typeof e.code === "string" ? e.code : undefined;
  const name = typeof e.name === "string" ? e.name : "";
  const message = typeof e.message === "string" ? e.message : "";
  if (name === "PrismaClientInitializationError") return firstLine(message) || "the client could not connect";
  if (code && UNAVAILABLE_PRISMA_CODES.has(code)) return `${firstLine(message)} (${code})`;
  if (code && UNAVAILABLE_ERRNOS.has(code)) return `${describeErrno(code)} (${code})`;
  if (code === "EEXIST" && e.syscall === "mkdir") return `${describeErrno("ENOTDIR")} (${code})`;
  if (code && UNAVAILABLE_SQLITE_NAMES.test(code)) return `${firstLine(message)} (${code})`;
  if (code && UNAVAILABLE_PG_STATE.test(code)) return `${firstLine(message)} (SQLSTATE ${code})`;
  const kind = typeof e.kind === "string" ? e.kind : undefined;
  if (kind && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return kind;
  if (kind === "sqlite" && typeof e.extendedCode === "number") {
    if (UNAVAILABLE_SQLITE_PRIMARY.has(e.extendedCode & 0xff))
      return `${firstLine(message)} (sqlite ${e.extendedCode})`;
  }
  if (kind === "postgres" && typeof e.code === "string" && UNAVAILABLE_PG_STATE.test(e.code))
    return firstLine(message);
  if (UNAVAILABLE_MESSAGES.test(message)) return firstLine(message);
  // DriverAdapterError keeps the mapped error in `cause`; Prisma errors keep the adapter error there.
  if (e.cause !== undefined && e.cause !== error) return unavailableReason(e.cause, depth + 1);
  return null;
}

function describeErrno(code: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused";
    case "ETIMEDOUT":
      return "connection timed out";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host name not found";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "no permission to create or write the database file";
    case "ENOTDIR":
      return "a component of the database path is not a directory";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return "the connection failed";
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.slice(0, 300) ?? "";
}

/** Removes the password of any URL in `text`: `postgresql://user:secret@host` → `postgresql://user:***@host`. */
function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s/]*@/gi, "$1:***@");
}

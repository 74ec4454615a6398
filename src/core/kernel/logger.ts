/**
 * Logging, as everything in the core writes it. Kept in the kernel with the clock: every area is
 * handed one, and the do-nothing logger is the default of several constructors and tests.
 */

/** Minimal structured logger port (pino satisfies it). Never pass secrets in `fields`. */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

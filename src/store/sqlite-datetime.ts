/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 with an explicit UTC offset), for raw writes. */
export function sqliteDateTime(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

#!/bin/sh
# Stand-in for Prisma's native schema-engine binary. The Prisma 7 CLI downloads that binary on start
# (even for `prisma generate`, which never runs it) and the download is blocked here; pointing
# PRISMA_SCHEMA_ENGINE_BINARY at this file skips it. Migrations go through the wasm engine instead:
#   node --import tsx scripts/db.ts <deploy|status|create NAME|diff|sync-schema>
echo '{"level":"ERROR","target":"schema_engine::logger","fields":{"message":"the native schema-engine is not installed: use node --import tsx scripts/db.ts (wasm engine)"}}' >&2
exit 1

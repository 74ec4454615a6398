import { AppError } from "../kernel/errors.js";
import type { BulkJob } from "../ports/bulk-store.js";
import type { CoreServices } from "../services.js";

/** The job a command names, or a usage error that says where ids come from. */
export async function loadJob(services: Pick<CoreServices, "bulk">, id: string): Promise<BulkJob> {
  const job = id.trim() ? await services.bulk.get(id) : null;
  if (!job)
    throw new AppError("usage", `There is no bulk job ${id || "(none given)"}.`, {
      hint: "Bulk jobs come from pause/resume with --all or --match; their reply shows the job id.",
    });
  return job;
}

/** Jobs name campaigns and reasons: shown to the requester, admins and people who work in those orgs. */
export async function mayView(services: CoreServices, actor: string, job: BulkJob): Promise<boolean> {
  if (actor === job.requester || services.isAdmin(actor)) return true;
  const mine = new Set((await services.identities.forIdentity(actor)).map((m) => m.orgSlug));
  return job.orgs.some((o) => mine.has(o));
}

/**
 * The Teams app package: a zip of manifest.json, color.png and outline.png, which an admin uploads
 * in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center. Icons someone
 * replaced are checked here, since Teams refuses a package with wrong sizes only after the upload.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import type { CommandDefinition } from "../../../core/dispatch/command.js";
import { buildManifest } from "./manifest.js";
import { pngInfo } from "./png.js";

export interface PackageInput {
  /** The folder holding manifest.template.json, color.png and outline.png (teams/). */
  sourcesDir: string;
  appId: string;
  host: string;
  version: string;
  commands: readonly CommandDefinition[];
}

class PackageError extends Error {
  override name = "PackageError";
}

const ICONS = [
  { file: "color.png", size: 192, what: "the full-colour icon" },
  { file: "outline.png", size: 32, what: "the outline icon (white on transparent)" },
] as const;

export function buildTeamsPackage(input: PackageInput): { zip: Buffer; manifest: Record<string, unknown> } {
  const templatePath = path.join(input.sourcesDir, "manifest.template.json");
  const template: unknown = JSON.parse(readFileSync(templatePath, "utf8"));
  if (typeof template !== "object" || template === null || Array.isArray(template))
    throw new PackageError(`${templatePath} must hold a JSON object.`);
  const icons = ICONS.map((icon) => {
    const file = path.join(input.sourcesDir, icon.file);
    const data = readFileSync(file);
    const info = pngInfo(data);
    if (!info || info.width !== icon.size || info.height !== icon.size)
      throw new PackageError(
        `${file}: ${icon.what} must be a ${icon.size}×${icon.size} PNG${info ? `, not ${info.width}×${info.height}` : ""}.`,
      );
    if (icon.file === "outline.png" && !info.hasAlpha)
      throw new PackageError(`${file}: the outline icon needs a transparent background (a PNG with alpha).`);
    return { name: icon.file, data };
  });
  const manifest = buildManifest({
    template: template as Record<string, unknown>,
    appId: input.appId,
    host: input.host,
    version: input.version,
    commands: input.commands,
  });
  const files: Record<string, Uint8Array> = {
    "manifest.json": Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
  };
  for (const icon of icons) files[icon.name] = icon.data;
  // A fixed timestamp: the same inputs give the same bytes, so a rebuilt package diffs clean.
  const zip = zipSync(files, { level: 9, mtime: new Date("2020-01-01T00:00:00Z") });
  return { zip: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), manifest };
}

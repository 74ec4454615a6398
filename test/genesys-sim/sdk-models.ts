/**
 * Reads the official SDK's models from its own index.d.ts at test time, so the referee really is the
 * SDK file, and checks a JSON answer against one: required fields present with their types, no
 * field outside the model, nested models checked the same way.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

type Field = { name: string; optional: boolean; type: string };

const require = createRequire(import.meta.url);
const DTS = join(dirname(require.resolve("purecloud-platform-client-v2/package.json")), "index.d.ts");

let models: Map<string, Field[]> | undefined;

function load(): Map<string, Field[]> {
  if (models) return models;
  models = new Map();
  const text = readFileSync(DTS, "utf8");
  const start = text.indexOf("declare namespace Models");
  const re = /\n\texport interface (\w+) \{ ?\n([\s\S]*?)\n\t\}/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const fields: Field[] = [];
    for (const line of (m[2] ?? "").split("\n")) {
      const f = /^\t\t"([^"]+)"(\?)?: (.+);$/.exec(line);
      if (f?.[1] && f[3]) fields.push({ name: f[1], optional: f[2] === "?", type: f[3] });
    }
    models.set(m[1] ?? "", fields);
  }
  return models;
}

/** Problems of `value` against model `name` (empty when it conforms). */
export function checkModel(name: string, value: unknown, at = name): string[] {
  const fields = load().get(name);
  if (!fields) return [`${at}: no model ${name} in the SDK`];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${at}: not an object`];
  const obj = value as Record<string, unknown>;
  const out: string[] = [];
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(obj)) if (!known.has(key)) out.push(`${at}.${key}: not in model ${name}`);
  for (const f of fields) {
    const v = obj[f.name];
    if (v === undefined) {
      if (!f.optional) out.push(`${at}.${f.name}: required by ${name}, missing`);
      continue;
    }
    out.push(...checkType(f.type, v, `${at}.${f.name}`));
  }
  return out;
}

function checkType(type: string, v: unknown, at: string): string[] {
  const arr = /^Array<(.+)>$/.exec(type);
  if (arr?.[1]) {
    if (!Array.isArray(v)) return [`${at}: expected an array`];
    const inner = arr[1];
    return v.flatMap((item, i) => checkType(inner, item, `${at}[${i}]`));
  }
  const model = /^Models\.(\w+)$/.exec(type);
  if (model?.[1]) return checkModel(model[1], v, at);
  if (type === "string" || type === "number" || type === "boolean")
    return typeof v === type ? [] : [`${at}: expected ${type}, got ${typeof v}`];
  const map = /^\{ \[key: string\]: (string|number|boolean); \}$/.exec(type);
  if (map?.[1]) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return [`${at}: expected a map`];
    const valueType = map[1];
    return Object.entries(v).flatMap(([k, item]) =>
      typeof item === valueType ? [] : [`${at}.${k}: expected ${valueType}, got ${typeof item}`],
    );
  }
  return []; // other maps and unions: not checked further
}

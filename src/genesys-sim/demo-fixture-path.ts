import { fileURLToPath } from "node:url";

/**
 * Where the built-in scenario's YAML is, apart from the parser (yaml, the fixture's zod schema): a
 * workspace with the parsed fixture cached only reads this file's text to check the cache.
 */
export const demoFixturePath: string = fileURLToPath(new URL("./demo-fixture.yml", import.meta.url));

// Development entry (`npm run dev -- <args>`): the CLI from the TypeScript sources through tsx, no build.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));

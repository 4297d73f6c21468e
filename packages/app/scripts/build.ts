// `npm run build -w @descent/app`: builds the client into packages/app/dist, even if it is up to date.
import { ensureClientBuilt } from '../src/build.js';

await ensureClientBuilt({ force: true, log: (line) => console.log(line) });

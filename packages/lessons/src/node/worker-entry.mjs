// Worker threads start without the TypeScript loader the CLI or test runner uses, so register
// tsx here, then load the real worker. Lessons and the library are TypeScript, run from source.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

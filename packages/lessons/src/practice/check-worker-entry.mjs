// Like the lesson worker: register tsx (workers start without the loader), then run the checker.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');

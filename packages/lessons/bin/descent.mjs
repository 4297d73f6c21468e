#!/usr/bin/env node
// The `descent` command. Lessons and the library are TypeScript run from source, so register
// tsx's loader and hand over to the TypeScript entry point: no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

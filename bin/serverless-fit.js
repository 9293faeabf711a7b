#!/usr/bin/env node
// The package's bin: runs the TypeScript entry point through tsx's loader,
// so the published package needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');

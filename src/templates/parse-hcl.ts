import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type { HclParser } from '../core/templates/template-types.js';

// HCL2 -> JSON with HashiCorp's own parser (Go, compiled to wasm). It only
// parses the text it is given: it never reads the files a .tf mentions.
// Loaded on the first .tf read, not at start: loading it starts a Go runtime
// (about a second and some memory) that no other command needs. If that
// runtime stops answering (it dies on input it cannot handle), the read is
// refused and the next one loads a fresh runtime instead of waiting forever.

/** Far above a real parse (milliseconds once loaded); only a dead runtime gets here. */
const ANSWER_WITHIN_MS = 30_000;

const require = createRequire(import.meta.url);
type Parse = (fileName: string, text: string) => Promise<unknown>;
let loaded: Parse | null = null;

function parser(): Parse {
  loaded ??= (require('@cdktf/hcl2json') as { parse: Parse }).parse;
  return loaded;
}

function unload(): void {
  loaded = null;
  for (const key of Object.keys(require.cache)) if (key.includes(`${sep}@cdktf${sep}hcl2json${sep}`)) delete require.cache[key];
}

export const parseHcl: HclParser = async (fileName, text) => {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<'silent'>((resolve) => {
    timer = setTimeout(() => resolve('silent'), ANSWER_WITHIN_MS);
  });
  try {
    const json = await Promise.race([parser()(safeName(fileName), text), silence]);
    if (json === 'silent') {
      unload();
      return { ok: false, message: 'the HCL parser stopped answering', line: null };
    }
    return { ok: true, json };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "parse config: [main.tf:2,6-3,1: Invalid expression; Expected ...]"
    const m = /:(\d+),\d+(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]+))?/.exec(message);
    return { ok: false, message: m ? [m[2], m[3]].filter(Boolean).join(': ').replace(/\.$/, '') : 'the HCL parser rejected it', line: m ? Number(m[1]) : null };
  } finally {
    clearTimeout(timer);
  }
};

/** The parser echoes the name in its errors; keep it a plain name. */
function safeName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? 'main.tf').replace(/[^\w.-]/g, '_') || 'main.tf';
}

import { parse } from '@cdktf/hcl2json';
import type { HclParser } from '../core/templates/template-types.js';

// HCL2 -> JSON with HashiCorp's own parser (Go, compiled to wasm). It only
// parses the text it is given: it never reads the files a .tf mentions.

export const parseHcl: HclParser = async (fileName, text) => {
  try {
    return { ok: true, json: await parse(safeName(fileName), text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "parse config: [main.tf:2,6-3,1: Invalid expression; Expected ...]"
    const m = /:(\d+),\d+(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]+))?/.exec(message);
    return { ok: false, message: m ? [m[2], m[3]].filter(Boolean).join(': ').replace(/\.$/, '') : 'the HCL parser rejected it', line: m ? Number(m[1]) : null };
  }
};

/** The parser echoes the name in its errors; keep it a plain name. */
function safeName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? 'main.tf').replace(/[^\w.-]/g, '_') || 'main.tf';
}

import type { CliCommand } from './build-command.js';
import { parseAssessFromArgs } from './assess-from-command.js';
import { parseTemplateCliArgs } from './template-import-command.js';
import { parsePricingRefreshArgs } from './pricing-refresh-command.js';

// Command forms that read their own options instead of the shared table
// reader: a template (`assess --template`, `review import`) changes what the
// rest of the line means, and so does a measured source (`assess --from`),
// so their runners own those words. Returns null for
// every other form, which the table reader then checks.

export function readAlternateForm(command: string, args: readonly string[]): CliCommand | string | null {
  if (args.includes('--help') || args.includes('-h')) return null;
  const has = (flag: string) => args.some((a) => a === flag || a.startsWith(`${flag}=`));
  if (command === 'review' && args[0] === 'import') {
    const parsed = parseTemplateCliArgs(args.slice(1), 'review import');
    return parsed.ok ? { name: 'template', action: 'review-import', options: parsed.options } : parsed.error;
  }
  if (command === 'pricing' && args[0] === 'refresh') {
    const parsed = parsePricingRefreshArgs(args.slice(1));
    return parsed.ok ? { name: 'pricing-refresh', options: parsed.options } : parsed.error;
  }
  if (command === 'assess' && has('--template')) {
    const parsed = parseTemplateCliArgs(args, 'assess');
    return parsed.ok ? { name: 'template', action: 'assess', options: parsed.options } : parsed.error;
  }
  if (command === 'assess' && has('--from')) {
    const parsed = parseAssessFromArgs(args);
    return parsed.ok ? { name: 'assess-from', options: parsed.options } : parsed.error;
  }
  return null;
}

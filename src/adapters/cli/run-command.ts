import type { DigestService } from '../../core/digest/digest-service.js';
import type { ReviewStore } from '../../core/ports.js';
import type { AssessDeps } from './assess-command.js';
import type { CliCommand } from './build-command.js';
import type { ExitCode } from './exit-codes.js';
import type { RepriceDeps } from './reprice-command.js';
import type { HclParser } from '../../core/templates/template-types.js';

// The one-shot commands that read or write the saved conversations, routed to
// their runners. main opens the database and hands it over; each runner
// prints its own output and returns the exit code. A runner's module loads
// only when its command runs, so a one-shot process reads only its own code
// (the template readers bring a YAML parser, reviews their own engine).

export type StoreCommand = Extract<CliCommand, { name: 'assess' | 'history' | 'export' | 'review' | 'digest' | 'template' | 'reprice' | 'settings' }>;

export interface StoreCommandDeps extends AssessDeps, Pick<RepriceDeps, 'loadCatalog' | 'threadLink'> {
  reviews: ReviewStore;
  digests: Pick<DigestService, 'build'>;
  parseHcl: HclParser;
}

export function isStoreCommand(command: CliCommand): command is StoreCommand {
  return ['assess', 'history', 'export', 'review', 'digest', 'template', 'reprice', 'settings'].includes(command.name);
}

export async function runStoreCommand(command: StoreCommand, deps: StoreCommandDeps): Promise<ExitCode | number> {
  switch (command.name) {
    case 'assess':
      return (await import('./assess-command.js')).runAssess(deps, command.options);
    case 'history':
      return (await import('./history-command.js')).runHistory(deps, command.options);
    case 'export':
      return (await import('./export-command.js')).runExport(deps, command.options);
    case 'review':
      return (await import('./review-command.js')).runReviewCommand(deps, command.command);
    case 'digest':
      return (await import('./digest-command.js')).runDigestCommand(deps, command.options);
    case 'reprice':
      return (await import('./reprice-command.js')).runReprice(deps, command.options);
    case 'settings':
      return (await import('./settings-command.js')).runSettingsCommand(deps, command.options);
    case 'template': {
      const { runAssessTemplate, runReviewImport } = await import('./template-import-command.js');
      const run = command.action === 'assess' ? runAssessTemplate : runReviewImport;
      return run({ ...deps, clock: { now: deps.now } }, command.options);
    }
  }
}

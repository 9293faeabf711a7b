import type { DigestService } from '../../core/digest/digest-service.js';
import type { ReviewStore } from '../../core/ports.js';
import { runAssess, type AssessDeps } from './assess-command.js';
import type { CliCommand } from './build-command.js';
import { runDigestCommand } from './digest-command.js';
import type { ExitCode } from './exit-codes.js';
import { runExport } from './export-command.js';
import { runHistory } from './history-command.js';
import { runReprice, type RepriceDeps } from './reprice-command.js';
import { runReviewCommand } from './review-command.js';
import { runSettingsCommand } from './settings-command.js';
import { runAssessTemplate, runReviewImport } from './template-import-command.js';
import type { HclParser } from '../../core/templates/template-types.js';

// The one-shot commands that read or write the saved conversations, routed to
// their runners. main opens the database and hands it over; each runner
// prints its own output and returns the exit code.

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
      return runAssess(deps, command.options);
    case 'history':
      return runHistory(deps, command.options);
    case 'export':
      return runExport(deps, command.options);
    case 'review':
      return runReviewCommand(deps, command.command);
    case 'digest':
      return runDigestCommand(deps, command.options);
    case 'reprice':
      return runReprice(deps, command.options);
    case 'settings':
      return runSettingsCommand(deps, command.options);
    case 'template': {
      const run = command.action === 'assess' ? runAssessTemplate : runReviewImport;
      return run({ ...deps, clock: { now: deps.now } }, command.options);
    }
  }
}

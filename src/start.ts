import { builtInPlatforms } from './adapters/platforms.js';
import { main } from './main.js';

// The process entry point (dist/main.js, run by the bin): the app with the
// chat platforms this build ships, and the exit code main decides.

main(process.argv.slice(2), builtInPlatforms).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`serverless-fit stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

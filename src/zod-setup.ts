import { z } from 'zod';

// zod compiles a fast parser for each object schema the first time it runs
// it. A process here parses each schema about once (the environment, the
// pricing catalog), where compiling costs several times the parse itself, so
// it interprets instead. Imported for its effect by the modules that parse.

z.config({ jitless: true });

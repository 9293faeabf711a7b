// Dependency rules from DESIGN.md, checked by `npm run lint`.
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core imports nothing from adapters, store, render, config or main, and no Node I/O modules.',
      severity: 'error',
      from: { path: '^src/core' },
      to: { path: ['^src/(adapters|store|render|pricing|config|main|serve|logger)', '^(node:)?(fs|fs/promises|net|http|https|child_process|os|path|url|readline|worker_threads|dgram|tls)$', 'node_modules/(better-sqlite3|@slack|discord\\.js|@resvg)'] },
    },
    {
      name: 'store-behind-port',
      comment: 'Adapters reach storage through the core ports, not the SQLite implementation.',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/store' },
    },
    {
      name: 'adapters-independent',
      comment:
        'One adapter never imports another; each may import the platform contract (src/adapters/chat-platform.ts) it implements, ' +
        'and the handling every chat platform shares beside it (src/adapters/measure-first.ts).',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', '^src/adapters/chat-platform\\.ts$', '^src/adapters/measure-first\\.ts$'] },
    },
    {
      name: 'platforms-through-the-list',
      comment:
        'Nothing outside src/adapters reaches into a chat platform\'s folder: config, serve, main, doctor and digest delivery get platforms from ' +
        'src/adapters/platforms.ts (the single allowed entry point) and use them through the contract in src/adapters/chat-platform.ts. ' +
        'The terminal (cli) and the AWS metrics reader are not chat platforms; main and doctor drive them directly.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/adapters/' },
      to: { path: '^src/adapters/[^/]+/', pathNot: '^src/adapters/(cli|aws)/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module in src that imports nothing and is imported by nothing is dead code (type declarations aside).',
      severity: 'error',
      from: { orphan: true, pathNot: '\\.d\\.ts$' },
      to: {},
    },
    {
      name: 'render-is-pure',
      comment: 'Renderers turn values into platform formats; they do not reach adapters or storage.',
      severity: 'error',
      from: { path: '^src/render' },
      to: { path: '^src/(adapters|store|config|main)' },
    },
    {
      name: 'commands-is-a-leaf',
      comment:
        'commands/ is data: the one definition of /serverless-fit (names, options, limits). It imports nothing, so the core, the renderers and every adapter may read it without an arrow running back.',
      severity: 'error',
      from: { path: '^commands/' },
      to: { pathNot: '^commands/' },
    },
    {
      name: 'core-reads-only-data-from-commands',
      comment: 'What a command means is decided in src/core/dispatch; src/core may read the definition (a value), never code that interprets it elsewhere.',
      severity: 'error',
      from: { path: '^src/core' },
      to: { path: '^commands/', pathNot: '^commands/serverless-fit\\.ts$' },
    },
    {
      name: 'adapters-do-not-read-command-text',
      comment: 'Adapters hand the command text to the core (advisor.command) instead of reading sub-commands themselves; only the generators of the Slack manifest, the Discord registration and the CLI usage read the definition.',
      severity: 'error',
      from: { path: '^src/adapters/(slack/(flows|review-flow|intake|listeners|digest-flow|translate)|discord/(handle-[^/]+|translate))\\.ts$' },
      to: { path: '^src/core/(review/review-command-text|dispatch/read-command)\\.ts$' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

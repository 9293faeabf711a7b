import { availableParallelism, loadavg } from 'node:os';
import { startFakeDiscord } from '../test/e2e/fakes/discord-server.js';
import { benchCli } from './cli-figures.js';
import { startLeanSlackWebApi } from './lean-slack-web-api.js';
import { BENCH_SECRET, benchBareNode, benchStartup, type StartupFigures } from './serve-figures.js';

// `npm run bench:startup`: only the start-up figures of `npm run bench` (a
// one-shot `assess`, `serve` start to ready and idle memory), each beside bare
// node measured in the same run. Prints them; bench/results.json is written by
// the full run only.

const load = () => loadavg().map((l) => Math.round(l * 100) / 100).join(', ');
console.log(`${availableParallelism()} CPUs, load average ${load()} at the start`);

const bare = await benchBareNode();
console.log(`bare node: \`node -e 0\` ${bare.wallMs.median} ms median; an idle node process ${bare.idleRssMb.median} MB RSS`);

const cli = await benchCli();
console.log(`${cli.command}: ${cli.wallMs.median} ms median (${cli.wallMs.min}-${cli.wallMs.max}); ${cli.ratio}x \`node -e 0\` (${cli.bareNodeWallMs.median} ms) in the same runs`);

const slackApi = await startLeanSlackWebApi();
try {
  print('Slack HTTP', await benchStartup('slack-http', () => ({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: BENCH_SECRET, SLACK_API_URL: slackApi.apiUrl }), bare));
} finally {
  await slackApi.close();
}
const fakeDiscord = await startFakeDiscord();
try {
  print('Discord only', await benchStartup('discord', () => ({ DISCORD_TOKEN: fakeDiscord.token, DISCORD_API_URL: fakeDiscord.apiUrl }), bare));
} finally {
  await fakeDiscord.close();
}
console.log(`load average ${load()} at the end`);

function print(name: string, s: StartupFigures): void {
  console.log(
    `serve (${name}) start to ready: ${s.startToReadyMs.median} ms median (${s.startToReadyMs.min}-${s.startToReadyMs.max} over ${s.runs} starts), ${s.ratios.startToReadyVsBareNode}x \`node -e 0\`; idle RSS ${s.idleRssMb.median} MB, ${s.ratios.idleRssVsBareNode}x an idle node`,
  );
}

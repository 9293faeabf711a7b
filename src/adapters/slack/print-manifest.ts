import { createSlackManifest, toYaml } from './manifest.js';

// `npm run slack:manifest [-- --url https://bot.example.com [--oauth]] [--json]`
// Prints the app manifest to paste into https://api.slack.com/apps ("From a manifest").
// Without --url the manifest uses Socket Mode (no public URL needed); --oauth
// adds the redirect URL and events of an app installed in many workspaces.

const usage = 'usage: npm run slack:manifest -- [--url https://your-host [--oauth]] [--json]';

function main(argv: string[]): number {
  let baseUrl: string | undefined;
  let json = false;
  let oauth = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--yaml') json = false;
    else if (arg === '--oauth') oauth = true;
    else if (arg === '--url') baseUrl = argv[++i];
    else if (arg?.startsWith('--url=')) baseUrl = arg.slice('--url='.length);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${usage}\n`);
      return 0;
    } else {
      process.stderr.write(`unknown argument: ${arg}\n${usage}\n`);
      return 2;
    }
  }
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(baseUrl)) {
    process.stderr.write(`--url must be an http(s) URL, got "${baseUrl}"\n${usage}\n`);
    return 2;
  }
  if (oauth && baseUrl === undefined) {
    process.stderr.write(`--oauth needs --url: installs in many workspaces are served over HTTP (/slack/install, /slack/oauth_redirect)\n${usage}\n`);
    return 2;
  }
  const manifest = createSlackManifest(baseUrl === undefined ? {} : { baseUrl, oauth });
  process.stdout.write(json ? `${JSON.stringify(manifest, null, 2)}\n` : `${toYaml(manifest)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

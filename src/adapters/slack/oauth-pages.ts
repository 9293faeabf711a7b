// The pages a person installing the app sees in their browser: installed,
// or why not and what to do next. Nothing of the error's internals is shown,
// and everything that came from outside is escaped.

export interface Page {
  status: number;
  html: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title>`,
    '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#1d1c1d}</style>',
    `</head><body><h1>${escape(title)}</h1>`,
    ...paragraphs.map((p) => `<p>${p}</p>`),
    '</body></html>',
  ].join('\n');
}

export function installedPage(workspaceName: string | null): string {
  const where = workspaceName ? `in ${escape(workspaceName)}` : 'in your workspace';
  return page('serverless-fit is installed', [
    `serverless-fit is now installed ${where}.`,
    'Type <code>/serverless-fit</code> and a workload in any channel, e.g. <code>/serverless-fit resize images on upload, 2 s each, 3k a day</code>. Invite the bot to a channel (<code>/invite @serverless-fit</code>) for it to answer in threads there.',
    'You can close this tab.',
  ]);
}

/** Why an install did not complete, by the InstallProvider's error code (or Slack's error in oauth.v2.access). */
export function installFailedPage(error: Error & { code?: string; data?: { error?: string } }, installPath: string): Page {
  const again = `<a href="${escape(installPath)}">Start the install again</a>.`;
  switch (error.code) {
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_state':
    case 'slack_oauth_missing_code':
      return {
        status: 400,
        html: page('This install link cannot be used', [
          'The link that brought you here has expired, was already used, or did not start on this site (an install link works once, in the browser that started it, for 10 minutes).',
          `Nothing was installed. ${again}`,
        ]),
      };
    case 'slack_oauth_installer_authorization_error':
      return { status: 200, html: page('The install was cancelled', [`Nothing was installed. ${again}`]) };
    default: {
      const slackSaid = error.data?.error;
      return {
        status: 502,
        html: page('The install did not complete', [
          slackSaid
            ? `Slack did not accept the install (<code>${escape(slackSaid)}</code>). Nothing was installed.`
            : 'Something went wrong finishing the install; it was logged for the operator. Nothing was installed.',
          again,
        ]),
      };
    }
  }
}

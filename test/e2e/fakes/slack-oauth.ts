import type { IncomingMessage, ServerResponse } from 'node:http';

// Slack's side of an OAuth install, for the fake Web API: the authorize page
// (GET /oauth/v2/authorize), where the fake "clicks Allow" for the workspace
// a test chose and sends the browser back to the app's redirect URL with a
// code and the app's state; oauth.v2.access, which trades a code (once) for a
// bot token of that workspace; and which team each token it issued belongs
// to, so auth.test answers per token and a revoked token is refused.

export interface FakeWorkspace {
  team: string;
  name: string;
  /** An Enterprise Grid organisation; with `organisationWide`, the install covers all of it. */
  enterprise?: { id: string; name: string };
  organisationWide?: boolean;
  /** Who clicks Allow. */
  installer?: string;
}

export interface FakeOAuth {
  /** The app as registered with Slack: its credentials and its one redirect URL. */
  app: { clientId: string; clientSecret: string; redirectUrl: string };
  /** The workspace the next visit to the authorize page grants; null makes the visitor click Cancel. */
  nextInstall: FakeWorkspace | null;
  /** Every visit to the authorize page, with the query it carried. */
  authorizeVisits: URLSearchParams[];
  /** The team (or organisation) each issued bot token belongs to. */
  tokens: Map<string, FakeWorkspace>;
  /** Tokens Slack no longer accepts (the app was uninstalled, or they were revoked). */
  revoked: Set<string>;
  /** Revokes every token issued for `team`, as uninstalling the app does. */
  revokeTeam(team: string): string[];
  /** The bot user id the fake gives a workspace's bot. */
  botUserOf(team: string): string;
}

export function createFakeOAuth(): FakeOAuth & {
  /** Answers GET /oauth/v2/authorize. */
  authorize(req: IncomingMessage, res: ServerResponse): void;
  /** The oauth.v2.access method. */
  access(args: Record<string, unknown>): Record<string, unknown>;
} {
  /** Each code's workspace, and the redirect_uri the authorize URL named (the exchange must name the same, as Slack checks). */
  const codes = new Map<string, { workspace: FakeWorkspace; redirectUri: string | null }>();
  const tokens = new Map<string, FakeWorkspace>();
  const revoked = new Set<string>();
  let issued = 0;
  const state: FakeOAuth = {
    app: { clientId: '1111111111.2222222222', clientSecret: '0123456789abcdef0123456789abcdef', redirectUrl: '' },
    nextInstall: null,
    authorizeVisits: [],
    tokens,
    revoked,
    revokeTeam(team) {
      const gone = [...tokens].filter(([, w]) => w.team === team || w.enterprise?.id === team).map(([token]) => token);
      for (const token of gone) revoked.add(token);
      return gone;
    },
    botUserOf: (team) => `UBOT${team.replace(/[^A-Z0-9]/gi, '').slice(-6)}`,
  };
  return Object.assign(state, {
    authorize(req: IncomingMessage, res: ServerResponse) {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      state.authorizeVisits.push(query);
      const back = new URL(query.get('redirect_uri') ?? state.app.redirectUrl);
      if (query.get('client_id') !== state.app.clientId) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('invalid_client_id');
        return;
      }
      const workspace = state.nextInstall;
      if (workspace) {
        issued += 1;
        const code = `code-${issued}-${workspace.team}`;
        codes.set(code, { workspace, redirectUri: query.get('redirect_uri') });
        back.searchParams.set('code', code);
      } else {
        back.searchParams.set('error', 'access_denied');
      }
      back.searchParams.set('state', query.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      res.end();
    },
    access(args: Record<string, unknown>) {
      if (args.client_id !== state.app.clientId) return { error: 'invalid_client_id' };
      if (args.client_secret !== state.app.clientSecret) return { error: 'bad_client_secret' };
      const granted = codes.get(String(args.code ?? ''));
      if (!granted) return { error: 'invalid_code' };
      // A code is good for one exchange.
      codes.delete(String(args.code));
      if (granted.redirectUri !== null && args.redirect_uri !== granted.redirectUri) return { error: 'bad_redirect_uri' };
      const workspace = granted.workspace;
      issued += 1;
      const token = `xoxb-${workspace.organisationWide ? workspace.enterprise?.id : workspace.team}-${issued}`;
      tokens.set(token, workspace);
      const orgWide = workspace.organisationWide === true;
      return {
        access_token: token,
        token_type: 'bot',
        scope: 'commands,chat:write',
        bot_user_id: state.botUserOf(orgWide ? (workspace.enterprise?.id ?? workspace.team) : workspace.team),
        app_id: 'A0000001',
        team: orgWide ? null : { id: workspace.team, name: workspace.name },
        enterprise: workspace.enterprise ?? null,
        is_enterprise_install: orgWide,
        authed_user: { id: workspace.installer ?? 'U-admin' },
      };
    },
  });
}

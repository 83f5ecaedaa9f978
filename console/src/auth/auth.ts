import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

const origin = window.location.origin;

/** The path a sign-in returns to with its code; the gateway serves the console there. */
export const signedInPath = '/signed-in';

/**
 * Authorization code + PKCE with identity, reached through the gateway (the same origin). `offline_access` gets a
 * refresh token, which renews the access token without an iframe (the CSP forbids framing).
 */
const users = new UserManager({
  authority: origin,
  client_id: 'jingong-console',
  redirect_uri: `${origin}${signedInPath}`,
  post_logout_redirect_uri: `${origin}/`,
  response_type: 'code',
  scope: 'openid profile roles api offline_access',
  automaticSilentRenew: true,
  monitorSession: false,
  loadUserInfo: false,
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
});

interface ReturnState {
  returnTo: string;
}

/** The jobs people do, as their token's role claims name them (the API's `Roles.All`): what a space may grant a level to. */
export const allRoles = ['sales-rep', 'regional-manager', 'dispatcher', 'finance', 'fleet-operations', 'executive', 'auditor', 'administrator'] as const;

export interface SignedInUser {
  id: string;
  name: string;
  roles: string[];
  region?: string;
}

export function describe(user: User): SignedInUser {
  const claims = user.profile as Record<string, unknown>;
  const roles = claims.role;
  return {
    id: user.profile.sub,
    name: typeof claims.name === 'string' ? claims.name : user.profile.sub,
    roles: Array.isArray(roles) ? roles.map(String) : typeof roles === 'string' ? [roles] : [],
    region: typeof claims.region === 'string' ? claims.region : undefined,
  };
}

/** Off to identity's sign-in page; back at the current page once signed in. */
export async function signIn(): Promise<never> {
  const state: ReturnState = { returnTo: window.location.pathname + window.location.search };
  await users.signinRedirect({ state });
  return new Promise<never>(() => {});
}

export async function signOut(): Promise<void> {
  const user = await users.getUser();
  await users.removeUser();
  await users.signoutRedirect({ id_token_hint: user?.id_token });
}

/**
 * The signed-in user, after finishing a sign-in that has just come back (`/signed-in?code=…`); null when nobody is
 * signed in (or their session cannot be renewed).
 */
export async function currentUser(): Promise<User | null> {
  if (window.location.pathname === signedInPath) {
    const user = await users.signinRedirectCallback();
    const state = user.state as ReturnState | undefined;
    window.history.replaceState(null, '', state?.returnTo && state.returnTo !== signedInPath ? state.returnTo : '/');
    return user;
  }
  return validUser();
}

let renewing: Promise<User | null> | undefined;

/** The stored user, renewed with its refresh token once expired (one renewal at a time for parallel calls). */
async function validUser(): Promise<User | null> {
  const user = await users.getUser();
  if (!user || !user.expired) {
    return user;
  }
  if (!user.refresh_token) {
    return null;
  }
  renewing ??= users.signinSilent().catch(() => null).finally(() => (renewing = undefined));
  return renewing;
}

export async function accessToken(): Promise<string | undefined> {
  return (await validUser())?.access_token;
}

/** When renewal fails (refresh token refused, account closed), sign in again. */
users.events.addSilentRenewError(() => void signIn());

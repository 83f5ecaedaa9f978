import { createContext, useContext, type ReactNode } from 'react';
import type { SignedInUser } from './auth';

const SignedIn = createContext<SignedInUser | undefined>(undefined);

/** The signed-in person, for every page below. */
export function UserProvider({ user, children }: { user: SignedInUser; children: ReactNode }) {
  return <SignedIn.Provider value={user}>{children}</SignedIn.Provider>;
}

export function useUser(): SignedInUser {
  const user = useContext(SignedIn);
  if (!user) {
    throw new Error('useUser is used outside the signed-in console.');
  }
  return user;
}

/**
 * Whether the person's roles allow a command the API grants to `roles` (an administrator may do everything, as the
 * API's policies say). A page offers only what this allows; the API decides all the same.
 */
export function mayAct(user: SignedInUser, ...roles: string[]): boolean {
  return user.roles.includes('administrator') || roles.some((role) => user.roles.includes(role));
}

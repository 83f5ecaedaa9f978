import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { afterPageReads } from '../../api/http';
import { knowledge, type Followed } from '../../api/knowledge';
import { CommandButton } from '../../commands/CommandButton';
import { useLanguage } from '../../i18n/language';

/** What the signed-in person follows in the knowledge base, and how many of their notifications are unread. */
export interface Following {
  unread: number;
  pages: string[];
  spaces: string[];
}

interface FollowingState {
  /** Unknown until first read. */
  following?: Following;
  /** What a follow, an unfollow, a read or the notifications page answered: known for this navigation without asking again. */
  update: (following: Following) => void;
}

const FollowingContext = createContext<FollowingState>({ update: () => undefined });

/**
 * Reads what the person follows and their unread count once per navigation (the badge in the navigation and the
 * follow buttons share it), after the page's own reads, so that it never slows what a page shows first; not at all
 * when the page already learnt it (the notifications page, a follow).
 */
export function FollowingProvider({ children }: { children: ReactNode }) {
  const navigation = useLocation().key;
  const [following, setFollowing] = useState<Following>();
  const current = useRef(navigation);
  current.current = navigation;
  const known = useRef<string>(undefined);

  useEffect(() => {
    let stale = false;
    void afterPageReads()
      .then(() => (stale || known.current === navigation ? undefined : knowledge.notifications(true)))
      .then(
        (view) => {
          if (view && !stale) {
            known.current = navigation;
            setFollowing(view);
          }
        },
        // The badge is a convenience: without it the console works, and the next navigation asks again.
        () => undefined,
      );
    return () => {
      stale = true;
    };
  }, [navigation]);

  const update = useCallback((next: Following) => {
    known.current = current.current;
    setFollowing({ unread: next.unread, pages: next.pages, spaces: next.spaces });
  }, []);
  const state = useMemo(() => ({ following, update }), [following, update]);
  return <FollowingContext.Provider value={state}>{children}</FollowingContext.Provider>;
}

export const useFollowing = () => useContext(FollowingContext);

/** Follow a page or a space (be told of each revision published in it), or stop following it; shown once it is known which. */
export function FollowButton({ followed }: { followed: Followed }) {
  const { following, update } = useFollowing();
  if (!following) {
    return null;
  }
  const follows = (followed.kind === 'page' ? following.pages : following.spaces).includes(followed.id);
  return (
    <CommandButton
      // Another command once pressed: its key and its refusal are not the other's.
      key={String(follows)}
      id={follows ? 'unfollow' : 'follow'}
      label={follows ? 'knowledge.unfollow' : 'knowledge.follow'}
      send={(key) => (follows ? knowledge.unfollow(followed, key) : knowledge.follow(followed, key))}
      onDone={update}
    />
  );
}

/** How many of the person's notifications are unread, beside the knowledge base in the navigation; it leads to them. */
export function UnreadBadge({ onClick }: { onClick: () => void }) {
  const { t } = useLanguage();
  const { following } = useFollowing();
  if (!following) {
    return null;
  }
  return (
    <NavLink
      to="/knowledge/notifications"
      className={following.unread > 0 ? 'badge unread' : 'badge'}
      data-testid="unread-badge"
      data-unread={following.unread}
      aria-label={t('knowledge.unreadNotifications', { count: following.unread })}
      onClick={onClick}
    >
      {following.unread}
    </NavLink>
  );
}

import { useEffect } from 'react';
import { Link } from 'react-router';
import { knowledge } from '../../api/knowledge';
import { CommandButton } from '../../commands/CommandButton';
import { Loading } from '../../components/Loading';
import { useReloadable } from '../../components/useReloadable';
import { useLanguage } from '../../i18n/language';
import { formatInstant } from '../../lib/format';
import { useFollowing } from './Following';

/**
 * The person's notifications [通知] of new revisions of what they follow, newest first, the unread ones marked: each
 * leads to the page at the revision it tells of, and is marked read one by one or all at once.
 */
export function NotificationsPage() {
  const { t, language } = useLanguage();
  const notifications = useReloadable('knowledge-notifications', () => knowledge.notifications());
  const { update } = useFollowing();
  const { loaded, reload } = notifications;
  // What this page read is what the badge shows: it need not ask again. (The answer, not `loaded`, which is made anew at
  // each rendering: the badge's update renders this page again.)
  const read = loaded.state === 'ready' ? loaded.data : undefined;
  useEffect(() => {
    if (read) {
      update(read);
    }
  }, [read, update]);
  return (
    <section>
      <h1>{t('knowledge.notifications')}</h1>
      <p>
        <Link to="/knowledge">{t('knowledge.title')}</Link>
      </p>
      <Loading loaded={loaded}>
        {({ items, unread }) => (
          <>
            {unread > 0 && <CommandButton id="read-all" label="knowledge.markAllRead" send={(key) => knowledge.readNotifications(null, key)} onDone={reload} />}
            {items.length === 0 ? (
              <p className="muted" data-testid="notifications" data-unread={0}>
                {t('knowledge.noNotifications')}
              </p>
            ) : (
              <ol className="notifications" data-testid="notifications" data-unread={unread}>
                {items.map((notice) => (
                  <li
                    key={notice.number}
                    className={notice.read ? undefined : 'unread'}
                    data-testid="notification"
                    data-number={notice.number}
                    data-page={notice.pageId}
                    data-revision={notice.revision}
                    data-read={notice.read}
                  >
                    {!notice.read && <strong className="unread-mark">{t('knowledge.unread')}</strong>}
                    <Link to={`/knowledge/pages/${encodeURIComponent(notice.pageId)}?revision=${notice.revision}`} data-testid="notification-title">
                      {notice.title}
                    </Link>{' '}
                    <small className="muted">
                      {t('knowledge.revisionBy', { number: notice.revision, author: notice.author, at: formatInstant(notice.publishedAt, language) })}
                    </small>
                    {!notice.read && (
                      <CommandButton id="read" label="knowledge.markRead" send={(key) => knowledge.readNotifications(notice.number, key)} onDone={reload} />
                    )}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}

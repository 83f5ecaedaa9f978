import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders its children — and so starts what they load — only once its place on the page comes near the screen: a page
 * shows what is at the top without waiting on what is below the fold (a vehicle's year of trajectory).
 */
export function WhenVisible({ height, testId, children }: { height: number; testId: string; children: ReactNode }) {
  const place = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (seen || !place.current) {
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setSeen(true), { rootMargin: '200px' });
    observer.observe(place.current);
    return () => observer.disconnect();
  }, [seen]);
  // Until then its place carries the test id of what will fill it, so a test can scroll to it.
  return seen ? <>{children}</> : <div ref={place} style={{ minHeight: height }} data-testid={testId} data-state="not-yet-seen" />;
}

import { useState, type ReactNode } from 'react';

/**
 * A `<details>` whose content is made when it is first opened, and kept after: a page with a folded command under each
 * of its many rows would otherwise build every hidden form (the OKR board built, under each objective, a choice of every
 * other objective to align to).
 */
export function Fold({ className, summary, children }: { className?: string; summary: ReactNode; children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>{summary}</summary>
      {opened && children}
    </details>
  );
}

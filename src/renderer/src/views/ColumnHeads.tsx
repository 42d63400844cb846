import type { ReactNode } from 'react';

/**
 * The header row of a data table: one `<th scope="col">` per label, so screen readers
 * announce each cell with its column. The lead views' tables all start this way.
 */
export function ColumnHeads({ labels }: { labels: readonly ReactNode[] }): ReactNode {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          // Columns never move within a table, so their position is a stable key.
          <th key={i} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

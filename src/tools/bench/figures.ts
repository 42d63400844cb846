/** One measured figure with the baseline measured in the same run and its target. */
export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: { readonly label: string; readonly value: number } | null;
  /** value / baseline.value when there is a baseline. */
  readonly ratio: number | null;
  /** Human-readable target, e.g. "p99 ≤ 1.5× baseline and < 50 ms". */
  readonly target: string;
  /** null when the figure has no target of its own (context only). */
  readonly pass: boolean | null;
  readonly note?: string;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (value: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export function figure(f: Omit<Figure, 'ratio' | 'value'> & { readonly value: number }): Figure {
  const ratio = f.baseline === null || f.baseline.value === 0 ? null : round(f.value / f.baseline.value, 2);
  return {
    ...f,
    value: round(f.value, 2),
    ratio,
    baseline: f.baseline && { ...f.baseline, value: round(f.baseline.value, 2) },
  };
}

const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);

export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.label,
    `${String(f.value)} ${f.unit}`,
    f.baseline === null ? '—' : `${String(f.baseline.value)} ${f.unit} (${f.baseline.label})`,
    f.ratio === null ? '—' : `${String(f.ratio)}×`,
    f.target,
    f.pass === null ? 'info' : f.pass ? 'PASS' : 'MISS',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => pad(c, widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

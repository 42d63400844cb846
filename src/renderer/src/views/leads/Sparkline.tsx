/** A small inline trend: one point per bucket, scaled to the busiest. */
export function Sparkline({
  counts,
  label,
  width = 220,
  height = 40,
}: {
  counts: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : width;
  const points = counts.map((n, i) => {
    const x = counts.length > 1 ? i * step : width / 2;
    const y = height - 2 - (n / max) * (height - 4);
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const last = points.at(-1)?.split(',') ?? [String(width), String(height)];
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${String(width)} ${String(height)}`}
      data-testid="volume-trend"
    >
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx={last[0]} cy={last[1]} r="3" fill="currentColor" />
    </svg>
  );
}

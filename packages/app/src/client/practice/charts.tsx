/** Small bar charts for practice stats, drawn as plain SVG (no chart library on this page). */

export function Bars({ values, labels, max, label, format }: { values: number[]; labels: string[]; max?: number; label: string; format?: (v: number) => string }) {
  const top = max ?? Math.max(1, ...values);
  const w = 560, rowH = 20, labelW = 230;
  return (
    <svg class="bars" role="img" aria-label={label} viewBox={`0 0 ${w} ${values.length * rowH + 4}`} width="100%">
      {values.map((v, i) => (
        <g key={labels[i]} transform={`translate(0 ${i * rowH})`}>
          <text x={labelW - 6} y={14} text-anchor="end" class="bar-label">{labels[i]}</text>
          <rect x={labelW} y={3} width={Math.max(1, ((w - labelW - 50) * v) / top)} height={rowH - 6} class="bar" />
          <text x={labelW + ((w - labelW - 50) * v) / top + 6} y={14} class="bar-value">{format ? format(v) : String(v)}</text>
        </g>
      ))}
    </svg>
  );
}

export function Columns({ values, label }: { values: number[]; label: string }) {
  const top = Math.max(1, ...values);
  const w = 560, h = 90, colW = w / values.length;
  return (
    <svg class="columns" role="img" aria-label={label} viewBox={`0 0 ${w} ${h + 16}`} width="100%">
      {values.map((v, i) => (
        <g key={i}>
          <rect x={i * colW + 1} y={h - (h * v) / top} width={colW - 2} height={(h * v) / top} class="bar"><title>{`day ${i}: ${v}`}</title></rect>
          {i % 5 === 0 && <text x={i * colW + colW / 2} y={h + 13} text-anchor="middle" class="bar-label">{i === 0 ? 'today' : `+${i}`}</text>}
        </g>
      ))}
    </svg>
  );
}

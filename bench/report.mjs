// Ratios against each peer, target checks, and the Markdown table printed at the end.

const PEERS = ['ws', 'h5-wrapper', 'undici'];

/** minisocket's median over each peer's, per case, with the target where one applies (against ws). */
export function ratioRows(results, cases, quick) {
  const rows = [];
  for (const test of cases) {
    const row_ = (name) => results.find((r) => r.key === test.key && r.contender === name);
    const mini = row_('minisocket');
    if (!mini || mini.median === null) continue;
    for (const peer of PEERS) {
      const base = row_(peer);
      if (!base?.median) continue;
      const ofMedians = mini.median / base.median;
      // Samples taken side by side (same round, or same connection index) share the
      // machine's state at that moment: the median of their ratios cancels drift and
      // bursts that the ratio of two medians keeps.
      const n = Math.min(mini.samples.length, base.samples.length);
      const paired = n >= 3 ? median(Array.from({ length: n }, (_, i) => mini.samples[i] / base.samples[i])) : ofMedians;
      const ratio = test.target?.plus !== undefined ? ofMedians : paired;
      const row = { case: test.name, peer, ratio: Number(ratio.toFixed(3)), ratioOfMedians: Number(ofMedians.toFixed(3)) };
      if (mini.cpuSamples && base.cpuSamples) {
        const m = Math.min(mini.cpuSamples.length, base.cpuSamples.length);
        row.cpuRatio = Number(median(Array.from({ length: m }, (_, i) => mini.cpuSamples[i] / base.cpuSamples[i])).toFixed(3));
      }
      if (peer === 'ws' && test.target) Object.assign(row, check(test, ratio, mini.median, base.median, quick));
      // The same target in client CPU per operation: a rate of at least r x ws is at most 1/r x its CPU per operation.
      if (peer === 'ws' && test.target?.ratio !== undefined && row.cpuRatio !== undefined) {
        const limit = test.better === 'higher' ? 1 / test.target.ratio : test.target.ratio;
        row.cpuTarget = `<= ${limit.toFixed(3)} x ws`;
        row.metByCpu = row.cpuRatio <= limit;
      }
      rows.push(row);
    }
  }
  return rows;
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function check(test, ratio, mini, base, quick) {
  const t = test.target;
  if (t.ratio !== undefined) {
    const met = test.better === 'higher' ? ratio >= t.ratio : ratio <= t.ratio;
    return { target: `${test.better === 'higher' ? '>=' : '<='} ${t.ratio} x ws`, met };
  }
  if (t.plus !== undefined) {
    return { difference: Math.round(mini - base), target: `<= ws + ${t.plus} B`, met: mini <= base + t.plus };
  }
  if (t.atLeast !== undefined) {
    return { target: `>= ${t.atLeast}`, met: quick ? null : mini >= t.atLeast };
  }
  return {};
}

const fmt = (value) => {
  if (value === null || value === undefined) return 'n/a';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
};

export function printTable(results, ratios, contenders) {
  const keys = [...new Set(results.map((r) => r.key))];
  const head = ['case', 'unit', ...contenders, 'minisocket / ws', 'target', 'met'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const key of keys) {
    const rows = results.filter((r) => r.key === key);
    const ratio = ratios.find((r) => r.case === rows[0].case && r.peer === 'ws');
    const met = ratio?.met === undefined ? '' : ratio.met === null ? 'n/a (quick)' : ratio.met ? 'yes' : 'NO';
    const shown =
      ratio === undefined
        ? 'n/a'
        : ratio.difference !== undefined
          ? `${ratio.ratio} (${ratio.difference >= 0 ? '+' : ''}${ratio.difference} B)`
          : String(ratio.ratio);
    const cells = contenders.map((name) => fmt(rows.find((r) => r.contender === name)?.median));
    lines.push(`| ${[rows[0].case, rows[0].unit, ...cells, shown, ratio?.target ?? '', met].join(' | ')} |`);
  }
  const cpuKeys = keys.filter((key) => results.some((r) => r.key === key && r.cpu !== undefined));
  if (cpuKeys.length) {
    const cpuHead = ['case', 'client CPU', ...contenders, 'minisocket / ws', 'target', 'met'];
    lines.push('', `| ${cpuHead.join(' | ')} |`, `|${cpuHead.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`);
    for (const key of cpuKeys) {
      const rows = results.filter((r) => r.key === key);
      const ratio = ratios.find((r) => r.case === rows[0].case && r.peer === 'ws');
      const cells = contenders.map((name) => fmt(rows.find((r) => r.contender === name)?.cpu));
      const met = ratio?.metByCpu === undefined ? '' : ratio.metByCpu ? 'yes' : 'NO';
      lines.push(`| ${[rows[0].case, rows[0].cpuUnit, ...cells, ratio?.cpuRatio ?? 'n/a', ratio?.cpuTarget ?? '', met].join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

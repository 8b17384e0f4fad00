// Ratios against each peer, target checks, and the Markdown table printed at the end.

const PEERS = ['ws', 'h5-wrapper', 'undici'];

/** minisocket's median over each peer's, per case, with the issue's target where one applies (against ws). */
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

/** The WHATWG facade against ws's own WHATWG interface: the pairs and the issue's target. */
const FACADE = { subject: 'facade', peer: 'ws-whatwg', target: 0.95 };

/** facade / ws-whatwg per case both ran (paired median, as ratioRows), with CPU per operation too. */
export function facadeRows(results) {
  const rows = [];
  for (const key of [...new Set(results.map((r) => r.key))]) {
    const mine = results.find((r) => r.key === key && r.contender === FACADE.subject);
    const base = results.find((r) => r.key === key && r.contender === FACADE.peer);
    if (!mine?.samples.length || !base?.samples.length) continue;
    const n = Math.min(mine.samples.length, base.samples.length);
    const ratio = median(Array.from({ length: n }, (_, i) => mine.samples[i] / base.samples[i]));
    const m = Math.min(mine.cpuSamples?.length ?? 0, base.cpuSamples?.length ?? 0);
    const cpuRatio = m ? median(Array.from({ length: m }, (_, i) => mine.cpuSamples[i] / base.cpuSamples[i])) : undefined;
    rows.push({
      case: mine.case,
      subject: FACADE.subject,
      peer: FACADE.peer,
      facade: mine.median,
      wsWhatwg: base.median,
      unit: mine.unit,
      ratio: Number(ratio.toFixed(3)),
      target: `>= ${FACADE.target} x ${FACADE.peer}`,
      met: ratio >= FACADE.target,
      ...(cpuRatio === undefined ? {} : { cpuRatio: Number(cpuRatio.toFixed(3)), metByCpu: cpuRatio <= 1 / FACADE.target })
    });
  }
  return rows;
}

export function printFacade(rows) {
  if (!rows.length) return '';
  const head = ['case', 'unit', 'facade', 'ws-whatwg', 'facade / ws-whatwg', 'CPU ratio', 'target', 'met'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) {
    const met = `${r.met ? 'yes' : 'NO'}${r.metByCpu === undefined ? '' : ` (by CPU: ${r.metByCpu ? 'yes' : 'NO'})`}`;
    lines.push(`| ${[r.case, r.unit, fmt(r.facade), fmt(r.wsWhatwg), r.ratio, r.cpuRatio ?? 'n/a', r.target, met].join(' | ')} |`);
  }
  return `\nThe WHATWG facade (createWebSocketClass over minisocket) against ws's WHATWG interface:\n\n${lines.join('\n')}\n`;
}

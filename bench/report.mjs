// Ratios against each peer, target checks, and the Markdown table printed at the end.

const PEERS = ['ws', 'h5-wrapper', 'undici'];

/** minisocket's median over each peer's, per case, with the target where one applies (against ws). */
export function ratioRows(results, cases, quick) {
  const rows = [];
  for (const test of cases) {
    const of = (name) => results.find((r) => r.key === test.key && r.contender === name)?.median ?? null;
    const mini = of('minisocket');
    if (mini === null) continue;
    for (const peer of PEERS) {
      const base = of(peer);
      if (base === null || base === 0) continue;
      const row = { case: test.name, peer, ratio: Number((mini / base).toFixed(3)) };
      if (peer === 'ws' && test.target) Object.assign(row, check(test, mini, base, quick));
      rows.push(row);
    }
  }
  return rows;
}

function check(test, mini, base, quick) {
  const t = test.target;
  if (t.ratio !== undefined) {
    const met = test.better === 'higher' ? mini / base >= t.ratio : mini / base <= t.ratio;
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
    const shown = ratio === undefined ? 'n/a' : ratio.difference !== undefined ? `${ratio.ratio} (${ratio.difference >= 0 ? '+' : ''}${ratio.difference} B)` : String(ratio.ratio);
    const cells = contenders.map((name) => fmt(rows.find((r) => r.contender === name)?.median));
    lines.push(`| ${[rows[0].case, rows[0].unit, ...cells, shown, ratio?.target ?? '', met].join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

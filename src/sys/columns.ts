// How wide the output is, for everything that fits lines to it (the lessons' screen, inspect):
// one rule, so that a pipe with COLUMNS set wraps alike everywhere.

/**
 * The columns to lay lines out in. A terminal's own width (80 when it does not know it); not a
 * terminal (a pipe, a file), COLUMNS when it names a width, else none (Infinity): lines are not
 * wrapped, so that grep and a pager see each line whole, as they would from ls or git.
 */
export function terminalColumns(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): number {
  if (stream.isTTY === true) return stream.columns || 80;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : Number.POSITIVE_INFINITY;
}

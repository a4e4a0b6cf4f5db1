// Checks that a zh or ja sentence is in its language: what Latin is left once the values it was
// given (paths, codes, program names) are taken out. A sentence that fell back to English leaves
// its words.
/** The runs of three or more Latin letters in `text` once each of `values` is taken out of it. */
export function latinLeft(text: string, values: readonly string[]): string[] {
  let rest = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(value, " ");
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

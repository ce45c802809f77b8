/**
 * One shared instance of each repeated string (codes, unit and project ids),
 * so that a large ledger stores each once and its maps hash each once.
 *
 * @module
 */

/**
 * Creates an interner.
 *
 * @returns a function returning the first instance seen of each string
 */
export function createInterner(): (text: string) => string {
  const strings = new Map<string, string>();
  return (text) => {
    const found = strings.get(text);
    if (found !== undefined) return found;
    strings.set(text, text);
    return text;
  };
}

const CLASSES: Record<string, string> = { d: '0-9', w: 'a-zA-Z0-9_', s: ' ' };

/**
 * Rewrites a simple regular expression into what faker's `fromRegExp`
 * reads: it knows character classes and `{n,m}`, but not `\d`, `\w`, `.`,
 * `+`, `*` or `?`. Anchors go; alternations and groups are left as they are
 * (records that then fail the schema are drawn again, or reported).
 */
export function toFakerPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const escaped = pattern[++i] ?? '';
      const shorthand = CLASSES[escaped];
      if (shorthand) out += inClass ? shorthand : `[${shorthand}]`;
      // faker takes other characters literally, except its own syntax.
      else if (inClass || /[[\]{}]/.test(escaped)) out += `\\${escaped}`;
      else out += escaped;
    } else if (inClass) {
      inClass = c !== ']';
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (
      (c === '^' && i === 0) ||
      (c === '$' && i === pattern.length - 1)
    ) {
      // anchors: the whole value is generated anyway
    } else {
      out += { '.': '[a-z]', '+': '{1,5}', '*': '{0,5}', '?': '{0,1}' }[c] ?? c;
    }
  }
  return out;
}

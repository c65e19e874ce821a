/** What the writer's refusals say before their reasons. */
const CANNOT_BE_PUBLISHED = /^The data product \S+ cannot be published:\s*/;

/**
 * The problems in a refusal of the publish barrier (or of the writer's own
 * checks), one entry each: the barrier lists every problem as `  - …` under
 * a first line, with deeper-indented lines (e.g. schema incompatibilities)
 * belonging to the problem above them; other refusals are one sentence.
 */
export function barrierProblems(message: string): string[] {
  const [first, ...rest] = message.split('\n');
  const problems: string[] = [];
  for (const line of rest) {
    if (line.startsWith('  - ')) {
      problems.push(line.slice(4));
    } else if (problems.length > 0 && line.trim() !== '') {
      problems[problems.length - 1] += `\n${line.trim()}`;
    }
  }
  if (problems.length > 0) return problems;
  const single = [first, ...rest].join('\n').replace(CANNOT_BE_PUBLISHED, '');
  return [single.trim()];
}

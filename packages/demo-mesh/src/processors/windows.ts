/** Start of the tumbling window of `sizeMs` that `at` falls in. */
export function windowStartOf(at: number, sizeMs: number): number {
  return Math.floor(at / sizeMs) * sizeMs;
}

/**
 * Retries an assertion until it passes: catalog ingestion is asynchronous.
 * The deadline only bounds a hung test; it measures nothing.
 *
 * @public
 */
export async function eventually<T>(
  check: () => Promise<T>,
  { deadlineMs = 90_000, intervalMs = 300 } = {},
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  }
}

/** The monorepo's root folder. */
export const repoRoot: string;
/** Where test runs leave what people look at: screenshots, logs. */
export const testResults: string;

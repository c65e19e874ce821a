/** Builds the frontend into packages/app/dist, unless this jest run did. */
export function buildApp(): void;

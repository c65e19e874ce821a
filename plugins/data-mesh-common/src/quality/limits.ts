/** Lower-case words of letters and digits joined by `-`. */
export const QUALITY_RULE_NAME_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** At most this many rules per product, to keep a check run cheap. */
export const MAX_QUALITY_RULES = 50;

/** Longest `arguments.pattern`, to keep pattern checks cheap. */
export const MAX_QUALITY_PATTERN_LENGTH = 200;

// Browser tests only; nothing is exported.
export {};

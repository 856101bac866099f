/** Texts of the exported tables. */
export const tables = {
} as const;

/** Texts of units. */
export const units = {
} as const;

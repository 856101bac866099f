/** Texts of hosting. */
export const hosting = {
} as const;

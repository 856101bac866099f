/** Texts of reading. */
export const reading = {
} as const;

/** Texts of platforms. */
export const platforms = {
} as const;

/** Texts of communities. */
export const communities = {
} as const;

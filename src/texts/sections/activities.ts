/** Texts of activities. */
export const activities = {
} as const;

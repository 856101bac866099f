/** Texts of jobs. */
export const jobs = {
} as const;

/** Texts of deliverables. */
export const deliverables = {
} as const;

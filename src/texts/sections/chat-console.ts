/** Texts of the local chat console. */
export const chatConsole = {
} as const;

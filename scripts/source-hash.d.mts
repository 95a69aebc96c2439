/** The first line of the bundle's main.js, for the source under `root`. */
export function sourceStamp(root: string): string;
export function sourceHash(root: string): string;

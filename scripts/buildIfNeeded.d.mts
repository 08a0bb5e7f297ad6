/** The repository root. */
export declare const ROOT: string;
/** Builds the web app when web/build is missing or older than its sources; true when it built. */
export declare function buildIfNeeded(): boolean;

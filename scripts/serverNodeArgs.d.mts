/** V8 flags of the Roster server process (see serverNodeArgs.mjs). */
export declare const SERVER_NODE_ARGS: string[];

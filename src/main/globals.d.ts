/** Injected by electron.vite.config.ts at build time: the build's commit and date. */
declare const __DESK_BUILD__: string;

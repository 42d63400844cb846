import type { ResolvedSetting } from './settings';

export interface AboutInfo {
  readonly productName: string;
  readonly version: string;
  /** The build's commit and date (__DESK_BUILD__). */
  readonly build: string;
  readonly electron: string;
  readonly chrome: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly hubUrl: ResolvedSetting<string | null>;
}

/**
 * The About box: what IT asks for on a support call. Updates come from IT (SCCM/Intune), so
 * the box tells the operator that rather than offering to update.
 */
export function aboutText(info: AboutInfo): { title: string; message: string; detail: string } {
  const hub = info.hubUrl.value ?? 'not set';
  return {
    title: `About ${info.productName}`,
    message: `${info.productName} ${info.version}`,
    detail: [
      `Version: ${info.version}`,
      `Build: ${info.build}`,
      `Hub: ${hub} (${info.hubUrl.reason})`,
      `Electron ${info.electron}, Chromium ${info.chrome}, Node ${info.node}`,
      `Platform: ${info.platform} ${info.arch}`,
      '',
      'Updates are installed by your IT department.',
    ].join('\n'),
  };
}

/** The parts of Electron that reporting a failed start needs; the tests stand in for them. */
export interface StartFailureShell {
  /** `dialog.showErrorBox`: modal, and safe to call before the app is ready. */
  showErrorBox(title: string, content: string): void;
  /** `app.exit` */
  exit(code: number): void;
  log(line: string): void;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What the operator reads when the console cannot start. The cache is never touched on the
 * way out, so the box can say nothing was lost; the reason is for IT (for example a cache
 * written by a newer version after the MSI was rolled back), in English as the engine wrote
 * it, with the instruction in Welsh too.
 */
export function startFailureText(error: unknown): { title: string; content: string } {
  return {
    title: 'Social Desk could not start',
    content: [
      'Social Desk could not start. Nothing saved on this console has been lost.',
      'Please tell your IT department, and give them this reason:',
      '',
      reasonOf(error),
      '',
      'Methodd Social Desk â dechrau. Nid oes dim wedi’i golli. Dywedwch wrth eich adran TG.',
    ].join('\n'),
  };
}

/**
 * Tells the operator why the console did not start, then exits. Before, the reason went to
 * a console nobody sees on a packaged workstation and the app simply vanished.
 */
export function reportStartFailure(shell: StartFailureShell, error: unknown): void {
  shell.log(`[main] failed to start: ${reasonOf(error)}`);
  const { title, content } = startFailureText(error);
  try {
    shell.showErrorBox(title, content);
  } catch (dialogError) {
    // Exiting matters more than the box: a half-started console must not linger.
    shell.log(`[main] could not show the start failure: ${reasonOf(dialogError)}`);
  }
  shell.exit(1);
}

export type ToneState = 'off' | 'playing' | 'blocked';

export interface AlertTone {
  start(): void;
  stop(): void;
  /** Called from a click: browsers only let sound start after the person has interacted. */
  unblock(): void;
}

const REPEAT_MS = 2000;

/**
 * The emergency alert sound: a two-note tone generated with the Web Audio API (no audio
 * file, so nothing for the content security policy to allow), repeated until stopped.
 */
export function createAlertTone(onState: (state: ToneState) => void): AlertTone {
  let context: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let state: ToneState = 'off';
  const set = (next: ToneState): void => {
    if (next === state) return;
    state = next;
    onState(next);
  };

  const beep = (ctx: AudioContext, at: number, frequency: number): void => {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.28);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.3);
  };

  const ring = (): void => {
    if (context === null) return;
    if (context.state !== 'running') {
      set('blocked');
      void context.resume().catch(() => undefined);
      return;
    }
    set('playing');
    const at = context.currentTime + 0.01;
    beep(context, at, 880);
    beep(context, at + 0.35, 660);
  };

  return {
    start() {
      if (timer !== null) return;
      if (typeof AudioContext === 'undefined') {
        set('blocked');
        return;
      }
      context ??= new AudioContext();
      ring();
      timer = setInterval(ring, REPEAT_MS);
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      set('off');
    },
    unblock() {
      if (context === null) return;
      void context.resume().then(() => {
        if (timer !== null) ring();
      });
    },
  };
}

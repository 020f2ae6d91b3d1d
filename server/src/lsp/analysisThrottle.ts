/**
 * When the next analysis of edited documents may run. Short by default: a burst of keystrokes costs one analysis,
 * yet a single edit gets its diagnostics well within the 30 ms budget. After a slow analysis (a multi-megabyte
 * document) the server keeps a gap of half that analysis's duration before the next one, so hovers and
 * completions get time between analyses; a gap the server has already spent idle counts towards it (the first
 * edit after a slow open must not wait for a pause that has already happened).
 */
export const DIAGNOSTICS_DELAY_MS = 4;
const MAX_GAP_MS = 250;

export class AnalysisThrottle {
  private gap = DIAGNOSTICS_DELAY_MS;
  private lastEnd = -Infinity;

  /** How long an analysis asked for at `now` waits. */
  delay(now: number): number {
    return Math.max(DIAGNOSTICS_DELAY_MS, Math.min(this.gap, this.lastEnd + this.gap - now));
  }

  /** An analysis ran from `start` to `end` (ms, the same clock as `delay`). */
  ran(start: number, end: number): void {
    this.gap = Math.min(MAX_GAP_MS, Math.max(DIAGNOSTICS_DELAY_MS, (end - start) / 2));
    this.lastEnd = end;
  }
}

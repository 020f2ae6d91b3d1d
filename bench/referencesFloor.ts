/**
 * The floor under references latency: the same answers, to the same requests in the same order, from a stdio
 * "server" that does no work (bench/replayServer.mjs writes the bytes our server gave), measured by the same client
 * library in a fresh process. What remains is the pipe and the client decoding answers of up to 15,000 locations
 * (2 MB+ of JSON): no server can answer these requests faster through this client on this machine.
 *   node --import tsx bench/referencesFloor.ts <answers.json> <rootUri>   (prints one JSON line)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspProcess } from './lib/lsp';
import { REPO } from './lib/core';
import { latency, type Latency } from './lib/stats';

/** Our server's answers, recorded as they arrive: each distinct answer once, and which one each request got. */
export class AnswerRecorder {
  private readonly requests: unknown[] = [];
  private readonly bodies: string[] = [];
  private readonly order: number[] = [];
  private readonly byKey = new Map<string, number>();

  record(params: unknown, result: unknown): void {
    // A cheap key (length and both ends) so that each large answer is stringified once, not on every request.
    const key = Array.isArray(result) ? `${result.length}${JSON.stringify(result[0])}${JSON.stringify(result.at(-1))}` : JSON.stringify(result);
    let k = this.byKey.get(key);
    if (k === undefined) {
      k = this.bodies.push(JSON.stringify(result ?? null)) - 1;
      this.byKey.set(key, k);
    }
    this.requests.push(params);
    this.order.push(k);
  }

  get size(): number {
    return this.requests.length;
  }

  /** The file bench/replayServer.mjs reads (it ignores `requests`, which this script sends). */
  save(file: string): void {
    writeFileSync(file, JSON.stringify({ bodies: this.bodies, order: this.order, requests: this.requests }));
  }
}

export interface ReferencesFloor extends Latency {
  /** Distinct answers replayed. */
  answers: number;
}

async function main(file: string, rootUri: string): Promise<ReferencesFloor> {
  const { bodies, requests } = JSON.parse(readFileSync(file, 'utf8')) as { bodies: string[]; requests: unknown[] };
  const replay = LspProcess.start(process.execPath, [join(REPO, 'bench', 'replayServer.mjs'), file], REPO);
  try {
    await replay.initialize(rootUri);
    const times: number[] = [];
    for (const params of requests) times.push((await replay.timed('textDocument/references', params)).ms);
    return { ...latency(times), answers: bodies.length };
  } finally {
    await replay.dispose();
  }
}

if (process.argv[1]?.endsWith('referencesFloor.ts')) {
  const [file, rootUri] = process.argv.slice(2);
  main(file, rootUri).then(
    (r) => console.log(JSON.stringify(r)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

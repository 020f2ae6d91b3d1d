import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { encodeMessage } from './serializedResult';

/** Parts at least this large are written as they are rather than copied into the batch. */
const LARGE = 64 * 1024;

/**
 * Writes JSON-RPC messages to a stream, all the messages of one synchronous run in one write. vscode-jsonrpc's
 * stream writer makes two writes per message (header, then body), each a system call on a pipe: publishing the
 * diagnostics of a 10,000-document corpus, thousands of messages, cost the main thread ~100 ms of system calls.
 * The queue is written on the next tick, before any other I/O, so no answer waits behind other work.
 */
export class BatchingStreamWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Buffer[] = [];
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (e: Error) => this.fireError(e));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let body: Buffer[];
    try {
      body = encodeMessage(msg);
    } catch (e) {
      this.fireError(e, msg, ++this.errorCount);
      return Promise.reject(e);
    }
    let length = 0;
    for (const part of body) length += part.length;
    this.queue.push(Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), ...body);
    const written = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(() => this.flush());
    }
    return written;
  }

  private flush(): void {
    this.scheduled = false;
    const chunks = this.queue;
    const waiting = this.waiting;
    this.queue = [];
    this.waiting = [];
    // Small parts are joined (one copy of a few KB); large ones (a cached answer) go as they are, all in one
    // gathered write.
    const parts: Buffer[] = [];
    let small: Buffer[] = [];
    const joinSmall = () => {
      if (small.length) parts.push(small.length === 1 ? small[0] : Buffer.concat(small));
      small = [];
    };
    for (const c of chunks) {
      if (c.length < LARGE) small.push(c);
      else {
        joinSmall();
        parts.push(c);
      }
    }
    joinSmall();
    const done = (e?: Error | null) => {
      if (e) this.fireError(e, undefined, ++this.errorCount);
      for (const w of waiting) {
        if (e) w.reject(e);
        else w.resolve();
      }
    };
    if (parts.length === 1) {
      this.stream.write(parts[0], done);
      return;
    }
    const corkable = this.stream as NodeJS.WritableStream & Partial<Pick<import('node:stream').Writable, 'cork' | 'uncork'>>;
    corkable.cork?.();
    for (let i = 0; i < parts.length - 1; i++) this.stream.write(parts[i]);
    this.stream.write(parts[parts.length - 1], done);
    corkable.uncork?.();
  }

  end(): void {
    this.stream.end();
  }
}

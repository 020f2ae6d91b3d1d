import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { encodeMessage } from './serializedResult';

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
    let body: Buffer;
    try {
      body = encodeMessage(msg);
    } catch (e) {
      this.fireError(e, msg, ++this.errorCount);
      return Promise.reject(e);
    }
    this.queue.push(Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body);
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
    this.stream.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), (e) => {
      if (e) this.fireError(e, undefined, ++this.errorCount);
      for (const w of waiting) {
        if (e) w.reject(e);
        else w.resolve();
      }
    });
  }

  end(): void {
    this.stream.end();
  }
}

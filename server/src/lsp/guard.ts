import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

/** Thrown from deep inside a handler when its request was cancelled; the guard turns it into the LSP error. */
export class Cancelled extends Error {}

export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Lets long loops notice `$/cancelRequest`: every few milliseconds it yields to the event loop (so the cancel
 * notification can be read) and throws `Cancelled` when the token fired.
 */
export class Checkpoint {
  private last = Date.now();
  constructor(private readonly token: CancellationToken | undefined) {}

  async tick(): Promise<void> {
    if (this.token?.isCancellationRequested) throw new Cancelled();
    if (Date.now() - this.last < 8) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = Date.now();
    if (this.token?.isCancellationRequested) throw new Cancelled();
  }
}

/**
 * Wraps a request handler: cancellation before or after the work becomes RequestCancelled; any other failure is
 * logged with what was being handled and answered with an error (or `fallback`), and the server carries on.
 */
export function guard<P, R>(
  connection: Connection,
  method: string,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
  describe: (params: P) => string = () => '',
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token?.isCancellationRequested) return cancelledError();
    try {
      const result = await handler(params, token);
      if (token?.isCancellationRequested) return cancelledError();
      return result;
    } catch (e) {
      if (e instanceof Cancelled) return cancelledError();
      if (e instanceof ResponseError) return e;
      const where = describe(params);
      connection.console.error(`${method} failed${where ? ` for ${where}` : ''}: ${errorText(e)}`);
      return new ResponseError(-32603, `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Runs a notification handler, logging instead of throwing. */
export function guardNotification<P>(connection: Connection, method: string, handler: (params: P) => unknown): (params: P) => Promise<void> {
  return async (params) => {
    try {
      await handler(params);
    } catch (e) {
      connection.console.error(`${method} failed: ${errorText(e)}`);
    }
  };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
}

/** `textDocument` uri of the usual params, for log lines. */
export function docOf(params: { textDocument?: { uri: string } }): string {
  return params?.textDocument?.uri ?? '';
}

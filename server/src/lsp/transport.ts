import {
  createConnection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  StreamMessageReader,
  type Connection,
  type ConnectionOptions,
  type Message,
  type RequestMessage,
  type MessageReader,
  type MessageWriter,
  type ResponseMessage,
} from 'vscode-languageserver/node';
import { BatchingStreamWriter } from './batchingWriter';

/**
 * Creates the connection for `--stdio` or `--node-ipc` (other transports fall back to the library's own argv
 * handling). We build reader and writer ourselves for two things the library does not do:
 * - a message that is not valid JSON gets a JSON-RPC "Parse error" response (id null), as the spec asks, instead of
 *   only a log line;
 * - a request cancelled while still queued is answered with RequestCancelled without running at all;
 * - the messages of one synchronous run go out in one write, large answers serialized once from their cached
 *   bytes (batchingWriter.ts, serializedResult.ts).
 */
export function createServerConnection(argv: string[] = process.argv.slice(2)): Connection {
  const options: ConnectionOptions = {
    connectionStrategy: {
      cancelUndispatched: (message: Message): ResponseMessage => ({
        jsonrpc: '2.0',
        id: (message as RequestMessage).id ?? null,
        error: new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled').toJson(),
      }),
    },
  };
  let reader: MessageReader | undefined;
  let writer: MessageWriter | undefined;
  if (argv.includes('--stdio')) {
    reader = new StreamMessageReader(process.stdin);
    writer = new BatchingStreamWriter(process.stdout);
    // stdout carries the protocol: anything printed with console.log must go to stderr instead.
    console.log = console.info = console.debug = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
    const exit = () => process.exit(shutdownRequested ? 0 : 1);
    process.stdin.on('end', exit);
    process.stdin.on('close', exit);
  } else if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
  }
  if (!reader || !writer) return createConnection(ProposedFeatures.all, options);
  const out = writer;
  reader.onError((error) => {
    const parseError: ResponseMessage = {
      jsonrpc: '2.0',
      id: null,
      error: { code: ErrorCodes.ParseError, message: `Parse error: ${error.message}` },
    };
    out.write(parseError).catch(() => undefined);
  });
  const connection = createConnection(ProposedFeatures.all, reader, writer, options);
  connection.onShutdown(() => {
    shutdownRequested = true;
  });
  return connection;
}

let shutdownRequested = false;

import type { Message, ResponseMessage } from 'vscode-languageserver/node';

/**
 * An answer serialized once. Finding the references of a country named in every document of a corpus yields
 * 15,000 locations, 2 MB of JSON: encoding it cost the server ~20 ms per request, though the answer stays the same
 * until a file referring to the id changes. Handlers return this instead of the value; the stdio transport
 * writes the cached bytes (encodeMessage). Any other transport serializes it through `toJSON`.
 */
export class SerializedResult<T> {
  private json: Buffer | undefined;

  private constructor(private value: T | undefined) {}

  static of<T>(value: T): SerializedResult<T> {
    return new SerializedResult(value);
  }

  /** An answer whose JSON was written directly (its value is parsed back only for a transport that needs it). */
  static ofJsonBytes<T>(json: Buffer): SerializedResult<T> {
    const result = new SerializedResult<T>(undefined);
    result.json = json;
    return result;
  }

  toJSON(): T {
    this.value ??= JSON.parse(this.json!.toString('utf8')) as T;
    return this.value;
  }

  bytes(): Buffer {
    this.json ??= Buffer.from(JSON.stringify(this.value), 'utf8');
    return this.json;
  }
}

const CLOSE = Buffer.from('}');

/**
 * A message as JSON bytes, as vscode-jsonrpc encodes it, in parts: a SerializedResult's cached bytes are one of
 * them, never copied (a 2 MB answer copied twice per request cost its share in page faults and collections).
 */
export function encodeMessage(msg: Message): Buffer[] {
  const result = (msg as ResponseMessage).result;
  if (result instanceof SerializedResult) {
    const head = Buffer.from(`{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"id":${JSON.stringify((msg as ResponseMessage).id)},"result":`, 'utf8');
    return [head, result.bytes(), CLOSE];
  }
  return [Buffer.from(JSON.stringify(msg, undefined, 0), 'utf8')];
}

/** A handler's answer as the protocol types see it: on the wire a SerializedResult is its value. */
export function asWireType<T>(answer: Promise<T | SerializedResult<T> | null>): Promise<T | null> {
  return answer as unknown as Promise<T | null>;
}

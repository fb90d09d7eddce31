/**
 * Reading a body whose size is not known up front (chunked, or from a server
 * we do not trust) without holding more than a limit: the stream is cancelled
 * as soon as it goes over.
 *
 * @module
 */

/** The body as UTF-8 text, or `null` (the stream cancelled) once it exceeds `limit` bytes; `""` for no body. */
export async function readTextUpTo(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string | null> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

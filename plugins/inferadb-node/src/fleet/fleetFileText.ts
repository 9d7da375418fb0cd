import {
  MAX_FLEET_FILE_BYTES,
  MAX_FLEET_REGIONS,
} from '@inferadb-regions/plugin-inferadb-common';
import { Readable } from 'stream';

/** What a fleet file over the limit gets told: its size, the limit and what to check. */
export function tooLargeMessage(bytes: number | 'over'): string {
  return `is ${
    bytes === 'over' ? `over ${MAX_FLEET_FILE_BYTES}` : bytes
  } bytes; a fleet file may be at most ${MAX_FLEET_FILE_BYTES} bytes (${MAX_FLEET_REGIONS} regions take about 60 KB with every field): check that it is the fleet file`;
}

/**
 * The text of a fleet file read through Backstage's URL reader, reading no more than the
 * limit (one byte more, to know it is over): a huge file is refused, not buffered.
 * Returns `undefined` when the file is over the limit.
 *
 * @public
 */
export async function fleetFileText(response: {
  buffer(): Promise<Buffer>;
  stream?(): Readable;
}): Promise<string | undefined> {
  if (!response.stream) {
    const buffer = await response.buffer();
    return buffer.length > MAX_FLEET_FILE_BYTES
      ? undefined
      : buffer.toString('utf8');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = response.stream();
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_FLEET_FILE_BYTES) {
      stream.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

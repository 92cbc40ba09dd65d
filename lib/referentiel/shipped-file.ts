// The referentiel as the extension ships it: the index's JSON, gzipped. The worker reads it whole at
// each start; an extension's files are read through a stream of small chunks, about 0.1 ms per KB on
// this machine, so the 800 KB of JSON cost most of a wake before any lookup. Gzipped it is a quarter
// of that, and the browser's own DecompressionStream inflates it as it arrives. Its text is ASCII only
// (ship.ts asciiJson): the body's UTF-8 decoding then takes the decoder's fast path, where the 11,000
// accented letters of the labels sent the whole 800 KB through the slow one (about 20 ms a wake).

/** Its name in the extension's folder. */
export const SHIPPED_REFERENTIEL = 'referentiel.json.gz';

/** The parsed index from a gzipped body (a fetch Response's, or any byte stream). */
export async function readShippedReferentiel(body: ReadableStream<BufferSource>): Promise<unknown> {
  return new Response(body.pipeThrough(new DecompressionStream('gzip'))).json();
}

import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import {
  FleetFileReading,
  fleetFileText,
  readFleetFile,
} from '@inferadb-regions/plugin-inferadb-node';

/** Why a fleet file could not be used, shown on the fleet page and in the API. */
export interface FleetFileError {
  url: string;
  message: string;
  /** The field at fault, e.g. `spec.regions[1].role`. */
  field?: string;
  /** 1-based line in the file. */
  line?: number;
}

/** What is known of one fleet file: its last good fleet, and the error of the last read. */
export interface FleetFileState {
  url: string;
  /** The last fleet read without problems; kept while the file is broken. */
  fleet?: Fleet;
  /** The error of the latest read, if it failed. */
  error?: FleetFileError;
  etag?: string;
}

/**
 * Reads fleet files through Backstage's UrlReader with their ETag, so an unchanged file
 * costs a 304 and is not parsed again. A file that cannot be read or parsed keeps its last
 * good fleet and reports what is wrong, with the URL and the line.
 */
export class FleetFileReader {
  private readonly states = new Map<string, FleetFileState>();

  constructor(
    private readonly reader: UrlReaderService,
    private readonly parse: (
      text: string | undefined,
    ) => FleetFileReading = readFleetFile,
  ) {}

  async read(url: string): Promise<FleetFileState> {
    const previous = this.states.get(url);
    let state: FleetFileState;
    try {
      const response = await this.reader.readUrl(url, {
        etag: previous?.etag,
      });
      const reading = this.parse(await fleetFileText(response));
      const [problem] = reading.problems;
      state = reading.fleet
        ? { url, fleet: reading.fleet, etag: response.etag }
        : {
            url,
            fleet: previous?.fleet,
            etag: response.etag,
            error: {
              url,
              message: `${problem.field}: ${problem.message}${
                reading.problems.length > 1
                  ? ` (and ${reading.problems.length - 1} more)`
                  : ''
              }`,
              field: problem.field,
              line: problem.line,
            },
          };
    } catch (error) {
      if ((error as Error).name === 'NotModifiedError' && previous) {
        return previous;
      }
      state = {
        url,
        fleet: previous?.fleet,
        // Read again next time: the failure says nothing about the file's content.
        etag: undefined,
        error: { url, message: `cannot be read: ${(error as Error).message}` },
      };
    }
    this.states.set(url, state);
    return state;
  }

  /** Forgets files no longer listed, so their last good fleets are not kept forever. */
  retain(urls: Iterable<string>) {
    const keep = new Set(urls);
    for (const url of this.states.keys()) {
      if (!keep.has(url)) this.states.delete(url);
    }
  }
}

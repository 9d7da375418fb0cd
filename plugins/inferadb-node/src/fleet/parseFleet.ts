import {
  Fleet,
  MAX_FLEET_FILE_BYTES,
} from '@inferadb-regions/plugin-inferadb-common';
import { tooLargeMessage } from './fleetFileText';
import { LineCounter, parseDocument } from 'yaml';
import { FleetProblem } from './problems';
import { validateFleet } from './validate';

/**
 * A problem of a fleet file, with the line it is on when the file shows it.
 *
 * @public
 */
export interface FleetFileProblem extends FleetProblem {
  /** 1-based line of the field (or of the YAML error) in the file. */
  line?: number;
}

/**
 * A fleet file read from text: the fleet when it is valid, else every problem.
 *
 * @public
 */
export interface FleetFileReading {
  fleet?: Fleet;
  problems: FleetFileProblem[];
}

/** `spec.regions[1].role` as the path yaml's `getIn` takes. */
function fieldPath(field: string): Array<string | number> {
  return field
    .split(/\.|(?=\[)/)
    .filter(Boolean)
    .map(part => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
}

/**
 * Parses and validates a fleet file's text with the rules the CLI and the actions apply,
 * and locates each problem: YAML errors by their position, rule violations by the line
 * of the field they name (or of its nearest parent that exists).
 *
 * @public
 */
export function readFleetFile(text: string | undefined): FleetFileReading {
  // `undefined`: a reader stopped at the limit (see fleetFileText).
  if (text === undefined || Buffer.byteLength(text) > MAX_FLEET_FILE_BYTES) {
    const bytes = text === undefined ? 'over' : Buffer.byteLength(text);
    return {
      problems: [{ field: 'fleet.yaml', message: tooLargeMessage(bytes) }],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map(error => ({
        field: 'fleet.yaml',
        message: `is not valid YAML: ${error.message.split('\n')[0]}`,
        line: lineCounter.linePos(error.pos[0]).line,
      })),
    };
  }
  const result = validateFleet(doc.toJS());
  if (result.fleet && result.problems.length === 0) {
    return { fleet: result.fleet, problems: [] };
  }
  const lineOf = (field: string): number | undefined => {
    const path = fieldPath(field);
    while (path.length > 0) {
      const node = doc.getIn(path, true) as { range?: [number, number] };
      if (node?.range) {
        return lineCounter.linePos(node.range[0]).line;
      }
      path.pop();
    }
    return undefined;
  };
  return {
    problems: result.problems.map(problem => ({
      ...problem,
      line: lineOf(problem.field),
    })),
  };
}

import { createHash } from 'crypto';
import { Document, parse } from 'yaml';
import { GENERATED_MANIFEST_FILE } from './layout';

/** sha256 of a file's content, as recorded in the manifest. */
export function contentHash(content: string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** Parses the generated-files manifest: path to content hash. */
export function parseGeneratedManifest(
  text: string | undefined,
): Map<string, string> {
  if (text === undefined) {
    return new Map();
  }
  const value = parse(text) as { files?: Record<string, string> } | null;
  return new Map(Object.entries(value?.files ?? {}));
}

/** The manifest text for a set of generated files. */
export function generatedManifestText(files: Map<string, string>): string {
  const hashes: Record<string, string> = {};
  for (const [path, content] of [...files.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    hashes[path] = contentHash(content);
  }
  const doc = new Document({ files: hashes });
  doc.commentBefore = ` ${GENERATED_MANIFEST_FILE}: hashes of the files inferadb-regions generated,\n so that hand edits are reported instead of overwritten. Do not edit.`;
  return doc.toString({ lineWidth: 0 });
}

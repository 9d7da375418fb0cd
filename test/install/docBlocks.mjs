/**
 * The fenced code blocks of a Markdown document, by the `## ` section they are in and then
 * by language: `{ '1. Backend': { sh: ['yarn ...'], ts: [...] } }`.
 */
export function docBlocks(markdown) {
  const sections = {};
  let section = '';
  let fence;
  for (const line of markdown.split('\n')) {
    if (fence) {
      if (line.startsWith('```')) {
        const bySection = (sections[section] ??= {});
        (bySection[fence.lang] ??= []).push(fence.lines.join('\n'));
        fence = undefined;
      } else {
        fence.lines.push(line);
      }
    } else if (line.startsWith('## ')) {
      section = line.slice(3).trim();
    } else if (line.startsWith('```')) {
      fence = { lang: line.slice(3).trim(), lines: [] };
    }
  }
  return sections;
}

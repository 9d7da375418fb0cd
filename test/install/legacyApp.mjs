import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A block's import statements, and the code after them without comments. */
function split(block) {
  const imports = block.match(/^import[\s\S]*?from '[^']+';$/gm) ?? [];
  let code = block;
  for (const statement of imports) code = code.replace(statement, '');
  return { imports: imports.join('\n'), code: code.trim() };
}

/** The JSX element of a block that starts with `open`, through its closing tag. */
function element(code, open, close) {
  const start = code.indexOf(open);
  const end = code.indexOf(close, start);
  if (start < 0 || end < 0) throw new Error(`the doc's block has no ${open}`);
  return code.slice(start, end + close.length);
}

/** Edits one file of the app: imports on top, then each change at its place. */
function edit(file, imports, changes) {
  let source = readFileSync(file, 'utf8');
  for (const [anchor, change] of changes) {
    const found = source.match(anchor);
    if (!found) throw new Error(`${file} has no ${anchor}`);
    source = change(source, found);
  }
  writeFileSync(file, `${imports}\n${source}`);
}

const after = (anchor, text) => [
  anchor,
  (source, found) => {
    const end = source.indexOf('\n', found.index + found[0].length) + 1;
    return `${source.slice(0, end)}${text}\n${source.slice(end)}`;
  },
];
const before = (anchor, text) => [
  anchor,
  (source, { index }) =>
    `${source.slice(0, index)}${text}\n${source.slice(index)}`,
];

/**
 * Makes the changes of docs/installing.md's section 3b, block by block, in an app from
 * `create-app --legacy`: the page route, the sidebar item, the entity page's tab and cards,
 * and the cluster picker's field extension.
 */
export function editLegacyApp(app, tsx) {
  const [route, sidebar, entityPage, fieldExtension] = tsx.map(split);
  const src = join(app, 'packages/app/src');

  edit(join(src, 'App.tsx'), `${route.imports}\n${fieldExtension.imports}`, [
    after(/<FlatRoutes>/, route.code.replace(/;$/, '')),
    [
      /<Route path="\/create" element={<ScaffolderPage \/>} \/>/,
      (source, found) =>
        source.replace(
          found[0],
          element(fieldExtension.code, '<Route path="/create"', '</Route>'),
        ),
    ],
  ]);

  edit(join(src, 'components/Root/Root.tsx'), sidebar.imports, [
    after(/<SidebarItem icon={HomeIcon}/, sidebar.code.replace(/;$/, '')),
  ]);

  const [fleetPart, regionPart] = entityPage.code.split(
    /^\/\/ In the overview of Resources.*$/m,
  );
  edit(join(src, 'components/catalog/EntityPage.tsx'), entityPage.imports, [
    before(
      /<EntityLayout.Route path="\/diagram"/,
      element(fleetPart, '<EntityLayout.Route', '</EntityLayout.Route>'),
    ),
    // the fleet card in systemPage's overview, the region card in the default overview
    after(
      /const systemPage = \([\s\S]*?\{entityWarningContent\}/,
      element(fleetPart, '<EntitySwitch>', '</EntitySwitch>'),
    ),
    after(
      /const overviewContent = \([\s\S]*?\{entityWarningContent\}/,
      element(regionPart, '<EntitySwitch>', '</EntitySwitch>'),
    ),
  ]);
}

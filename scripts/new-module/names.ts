/** Every spelling of a new module's name the templates need, from its kebab-case name ("demo-widgets"). */
export interface ModuleNames {
  /** demo-widgets: folders, files, URL paths. */
  kebab: string;
  /** demo_widgets: the table and the permission prefix. */
  snake: string;
  /** demoWidgets: values (demoWidgetsApi, demoWidgetsRoutes). */
  camel: string;
  /** DemoWidgets */
  pascal: string;
  /** DemoWidget: one record's type. */
  pascalOne: string;
  /** demoWidget */
  camelOne: string;
  /** Demo widgets: headings. */
  title: string;
  /** demo widget: one record in a sentence. */
  oneWords: string;
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses') || word.endsWith('xes')) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Checks the name and spells it every way; throws with a usable message for a bad name. */
export function moduleNames(name: string): ModuleNames {
  if (!/^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/.test(name) || name.length > 40) {
    throw new Error(`"${name}" is not a module name: use lower-case words joined by hyphens, such as "risks" or "demo-widgets".`);
  }
  const words = name.split('-');
  const oneWords = [...words.slice(0, -1), singular(words.at(-1) ?? '')];
  return {
    kebab: name,
    snake: words.join('_'),
    camel: words[0] + words.slice(1).map(capitalise).join(''),
    pascal: words.map(capitalise).join(''),
    pascalOne: oneWords.map(capitalise).join(''),
    camelOne: (oneWords[0] ?? '') + oneWords.slice(1).map(capitalise).join(''),
    title: capitalise(words.join(' ')),
    oneWords: oneWords.join(' '),
  };
}

/**
 * HTML element names. `<b>`, `<td style=…>` are markup; `<NATO 정상회의>` or `<통일부 홈페이지>` in a Korean text are
 * titles in angle brackets, i.e. prose. Custom (`<my-el>`) and namespaced (`<o:p>`) elements count as markup too.
 */
const HTML_ELEMENTS = new Set(
  (
    'a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br button canvas ' +
    'caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset ' +
    'figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ' +
    'ins kbd label legend li link main map mark marquee menu meta meter nav nobr noframes noscript object ol optgroup ' +
    'option output p param picture pre progress q rp rt ruby s samp script search section select slot small source span ' +
    'strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul ' +
    'var video wbr math path g rect circle line polyline polygon text tspan defs use symbol image'
  ).split(' '),
);

export function isHtmlElementName(lowerName: string): boolean {
  return HTML_ELEMENTS.has(lowerName) || lowerName.includes('-') || lowerName.includes(':');
}

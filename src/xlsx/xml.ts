/**
 * Just enough XML handling for the few package parts AluTrace reads or edits itself
 * (workbook.xml, its relationships, [Content_Types].xml, styles.xml). These parts are small and
 * regular; the cell data is always parsed by exceljs.
 */

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITY[e];
  });
}

export function encodeXmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function encodeXmlAttr(s: string): string {
  return encodeXmlText(s).replace(/"/g, "&quot;");
}

/** Attributes of a start tag's attribute text: name (with any prefix) → decoded value. */
export function parseAttributes(attrText: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(attrText)) !== null) out.set(m[1], decodeXml(m[3] ?? m[4] ?? ""));
  return out;
}

/** Value of an attribute whatever its namespace prefix ("r:id", "x:id" → local name "id"). */
export function attrLocal(attrs: Map<string, string>, local: string, prefixed: boolean): string | undefined {
  for (const [k, v] of attrs) {
    const i = k.indexOf(":");
    if (prefixed ? i >= 0 && k.slice(i + 1) === local : k === local) return v;
  }
  return undefined;
}

export interface XmlElement {
  /** Qualified name as written, e.g. "sheet" or "x:sheet". */
  readonly qname: string;
  readonly attrs: Map<string, string>;
  /** Raw inner XML (undefined for a self-closing element). */
  readonly inner: string | undefined;
  /** Offsets of the whole element in the source. */
  readonly start: number;
  readonly end: number;
}

/**
 * All elements with local name `local` (any prefix) in `xml`. Only for elements that do not nest
 * inside themselves (sheet, definedName, Relationship, Override, xf, font …), which holds for the
 * parts this module handles.
 */
export function findElements(xml: string, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const re = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?${local})(?=[\\s/>])([^>]*?)(/?)>`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    const qname = m[1];
    const attrs = parseAttributes(m[2]);
    if (m[3] === "/") {
      out.push({ qname, attrs, inner: undefined, start: m.index, end: m.index + m[0].length });
      continue;
    }
    const close = `</${qname}>`;
    const ci = xml.indexOf(close, re.lastIndex);
    if (ci < 0) break;
    out.push({ qname, attrs, inner: xml.slice(re.lastIndex, ci), start: m.index, end: ci + close.length });
    re.lastIndex = ci + close.length;
  }
  return out;
}

/** The first element with local name `local`, or undefined. */
export function findElement(xml: string, local: string): XmlElement | undefined {
  return findElements(xml, local)[0];
}

/** The namespace prefix (with ":") of the document element, "" when it uses a default namespace. */
export function rootPrefix(xml: string): string {
  const m = /<(?!\?|!)([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*/.exec(xml);
  return m?.[1] ?? "";
}

const NEEDS_OOXML_ESCAPE = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

/**
 * XML cannot carry CR (parsers turn it into LF) or most control characters (exceljs drops them),
 * so, like Excel, write them as _xHHHH_ escapes, and escape a literal "_xHHHH_" as _x005F_xHHHH_.
 * readWorkbook decodes both.
 */
export function encodeOoxmlEscapes(s: string): string {
  if (!NEEDS_OOXML_ESCAPE.test(s)) return s;
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

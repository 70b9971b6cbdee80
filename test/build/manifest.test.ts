/**
 * @jest-environment jsdom
 */
// Structural checks of manifest.xml, offline (the Office validator needs the network; the public
// XSDs are stale). jsdom's DOMParser is a real XML parser, so malformed XML fails here too.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

const all = (ns: string, name: string): Element[] => Array.from(doc.getElementsByTagNameNS(ns, name));
const one = (ns: string, name: string): Element => {
  const found = all(ns, name);
  if (found.length !== 1) throw new Error(`expected exactly one <${name}>, found ${found.length}`);
  return found[0];
};
const xsiType = (el: Element): string | null => el.getAttributeNS(NS.xsi, "type");
const childText = (parent: Element, name: string): string => {
  const el = Array.from(parent.children).find((c) => c.localName === name);
  if (!el) throw new Error(`<${parent.localName}> has no <${name}>`);
  return (el.textContent ?? "").trim();
};

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

/** id → kind and values (default + overrides) of every resource in <Resources>. */
function resources(): Map<string, { kind: ResourceKind; values: string[]; el: Element }> {
  const map = new Map<string, { kind: ResourceKind; values: string[]; el: Element }>();
  const groups: Array<[string, string, ResourceKind]> = [
    ["Images", "Image", "Image"],
    ["Urls", "Url", "Url"],
    ["ShortStrings", "String", "ShortString"],
    ["LongStrings", "String", "LongString"],
  ];
  for (const [group, item, kind] of groups) {
    for (const g of all(NS.bt, group)) {
      for (const el of Array.from(g.children).filter((c) => c.localName === item)) {
        const id = el.getAttribute("id") ?? "";
        if (map.has(id)) throw new Error(`duplicate resource id ${id}`);
        const overrides = Array.from(el.children)
          .filter((c) => c.localName === "Override")
          .map((c) => c.getAttribute("Value") ?? "");
        map.set(id, { kind, values: [el.getAttribute("DefaultValue") ?? "", ...overrides], el });
      }
    }
  }
  return map;
}

/** Which resource kind each resid-bearing element must point at. */
function expectedKind(el: Element): ResourceKind {
  const name = el.localName;
  const parent = el.parentElement?.localName;
  if (name === "Image") return "Image";
  if (name === "Runtime" || name === "FunctionFile" || name === "LearnMoreUrl" || name === "SourceLocation") return "Url";
  if (name === "Description") return "LongString";
  if (name === "Label" || name === "Title" || name === "Namespace") return "ShortString";
  throw new Error(`no rule for resid on <${name}> (in <${parent}>)`);
}

describe("manifest.xml", () => {
  const res = resources();

  test("is well-formed XML with an OfficeApp TaskPaneApp root", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe("OfficeApp");
    expect(root.namespaceURI).toBe(NS.app);
    expect(xsiType(root)).toBe("TaskPaneApp");
  });

  test("identity: GUID id, 4-part version, provider and names", () => {
    expect(one(NS.app, "Id").textContent?.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(one(NS.app, "Id").textContent?.trim()).not.toBe("05c2e1c9-3e1d-406e-9a91-e9ac64854143"); // template's id
    expect(one(NS.app, "Version").textContent?.trim()).toBe("1.0.0.0");
    expect(one(NS.app, "ProviderName").textContent?.trim()).toBe("AluTrace");
    expect(one(NS.app, "DisplayName").getAttribute("DefaultValue")).toBe("AluTrace");
  });

  test("DisplayName and Description have zh-CN overrides and respect length limits", () => {
    for (const name of ["DisplayName", "Description"]) {
      const el = all(NS.app, name).find((e) => e.parentElement === doc.documentElement);
      expect(el).toBeDefined();
      const overrides = Array.from(el!.children).filter((c) => c.localName === "Override");
      expect(overrides.map((o) => o.getAttribute("Locale"))).toContain("zh-CN");
      const limit = name === "DisplayName" ? 125 : 250;
      for (const v of [el!.getAttribute("DefaultValue") ?? "", ...overrides.map((o) => o.getAttribute("Value") ?? "")]) {
        expect(v.length).toBeGreaterThan(0);
        expect(v.length).toBeLessThanOrEqual(limit);
      }
    }
  });

  test("targets Excel only, with SharedRuntime 1.1 and ExcelApi 1.8", () => {
    const hosts = all(NS.app, "Host").filter((h) => h.parentElement?.parentElement === doc.documentElement);
    expect(hosts.map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
    const sets = new Map(all(NS.app, "Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]));
    expect(sets.get("SharedRuntime")).toBe("1.1");
    expect(sets.get("ExcelApi")).toBe("1.8");
    expect(one(NS.app, "Permissions").textContent?.trim()).toBe("ReadWriteDocument");
  });

  test("declares no AppDomains (no network beyond loading the add-in)", () => {
    expect(all(NS.app, "AppDomain")).toHaveLength(0);
  });

  test("every resid resolves to a resource of the right kind, and every resource is used", () => {
    const used = new Set<string>();
    const withResid = Array.from(doc.getElementsByTagName("*")).filter((el) => el.hasAttribute("resid"));
    expect(withResid.length).toBeGreaterThan(10);
    for (const el of withResid) {
      const id = el.getAttribute("resid")!;
      expect(id.length).toBeLessThanOrEqual(32); // resid limit
      const r = res.get(id);
      if (!r) throw new Error(`<${el.localName} resid="${id}"> has no resource`);
      expect({ resid: id, kind: r.kind }).toEqual({ resid: id, kind: expectedKind(el) });
      used.add(id);
    }
    expect([...res.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test("strings fit their limits (ShortString 125, LongString 250)", () => {
    for (const [id, r] of res) {
      const limit = r.kind === "ShortString" ? 125 : r.kind === "LongString" ? 250 : 2048;
      for (const v of r.values) {
        expect({ id, length: v.length <= limit && v.length > 0 }).toEqual({ id, length: true });
      }
    }
  });

  test("every URL is https on the one dev base URL (so the build rewrite catches all)", () => {
    const urls: string[] = [];
    for (const r of res.values()) if (r.kind === "Url" || r.kind === "Image") urls.push(...r.values);
    for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) urls.push(one(NS.app, name).getAttribute("DefaultValue")!);
    urls.push(one(NS.app, "DefaultSettings").getElementsByTagNameNS(NS.app, "SourceLocation")[0].getAttribute("DefaultValue")!);
    // Any attribute value anywhere that looks like a URL must be https too.
    for (const el of Array.from(doc.getElementsByTagName("*"))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^[a-z]+:\/\//i.test(attr.value) && !attr.name.startsWith("xmlns") && attr.namespaceURI !== NS.xsi) urls.push(attr.value);
      }
    }
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000\/[\w./-]+$/);
  });

  test("custom functions: namespace ALU (≤32 chars), script, metadata and shared page", () => {
    const ep = all(NS.ov, "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions");
    expect(ep).toBeDefined();
    const residOf = (name: string): string =>
      Array.from(ep!.getElementsByTagNameNS(NS.ov, name))[0].getElementsByTagNameNS(NS.ov, "SourceLocation")[0].getAttribute("resid")!;
    const namespaceId = ep!.getElementsByTagNameNS(NS.ov, "Namespace")[0].getAttribute("resid")!;
    const namespace = res.get(namespaceId)!;
    expect(namespace.kind).toBe("ShortString");
    expect(namespace.values).toEqual(["ALU"]); // no overrides: formulas must not change per locale
    expect(namespace.values[0].length).toBeLessThanOrEqual(32);
    expect(res.get(residOf("Script"))!.values[0]).toMatch(/\/functions\.js$/);
    expect(res.get(residOf("Metadata"))!.values[0]).toMatch(/\/functions\.json$/);
    expect(res.get(residOf("Page"))!.values[0]).toMatch(/\/taskpane\.html$/);
  });

  test("shared runtime: Runtime, function page, FunctionFile and the task pane use one URL id", () => {
    const runtimes = all(NS.ov, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const runtimeId = runtimes[0].getAttribute("resid");
    expect(runtimeId).toBe("Taskpane.Url");

    const cf = all(NS.ov, "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions")!;
    const page = cf.getElementsByTagNameNS(NS.ov, "Page")[0].getElementsByTagNameNS(NS.ov, "SourceLocation")[0];
    expect(page.getAttribute("resid")).toBe(runtimeId);
    expect(one(NS.ov, "FunctionFile").getAttribute("resid")).toBe(runtimeId);

    const showPane = all(NS.ov, "Action").filter((a) => xsiType(a) === "ShowTaskpane");
    expect(showPane).toHaveLength(1);
    expect(showPane[0].getElementsByTagNameNS(NS.ov, "SourceLocation")[0].getAttribute("resid")).toBe(runtimeId);
    expect(childText(showPane[0], "TaskpaneId")).toBe("ButtonId1");

    const defaultPage = one(NS.app, "DefaultSettings").getElementsByTagNameNS(NS.app, "SourceLocation")[0];
    expect(defaultPage.getAttribute("DefaultValue")).toBe(res.get(runtimeId!)!.values[0]);
  });

  test("a Home-tab button opens the task pane", () => {
    const surface = all(NS.ov, "ExtensionPoint").find((e) => xsiType(e) === "PrimaryCommandSurface");
    expect(surface).toBeDefined();
    const tab = surface!.getElementsByTagNameNS(NS.ov, "OfficeTab")[0];
    expect(tab.getAttribute("id")).toBe("TabHome");
    const buttons = Array.from(tab.getElementsByTagNameNS(NS.ov, "Control")).filter((c) => xsiType(c) === "Button");
    expect(buttons).toHaveLength(1);
    const action = buttons[0].getElementsByTagNameNS(NS.ov, "Action")[0];
    expect(xsiType(action)).toBe("ShowTaskpane");
  });

  test("icons exist in assets/ as PNGs of the declared size", () => {
    const pngSize = (file: string): [number, number] => {
      const buf = fs.readFileSync(file);
      expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
    };
    const local = (url: string): string => path.join(ROOT, url.replace(/^https:\/\/localhost:3000\//, ""));

    // Ribbon images: size attribute on use, file name by resource.
    const uses = all(NS.bt, "Image").filter((el) => el.hasAttribute("resid"));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      const size = Number(use.getAttribute("size"));
      const file = local(res.get(use.getAttribute("resid")!)!.values[0]);
      expect(fs.existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual([size, size]);
    }
    // Store icons.
    const storeIcons: Array<[string, number]> = [["IconUrl", 64], ["HighResolutionIconUrl", 128]];
    for (const [name, size] of storeIcons) {
      const file = local(one(NS.app, name).getAttribute("DefaultValue")!);
      expect(pngSize(file)).toEqual([size, size]);
    }
    // The full icon set promised to designers/AppSource.
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual([size, size]);
    }
  });

  test("pages the manifest points at are built: taskpane.html template and support page exist", () => {
    expect(fs.existsSync(path.join(ROOT, "src", "taskpane", "taskpane.html"))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, "src", "static", "support.html"))).toBe(true);
  });
});

describe("manifest base-URL rewrite (scripts/addin-url.js)", () => {
  const { rewriteManifest, normaliseBaseUrl } = require(path.join(ROOT, "scripts", "addin-url.js")) as {
    rewriteManifest: (xml: string, base: string | undefined) => string;
    normaliseBaseUrl: (raw: string) => string;
  };

  test("rewrites every localhost URL and leaves none behind", () => {
    const out = rewriteManifest(xml, "https://addins.example.com/alutrace");
    expect(out).not.toContain("localhost:3000");
    expect(out).toContain("https://addins.example.com/alutrace/taskpane.html");
    expect(out).toContain("https://addins.example.com/alutrace/assets/icon-80.png");
    expect(new DOMParser().parseFromString(out, "application/xml").getElementsByTagName("parsererror")).toHaveLength(0);
  });

  test("keeps localhost without a base URL", () => {
    expect(rewriteManifest(xml, undefined)).toBe(xml);
    expect(rewriteManifest(xml, "")).toBe(xml);
  });

  test("refuses http, queries and junk", () => {
    expect(normaliseBaseUrl("https://a.example/x")).toBe("https://a.example/x/");
    expect(() => normaliseBaseUrl("http://a.example/")).toThrow(/https/);
    expect(() => normaliseBaseUrl("https://a.example/?v=1")).toThrow(/query/);
    expect(() => normaliseBaseUrl("not a url")).toThrow(/valid URL/);
  });
});

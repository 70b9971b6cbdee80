/**
 * LibreOffice as an independent spreadsheet engine for interop tests: convert an .xlsx to .xlsx with
 * headless soffice, which recalculates every formula, then read the result with readWorkbook.
 *
 * soffice keeps stale cached values unless told otherwise, so it runs with a throwaway profile whose
 * registrymodifications.xcu sets Calc › Formula › Load › OOXMLRecalcMode = 0 ("always recalculate").
 * The profile also keeps runs independent of any user profile and of each other.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import type { WorkbookGrids } from "../../src/core/cells";
import { readWorkbook } from "../../src/xlsx/read";

const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** Path of the soffice binary, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  const candidates = [process.env.SOFFICE, "/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, "soffice");
    if (dir && fs.existsSync(p)) return p;
  }
  return undefined;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * Converts `xlsxPath` with LibreOffice (recalculating everything) and returns the converted file's
 * bytes, or null when soffice is not installed.
 */
export async function convertWithLibreOffice(xlsxPath: string, timeoutMs = 120_000): Promise<Buffer | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "alutrace-lo-"));
  try {
    const profile = path.join(work, "profile");
    await fs.promises.mkdir(path.join(profile, "user"), { recursive: true });
    await fs.promises.writeFile(path.join(profile, "user", "registrymodifications.xcu"), REGISTRY);
    const outDir = path.join(work, "out");
    await fs.promises.mkdir(outDir);
    // Copy under a plain name: the output file is named after the input.
    const input = path.join(work, "input.xlsx");
    await fs.promises.copyFile(xlsxPath, input);
    await run(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", "--nologo", "--nodefault", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, input],
      { ...process.env, HOME: work },
      timeoutMs,
    );
    const out = path.join(outDir, "input.xlsx");
    if (!fs.existsSync(out)) throw new Error(`LibreOffice produced no output for ${xlsxPath}`);
    return await fs.promises.readFile(out);
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

/** Recalculates `xlsxPath` in LibreOffice and reads the result; null when soffice is missing. */
export async function recalcWithLibreOffice(xlsxPath: string): Promise<WorkbookGrids | null> {
  const buf = await convertWithLibreOffice(xlsxPath);
  return buf === null ? null : readWorkbook(buf, { sourceName: `${path.basename(xlsxPath)} (LibreOffice)` });
}

const RENAME_PY = String.raw`
import os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

soffice, profile, pipe, src, dst, old, new = sys.argv[1:8]
proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--norestore", "--nologo",
                         "--nodefault", "--accept=pipe,name=" + pipe + ";urp;"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(600):
        try:
            ctx = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.1)
    if ctx is None:
        raise SystemExit("could not connect to soffice")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
    doc.Sheets.getByName(old).Name = new
    doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        proc.wait(timeout=30)
    except Exception:
        proc.kill()
`;

/** Python with LibreOffice's UNO bridge (Debian: python3-uno), or undefined. */
function findUnoPython(): string | undefined {
  for (const py of ["/usr/bin/python3", "/usr/local/bin/python3"]) {
    if (fs.existsSync(py) && fs.existsSync("/usr/lib/python3/dist-packages/uno.py")) return py;
  }
  return undefined;
}

/**
 * Opens `srcPath` in LibreOffice, renames sheet `from` to `to` the way a user would, and saves it as
 * .xlsx to `dstPath`. Returns false when LibreOffice or its Python bridge is not installed.
 */
export async function renameSheetWithLibreOffice(srcPath: string, from: string, to: string, dstPath: string): Promise<boolean> {
  const soffice = findSoffice();
  const py = findUnoPython();
  if (!soffice || !py) return false;
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "alutrace-lo-"));
  try {
    const profile = path.join(work, "profile");
    await fs.promises.mkdir(path.join(profile, "user"), { recursive: true });
    await fs.promises.writeFile(path.join(profile, "user", "registrymodifications.xcu"), REGISTRY);
    const script = path.join(work, "rename.py");
    await fs.promises.writeFile(script, RENAME_PY);
    const pipe = `alutrace_${process.pid}_${Date.now()}`;
    await run(py, [script, soffice, pathToFileURL(profile).href, pipe, path.resolve(srcPath), path.resolve(dstPath), from, to], { ...process.env, HOME: work }, 180_000);
    return fs.existsSync(dstPath);
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
}

/**
 * For tests: `it` when LibreOffice is available; otherwise `it.skip`, except under CI=true, where a
 * missing soffice must fail the run rather than silently skip the interop check.
 */
export function itWithLibreOffice(name: string, fn: () => Promise<void>, timeout = 180_000): void {
  if (findSoffice() || process.env.CI === "true" || process.env.CI === "1") it(name, fn, timeout);
  else it.skip(`${name} (LibreOffice not installed)`, fn);
}

/** Files readWorkbook refuses, each with a typed error and a message that says why. */
import * as ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { readWorkbook, WorkbookReadError } from "../../src/xlsx/read";
import { readZipDirectory, writeZip } from "../../src/xlsx/zip";

async function refusal(input: string | Buffer, opts: Parameters<typeof readWorkbook>[1] = {}): Promise<WorkbookReadError> {
  try {
    await readWorkbook(input, opts);
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw new Error(`expected a WorkbookReadError, got ${(e as Error).stack}`);
  }
  throw new Error("expected the file to be refused");
}

async function smallXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("S").getCell("A1").value = 1;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A hand-made ZIP whose single entry declares `declared` bytes but holds `actual` zeros. */
function lyingZip(name: string, declared: number, actualZeros: number): Buffer {
  const data = zlib.deflateRawSync(Buffer.alloc(actualZeros));
  const crc = zlib.crc32(Buffer.alloc(actualZeros)) >>> 0;
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE(20, 4);
  cd.writeUInt16LE(20, 6);
  cd.writeUInt16LE(8, 10);
  cd.writeUInt32LE(crc, 16);
  cd.writeUInt32LE(data.length, 20);
  cd.writeUInt32LE(declared, 24);
  cd.writeUInt16LE(nameBuf.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + nameBuf.length, 12);
  eocd.writeUInt32LE(30 + nameBuf.length + data.length, 16);
  return Buffer.concat([local, nameBuf, data, cd, nameBuf, eocd]);
}

/** A valid xlsx with one extra part added (to inflate sizes). */
async function xlsxWithExtraPart(name: string, data: Buffer): Promise<Buffer> {
  const buf = await smallXlsx();
  const dir = readZipDirectory(buf);
  return writeZip([...dir.entries.map((e) => ({ name: e.name, copyFrom: buf, entry: e })), { name, data, level: 9 }]);
}

describe("refusals", () => {
  it("an empty file", async () => {
    const e = await refusal(Buffer.alloc(0));
    expect(e.code).toBe("empty");
    expect(e.message).toMatch(/empty/);
  });

  it("a legacy .xls (OLE2 magic D0 CF 11 E0)", async () => {
    const xls = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    Buffer.from("Workbook", "utf16le").copy(xls, 600);
    const e = await refusal(xls, { sourceName: "old.xls" });
    expect(e.code).toBe("legacy-xls");
    expect(e.message).toMatch(/"old.xls" is an old-format Excel 97–2003 workbook \(\.xls\).*save it as an Excel Workbook \(\.xlsx\)/);
  });

  it("a password-protected workbook (OLE2 with an EncryptedPackage stream)", async () => {
    const enc = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(enc);
    Buffer.from("EncryptionInfo", "utf16le").copy(enc, 1100);
    Buffer.from("EncryptedPackage", "utf16le").copy(enc, 1200);
    const e = await refusal(enc);
    expect(e.code).toBe("encrypted");
    expect(e.message).toMatch(/password-protected/);
  });

  it("a CSV file", async () => {
    const e = await refusal(Buffer.from("product_id,mass_t\nP1,12.5\nP2,3\n", "utf8"), { sourceName: "data.xlsx" });
    expect(e.code).toBe("text-file");
    expect(e.message).toMatch(/"data.xlsx" is a text file \(CSV or similar\)/);
  });

  it("binary junk that is not a ZIP", async () => {
    const junk = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    const e = await refusal(junk);
    expect(e.code).toBe("not-zip");
  });

  it("a truncated workbook", async () => {
    const buf = await smallXlsx();
    const e = await refusal(buf.subarray(0, Math.floor(buf.length / 2)));
    expect(e.code).toBe("damaged");
    expect(e.message).toMatch(/damaged/);
  });

  it("a ZIP that is not a workbook", async () => {
    const zip = writeZip([{ name: "word/document.xml", data: Buffer.from("<w:document/>") }]);
    const e = await refusal(zip);
    expect(e.code).toBe("not-xlsx");
    expect(e.message).toMatch(/Word document/);
  });

  it("a zip bomb declaring a huge size (refused from the directory, before inflating)", async () => {
    const bomb = lyingZip("xl/worksheets/sheet1.xml", 0xfffffff0, 1000);
    const e = await refusal(bomb);
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/unpacks to 4096 MB; the limit per part is 256 MB/);
  });

  it("a part that lies about its size (inflates to more than declared)", async () => {
    // Declares 1 KB but holds 300 MB of zeros (~300 KB compressed): the capped inflate stops it.
    const e = await refusal(lyingZip("xl/workbook.xml", 1024, 300 * 1024 * 1024));
    expect(e.code).toBe("zip-bomb");
    expect(e.message).toMatch(/more than its declared 1024 bytes/);
  });

  it("a highly compressible large part", async () => {
    const e = await refusal(await xlsxWithExtraPart("xl/media/filler.bin", Buffer.alloc(64 * 1024 * 1024, 0x20)));
    expect(e.code).toBe("zip-bomb");
    expect(e.message).toMatch(/compressed \d+:1 .*more than 200:1/);
  });

  it("a workbook over the total size limit (with a lowered limit)", async () => {
    const e = await refusal(await smallXlsx(), { limits: { maxTotalBytes: 1000 } });
    expect(e.code).toBe("zip-bomb");
    expect(e.message).toMatch(/at most 0 MB|at most/);
  });

  it("too many cells (with a lowered limit)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Big");
    for (let r = 1; r <= 50; r++) ws.getRow(r).values = [r, r, r, r];
    const e = await refusal(Buffer.from(await wb.xlsx.writeBuffer()), { limits: { maxCells: 100 } });
    expect(e.code).toBe("too-many-cells");
    expect(e.message).toMatch(/more than 100 cells .*sheet "Big"/);
  });

  it("a missing file", async () => {
    const e = await refusal(path.join(os.tmpdir(), "alutrace-no-such-file.xlsx"));
    expect(e.code).toBe("not-found");
  });

  it("a file over the size limit, before reading it", async () => {
    const f = path.join(await fs.promises.mkdtemp(path.join(os.tmpdir(), "alutrace-")), "big.xlsx");
    await fs.promises.writeFile(f, await smallXlsx());
    const e = await refusal(f, { limits: { maxFileBytes: 100 } });
    expect(e.code).toBe("too-large");
    expect(e.message).toMatch(/"big.xlsx" is .* up to 0 MB/);
  });

  it("an OpenDocument spreadsheet", async () => {
    const ods = writeZip([
      { name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet") },
      { name: "content.xml", data: Buffer.from("<office:document-content/>") },
    ]);
    const e = await refusal(ods);
    expect(e.code).toBe("ods");
  });
});

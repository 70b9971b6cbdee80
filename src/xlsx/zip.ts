/**
 * A minimal ZIP reader/writer (PKWARE APPNOTE 6.3): central directory parsing, bounded inflation of
 * single entries, and writing an archive that copies existing entries' compressed bytes unchanged.
 *
 * Why our own: (1) the zip-bomb guard must read the *declared* sizes before anything inflates;
 * (2) appending report sheets to a user's workbook copies the user's parts byte for byte instead of
 * re-serialising them through exceljs (which drops what it does not model: charts, pivots, macros).
 */
import * as zlib from "zlib";

export class ZipFormatError extends Error {
  override readonly name = "ZipFormatError";
}

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate; anything else is refused when extracting. */
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly dosTime: number;
  readonly dosDate: number;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
  /** Lookup by exact name. */
  readonly byName: ReadonlyMap<string, ZipEntry>;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** Deflate cannot expand data by more than ~1032:1; used to bound what an entry can really hold. */
export const DEFLATE_MAX_RATIO = 1032;

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError("ZIP64 size or offset is out of range.");
  return Number(v);
}

function need(buf: Buffer, at: number, len: number, what: string): void {
  if (at < 0 || at + len > buf.length) throw new ZipFormatError(`The file is cut short (${what} runs past the end).`);
}

/** Reads the central directory. Throws ZipFormatError when the archive structure is broken. */
export function readZipDirectory(buf: Buffer): ZipDirectory {
  if (buf.length < 22) throw new ZipFormatError("The file is too short to be a ZIP archive.");
  // The end-of-central-directory record sits in the last 22 + (comment ≤ 65535) bytes.
  let eocd = -1;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError("No ZIP end-of-directory record: the file is truncated or not a ZIP archive.");
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && buf.readUInt32LE(loc) === SIG_EOCD64_LOCATOR) {
      const at = u64(buf, loc + 8);
      need(buf, at, 56, "ZIP64 directory record");
      if (buf.readUInt32LE(at) !== SIG_EOCD64) throw new ZipFormatError("Broken ZIP64 directory record.");
      count = u64(buf, at + 32);
      cdSize = u64(buf, at + 40);
      cdOffset = u64(buf, at + 48);
    }
  }
  need(buf, cdOffset, cdSize, "central directory");
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    need(buf, p, 46, "central directory entry");
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ZipFormatError("Broken central directory entry.");
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const dosTime = buf.readUInt16LE(p + 12);
    const dosDate = buf.readUInt16LE(p + 14);
    const crc32 = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    need(buf, p + 46, nameLen + extraLen + commentLen, "entry name");
    const name = buf.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extended information: only the fields that overflowed are present, in this order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = buf.readUInt16LE(x);
        const size = buf.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (uncompressedSize === 0xffffffff && q + 8 <= xEnd) {
            uncompressedSize = u64(buf, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= xEnd) {
            compressedSize = u64(buf, q);
            q += 8;
          }
          if (localHeaderOffset === 0xffffffff && q + 8 <= xEnd) localHeaderOffset = u64(buf, q);
          break;
        }
        x += 4 + size;
      }
    }
    const e: ZipEntry = { name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset, dosTime, dosDate };
    entries.push(e);
    if (!byName.has(name)) byName.set(name, e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, byName };
}

/** Where an entry's compressed bytes start (after its local header). */
function dataOffset(buf: Buffer, e: ZipEntry): number {
  need(buf, e.localHeaderOffset, 30, `local header of ${e.name}`);
  if (buf.readUInt32LE(e.localHeaderOffset) !== SIG_LOCAL) throw new ZipFormatError(`Broken local header for ${e.name}.`);
  const start = e.localHeaderOffset + 30 + buf.readUInt16LE(e.localHeaderOffset + 26) + buf.readUInt16LE(e.localHeaderOffset + 28);
  need(buf, start, e.compressedSize, `data of ${e.name}`);
  return start;
}

/** The entry's compressed bytes, as stored. */
export function rawEntryData(buf: Buffer, e: ZipEntry): Buffer {
  const start = dataOffset(buf, e);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * The entry's content, inflated with a hard cap: never more than `maxBytes` (default: its declared
 * size) is produced, so an entry that lies about its size cannot exhaust memory.
 */
export function extractEntry(buf: Buffer, e: ZipEntry, maxBytes = e.uncompressedSize): Buffer {
  if (e.flags & 0x1) throw new ZipFormatError(`${e.name} is encrypted.`);
  const raw = rawEntryData(buf, e);
  let out: Buffer;
  if (e.method === 0) out = raw;
  else if (e.method === 8) {
    try {
      out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes + 1) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) {
        throw new ZipFormatError(`${e.name} inflates to more than its declared ${e.uncompressedSize} bytes.`);
      }
      throw new ZipFormatError(`${e.name} cannot be decompressed: ${(err as Error).message}`);
    }
  } else throw new ZipFormatError(`${e.name} uses compression method ${e.method}, which is not supported.`);
  if (out.length !== e.uncompressedSize) {
    throw new ZipFormatError(`${e.name} holds ${out.length} bytes but declares ${e.uncompressedSize}.`);
  }
  return out;
}

/** Content already compressed (raw deflate), with the CRC-32 and size of the uncompressed bytes. */
export interface DeflatedData {
  readonly deflated: Buffer;
  readonly crc32: number;
  readonly uncompressedSize: number;
}

/** An entry for `writeZip`: new content, content deflated beforehand, or an entry copied unchanged from another archive. */
export type ZipOutEntry =
  | { readonly name: string; readonly data: Buffer; readonly level?: number }
  | ({ readonly name: string } & DeflatedData)
  | { readonly name: string; readonly copyFrom: Buffer; readonly entry: ZipEntry };

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes a ZIP archive (no ZIP64: every part must stay under 4 GB, which the read limits ensure). */
export function writeZip(entries: readonly ZipOutEntry[], now = new Date()): Buffer {
  const { time, date } = dosDateTime(now);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const nameBuf = Buffer.from(e.name, "utf8");
    let method: number;
    let crc: number;
    let usize: number;
    let data: Buffer;
    let t = time;
    let d = date;
    if ("data" in e) {
      usize = e.data.length;
      crc = zlib.crc32(e.data) >>> 0;
      // Small parts are stored: deflating them gains nothing.
      if (usize < 64) {
        method = 0;
        data = e.data;
      } else {
        method = 8;
        data = zlib.deflateRawSync(e.data, { level: e.level ?? 6 });
      }
    } else if ("deflated" in e) {
      method = 8;
      crc = e.crc32;
      usize = e.uncompressedSize;
      data = e.deflated;
    } else {
      method = e.entry.method;
      crc = e.entry.crc32;
      usize = e.entry.uncompressedSize;
      data = rawEntryData(e.copyFrom, e.entry);
      t = e.entry.dosTime;
      d = e.entry.dosDate;
    }
    if (data.length >= 0xffffffff || usize >= 0xffffffff || offset >= 0xffffffff) {
      throw new ZipFormatError(`${e.name} is too large for a ZIP archive without ZIP64.`);
    }
    const flags = /[^\x00-\x7f]/.test(e.name) ? 0x800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(t, 10);
    local.writeUInt16LE(d, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(SIG_CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(t, 12);
    cd.writeUInt16LE(d, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(usize, 24);
    cd.writeUInt16LE(nameBuf.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, nameBuf, data);
    central.push(cd, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cdBuf = Buffer.concat(central);
  if (entries.length > 0xfffe || offset >= 0xffffffff) throw new ZipFormatError("Archive too large for a ZIP without ZIP64.");
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, eocd]);
}

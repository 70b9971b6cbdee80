// One measured process of item 3 (see cli.js). Prints one JSON line: exit code, peak RSS, sheets.
//   node child.js report  IN OUT   alutrace report IN -o OUT --force (the compiled command)
//   node child.js exceljs IN OUT   exceljs reads IN and writes it to OUT, nothing else
"use strict";
const { lib } = require("./common");

async function main() {
  const [mode, input, output] = process.argv.slice(2);
  let exitCode = 0;
  let sheets = 0;
  let stderr = "";
  if (mode === "report") {
    const { main: cli } = lib("src/cli/main.js");
    exitCode = await cli(["report", input, "-o", output, "--force"], { out: () => {}, err: (s) => (stderr += s) });
  } else if (mode === "exceljs") {
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    sheets = wb.worksheets.length;
    await wb.xlsx.writeFile(output);
  } else {
    throw new Error(`child.js: unknown mode ${mode}`);
  }
  // maxRSS is in kilobytes.
  process.stdout.write(`\n${JSON.stringify({ exitCode, sheets, stderr: stderr.slice(0, 2000), maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});

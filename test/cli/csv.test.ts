import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/cli/csv.js";

describe("parseCsv", () => {
  it("reads plain rows, trimming unquoted fields and skipping blank lines", () => {
    expect(parseCsv("a, b ,c\n\n d,e,f \n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 3, fields: ["d", "e", "f"] },
    ]);
  });

  it("keeps commas, doubled quotes and line breaks inside quoted fields, numbering lines by where rows start", () => {
    const rows = parseCsv('id,note\r\n"x,y","say ""hi"""\r\n"multi\nline",z\r\nlast," spaced "');
    expect(rows).toEqual([
      { line: 1, fields: ["id", "note"] },
      { line: 2, fields: ["x,y", 'say "hi"'] },
      { line: 3, fields: ["multi\nline", "z"] },
      { line: 5, fields: ["last", " spaced "] },
    ]);
  });

  it("drops a spreadsheet's byte-order mark and keeps empty fields", () => {
    expect(parseCsv("\uFEFFa,,c")).toEqual([{ line: 1, fields: ["a", "", "c"] }]);
  });

  it("names the line of a malformed row", () => {
    expect(() => parseCsv('ok,row\n"never closed,x\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a,"b"c\n')).toThrow(/line 1: text after a closing quote/);
    expect(() => parseCsv('a,b"c"\n')).toThrow(/line 1: a quote inside an unquoted field/);
  });
});

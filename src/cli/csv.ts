/**
 * A small RFC 4180 reader for admin files (`user import`): comma-separated fields, double-quoted
 * fields that may hold commas, doubled quotes ("") and line breaks, CRLF or LF. Each record keeps the
 * line it starts on so a report can point at it. Blank lines are skipped; a leading BOM is dropped
 * (spreadsheets save one).
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  // Whether the current field opened with a quote (and so may only be followed by , or a line end).
  let wasQuoted = false;
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields });
    fields = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.trim() !== "" || wasQuoted) throw new CsvError(line, "a quote inside an unquoted field");
      field = "";
      quoted = true;
      wasQuoted = true;
    } else if (ch === ",") endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else if (wasQuoted && ch !== " " && ch !== "\t") {
      throw new CsvError(line, 'text after a closing quote (a quote inside a field is written twice: "")');
    } else if (!wasQuoted) field += ch;
  }
  if (quoted) throw new CsvError(start, "a quoted field is never closed");
  endRecord();
  return records;
}

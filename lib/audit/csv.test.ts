import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it.each<[string | null, string]>([
    ["plain", "plain"],
    [null, ""],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["=1+2", "'=1+2"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tindent", "'\tindent"],
    ["\rstart", '"\'\rstart"'],
    ["a=b", "a=b"],
    ["Müller “quoted”", "Müller “quoted”"],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("writes a header row and CRLF line ends, one line per row", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["1", null],
          ["x,y", "=z"],
        ],
      ),
    ).toBe('a,b\r\n1,\r\n"x,y",\'=z\r\n');
  });

  it("writes only the header when there are no rows", () => {
    expect(toCsv(["time_utc", "action"], [])).toBe("time_utc,action\r\n");
  });
});

// Checks the terminal display width of mixed Chinese, fullwidth, combining and ASCII strings by hand cases, and padding by display width.
import { describe, expect, it } from "vitest";
import { characterWidth, displayWidth, padEndToWidth, padStartToWidth } from "../../src/render/displayWidth.js";

describe("displayWidth", () => {
  it("counts ASCII characters one column each", () => {
    expect(displayWidth("T1 total 15,731.43")).toBe(18);
    expect(displayWidth("")).toBe(0);
  });

  it("counts CJK ideographs two columns each", () => {
    expect(displayWidth("收入支出决算总表")).toBe(16);
    expect(displayWidth("𠀋")).toBe(2); // Extension B, outside the BMP
  });

  it("counts CJK punctuation and fullwidth forms two columns each", () => {
    for (const character of ["、", "，", "。", "：", "（", "）", "　", "Ａ", "１"]) expect(characterWidth(character)).toBe(2);
    expect(displayWidth("维修（护）费")).toBe(12);
  });

  it("counts Hangul and kana two columns each", () => {
    expect(displayWidth("한국어")).toBe(6);
    expect(displayWidth("ひらがなカタカナ")).toBe(16);
  });

  it("counts combining marks and zero-width characters as nothing", () => {
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("a\u200bb")).toBe(2);
    expect(displayWidth("\ufeff合计")).toBe(4);
  });

  it("counts Chinese quotation marks two columns by default and one when ambiguous characters are narrow", () => {
    expect(displayWidth("“三公”经费")).toBe(12);
    expect(displayWidth("“三公”经费", { ambiguousWidth: 1 })).toBe(10);
    expect(displayWidth("预算数·合计", { ambiguousWidth: 1 })).toBe(11);
  });

  it("adds up a string that mixes all of them", () => {
    // 2013701 (7) + space (1) + 行政运行 (8) + space (1) + （参公） (8) + é (1) + 1,528.68 (8)
    expect(displayWidth("2013701 行政运行 （参公）e\u03011,528.68")).toBe(34);
  });
});

describe("padding by display width", () => {
  it("pads on the right to the display width, not the string length", () => {
    expect(padEndToWidth("合计", 6)).toBe("合计  ");
    expect(displayWidth(padEndToWidth("工资福利支出", 20))).toBe(20);
  });

  it("pads on the left to the display width", () => {
    expect(padStartToWidth("0.00", 8)).toBe("    0.00");
    expect(padStartToWidth("金额", 5)).toBe(" 金额");
  });

  it("leaves a string that is already wide enough unchanged", () => {
    expect(padEndToWidth("一般公共服务支出", 4)).toBe("一般公共服务支出");
    expect(padStartToWidth("15,731.43", 3)).toBe("15,731.43");
  });
});

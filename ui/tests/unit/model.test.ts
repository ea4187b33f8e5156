import { describe, expect, it } from "vitest";
import { changeYear, chineseNumeral, documentTitle, isoToOfficial, newId, numberPrefix, shiftYears } from "../../src/model";
import { templateDoc } from "./fixtures";

describe("numbering", () => {
  it("matches fazhi-core's numbering::prefix", () => {
    expect(chineseNumeral(12)).toBe("十二");
    expect(chineseNumeral(20)).toBe("二十");
    expect(chineseNumeral(23)).toBe("二十三");
    expect(numberPrefix(1, 3)).toBe("四、");
    expect(numberPrefix(2, 0)).toBe("（一）");
    expect(numberPrefix(2, 10)).toBe("（十一）");
    expect(numberPrefix(3, 1)).toBe("2.");
    expect(numberPrefix(4, 2)).toBe("（3）");
  });
});

describe("years", () => {
  it("shifts whole four-digit years only, the year and the next together", () => {
    expect(shiftYears("2019年推进法治政府建设", 2019, 2021)).toBe("2021年推进法治政府建设");
    expect(shiftYears("2020年推进法治政府建设的主要安排", 2019, 2021)).toBe("2022年推进法治政府建设的主要安排");
    expect(shiftYears("20190年与120191", 2019, 2021)).toBe("20190年与120191");
    // One pass: 2019→2020 does not cascade into 2020→2021.
    expect(shiftYears("2019和2020", 2019, 2020)).toBe("2020和2021");
  });
  it("changeYear moves part headings and the title override", () => {
    const d = templateDoc();
    d.title_override = "梅河口市2019年法治政府建设年度报告";
    const moved = changeYear(d, 2020);
    expect(moved.year).toBe(2020);
    expect(moved.parts[0].heading).toBe("2020年推进法治政府建设的主要举措和成效");
    expect(moved.parts[3].heading).toBe("2021年推进法治政府建设的主要安排");
    expect(documentTitle(moved)).toBe("梅河口市2020年法治政府建设年度报告");
    expect(documentTitle({ ...moved, title_override: null })).toBe("梅河口市人民政府关于2020年法治政府建设情况的报告");
  });
});

describe("dates and ids", () => {
  it("renders official dates without leading zeros and refuses impossible ones", () => {
    expect(isoToOfficial("2020-03-13")).toBe("2020年3月13日");
    expect(isoToOfficial("2020-02-30")).toBeNull();
    expect(isoToOfficial("2020-3-13")).toBeNull();
  });
  it("makes ids the backend accepts", () => {
    const a = newId();
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(newId()).not.toBe(a);
  });
});

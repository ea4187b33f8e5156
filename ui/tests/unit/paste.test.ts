import { describe, expect, it } from "vitest";
import { htmlToParagraphs, textToParagraphs } from "../../src/editor/paste";

describe("paste cleaning", () => {
  it("turns Word HTML into plain paragraphs", () => {
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal {font-family:仿宋_GB2312;} --></style></head>
<body lang=ZH-CN><!--StartFragment--><p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:仿宋_GB2312;color:red'>2019年，我市<b>深入</b>推进</span><span lang=EN-US>法治政府建设。<o:p></o:p></span></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal><span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>一是加强领导&amp;落实责任。</p><!--EndFragment--></body></html>`;
    expect(htmlToParagraphs(word)).toEqual(["2019年，我市深入推进法治政府建设。", "一是加强领导&落实责任。"]);
  });
  it("turns WPS and web HTML (divs, br, lists, tables) into paragraphs", () => {
    expect(htmlToParagraphs(`<div style="font-family:SimSun">第一段<br>第二段</div><ul><li>甲</li><li>乙</li></ul>`)).toEqual([
      "第一段",
      "第二段",
      "甲",
      "乙",
    ]);
    expect(htmlToParagraphs(`<table><tr><td>项目</td><td>数量</td></tr></table><script>alert(1)</script>`)).toEqual(["项目 数量"]);
    expect(htmlToParagraphs(`<p>&#8220;放管服&#x201D;改革</p><span></span>`)).toEqual(["“放管服”改革"]);
  });
  it("cleans plain text: indentation, stray spaces between Chinese characters, control characters", () => {
    expect(textToParagraphs("　　法治 政府\r\n\r\n\t建设\u0007 in 2019 年\u200b")).toEqual(["法治政府", "建设 in 2019 年"]);
  });
});

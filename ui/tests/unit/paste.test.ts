import { describe, expect, it } from "vitest";
import { htmlToParagraphs, textToParagraphs } from "../../src/editor/paste";
import { htmlToBlocks } from "../../src/editor/tables-paste";
import type { Table } from "../../src/bindings/Table";

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

// Clipboard HTML as Word, WPS and a government web page put it there (trimmed
// from real copies: Word's conditional rows and mso- styles, WPS's <font>, a
// page whose article sits in a layout table).
export const WORD_TABLE = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style><!-- table.MsoNormalTable {mso-style-name:普通表格;mso-tstyle-rowband-size:0;font-family:"Times New Roman",serif;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt;word-wrap:break-word'><!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:16.0pt;font-family:黑体'>2023年度行政复议案件情况统计表<span lang=EN-US><o:p></o:p></span></span></b></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=142 rowspan=2 valign=top style='width:106.5pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal><span style='font-family:仿宋_GB2312;color:red'>类别<span lang=EN-US><o:p></o:p></span></span></p>
  </td>
  <td width=284 colspan=2 valign=top style='width:213.0pt;border:solid windowtext 1.0pt;border-left:none'>
  <p class=MsoNormal align=center style='text-align:center'><span style='font-family:仿宋_GB2312'>件数</span></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td width=142 valign=top style='width:106.5pt'><p class=MsoNormal>受理<o:p></o:p></p></td>
  <td width=142 valign=top style='width:106.5pt'><p class=MsoNormal>办结</p></td>
 </tr>
 <tr style='mso-yfti-irow:2;mso-yfti-lastrow:yes'>
  <td width=142 valign=top style='width:106.5pt'><p class=MsoNormal>行政复议</p><p class=MsoNormal>（含听证）</p></td>
  <td width=142 valign=top style='width:106.5pt'><p class=MsoNormal><span lang=EN-US>12<o:p></o:p></span></p></td>
  <td width=142 valign=top style='width:106.5pt'><p class=MsoNormal><span lang=EN-US>&nbsp;9</span></p></td>
 </tr>
 <![if !supportMisalignedColumns]>
 <tr height=0><td width=142 style='border:none'></td><td width=142 style='border:none'></td><td width=142 style='border:none'></td></tr>
 <![endif]>
</table>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>以上数据截至12月31日。</span></p>
<!--EndFragment--></body></html>`;

const WPS_TABLE = `<html><head><meta charset="utf-8"><meta name="generator" content="WPS Office"><style>p{margin:0}</style></head><body>
<!--StartFragment--><table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:426.10pt;mso-table-layout-alt:fixed;border:none;mso-padding-alt:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;">
<tr><td width="71" valign="top" style="width:53.2500pt;padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;border-left:1.0000pt solid windowtext;mso-border-left-alt:0.5000pt solid windowtext;"><p class="MsoNormal" style="text-align:center;"><span style="font-family:仿宋_GB2312;font-size:12.0000pt;"><font face="仿宋_GB2312">序号</font></span></p></td>
<td width="497" valign="top" style="width:372.8500pt;padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;"><p class="MsoNormal"><span style="font-family:仿宋_GB2312;"><font face="仿宋_GB2312">重点任务</font></span></p></td></tr>
<tr><td width="71" valign="top" style="width:53.2500pt;"><p class="MsoNormal"><span>1</span></p></td>
<td width="497" valign="top" style="width:372.8500pt;"><p class="MsoNormal"><span style="font-family:仿宋_GB2312;"><font face="仿宋_GB2312">深化</font>“<font face="仿宋_GB2312">放管服</font>”<font face="仿宋_GB2312">改革</font></span></p></td></tr>
</table><!--EndFragment--></body></html>`;

export const WEB_PAGE = `<meta charset='utf-8'><table width="100%" border="0" cellspacing="0" cellpadding="0" class="layout"><tr><td class="main" style="padding:20px">
<div class="TRS_Editor"><p style="text-indent:2em;font-family:SimSun">一、基本情况</p>
<table border="1" class="data" style="width:600px;color:#333"><thead><tr><th>序号</th><th>任务</th><th>完成情况</th></tr></thead>
<tbody><tr><td>1<td>深化“放管服”改革<td>已完成
<tr><td>2</td><td>推进<br>依法决策</td><td rowspan="2">已完成</td></tr>
<tr><td colspan="2">合计</td></tr></tbody></table>
<p>特此报告。</p></div></td><td class="sidebar"><ul><li>相关链接</li></ul></td></tr></table>`;

const texts = (t: Table) => t.rows.map((r) => r.map((c) => c.paragraphs.map((p) => p.text).join("/")));
const spans = (t: Table) => t.rows.map((r) => r.map((c) => `${c.colspan}x${c.rowspan}`));

describe("pasting tables", () => {
  it("keeps a Word table as a table: merges, cell paragraphs, widths, its title; no mso- style survives", () => {
    const blocks = htmlToBlocks(WORD_TABLE, textToParagraphs);
    expect(blocks.length).toBe(2);
    const t = blocks[0] as Table;
    expect(t.title).toBe("2023年度行政复议案件情况统计表");
    expect(texts(t)).toEqual([["类别", "件数"], ["受理", "办结"], ["行政复议/（含听证）", "12", "9"]]);
    expect(spans(t)).toEqual([["1x2", "2x1"], ["1x1", "1x1"], ["1x1", "1x1", "1x1"]]);
    expect(t.widths).toEqual([142, 142, 142]);
    expect(JSON.stringify(blocks)).not.toMatch(/mso|font|color|style|<|&nbsp;/);
    expect(blocks[1]).toBe("以上数据截至12月31日。");
  });
  it("keeps a WPS table as a table (its <font> tags and pt widths gone)", () => {
    const [t, ...rest] = htmlToBlocks(WPS_TABLE, textToParagraphs) as Table[];
    expect(rest).toEqual([]);
    expect(texts(t)).toEqual([["序号", "重点任务"], ["1", "深化“放管服”改革"]]);
    expect(t.widths).toEqual([71, 497]);
    expect(t.header_rows).toBe(0);
  });
  it("unwraps a web page's layout table and keeps the data table in it, header rows, unclosed cells and spans included", () => {
    const blocks = htmlToBlocks(WEB_PAGE, textToParagraphs);
    expect(blocks.filter((b) => typeof b === "string")).toEqual(["一、基本情况", "特此报告。", "相关链接"]);
    const t = blocks[1] as Table;
    expect(t.header_rows).toBe(1);
    expect(texts(t)).toEqual([["序号", "任务", "完成情况"], ["1", "深化“放管服”改革", "已完成"], ["2", "推进/依法决策", "已完成"], ["合计"]]);
    expect(spans(t)).toEqual([["1x1", "1x1", "1x1"], ["1x1", "1x1", "1x1"], ["1x1", "1x1", "1x2"], ["2x1"]]);
  });
  it("unwraps a one-cell table and evens out a ragged one", () => {
    expect(htmlToBlocks("<table><tr><td><p>正文一</p><p>正文二</p></td></tr></table>", textToParagraphs)).toEqual(["正文一", "正文二"]);
    const [t] = htmlToBlocks("<table><tr><td>甲</td><td>乙</td><td>丙</td></tr><tr><td rowspan=5>丁</td></tr></table>", textToParagraphs) as Table[];
    expect(spans(t)).toEqual([["1x1", "1x1", "1x1"], ["1x1", "1x1", "1x1"]]);
    expect(texts(t)[1]).toEqual(["丁", "", ""]);
  });
  it("no control character or zero-width character reaches a cell", () => {
    const [t] = htmlToBlocks("<table><tr><td>a\u0008b\u200b</td><td>&#7;c</td></tr></table>", textToParagraphs) as Table[];
    expect(texts(t)).toEqual([["ab", "c"]]);
  });
});

// [print #19] 打印预览 draws each role with the font chosen in 设置 → 字体: its @font-face
// rules load the fazhi-font scheme's role addresses, where Rust picks the file.
import { describe, expect, it } from "vitest";
import { fontBase } from "../../src/editor/fonts";
import { previewFontFaces } from "../../src/preview";

describe("preview fonts", () => {
  it("declares one @font-face per role from the scheme's role address", () => {
    const css = previewFontFaces("fazhi-font://localhost/", 3);
    for (const role of ["title", "body", "heading1", "heading2", "page_number"]) {
      expect(css).toContain(`@font-face { font-family: "fazhi-pv-${role}"; src: url("fazhi-font://localhost/role/${role}?v=3");`);
    }
    expect(css.match(/@font-face/g)).toHaveLength(5);
    // A new version after the choice changed: new addresses, fetched again.
    expect(previewFontFaces("fazhi-font://localhost/", 4)).toContain('url("fazhi-font://localhost/role/body?v=4")');
    // WebView2's address of the scheme.
    const win = fontBase({ protocol: "http:", hostname: "tauri.localhost" });
    expect(previewFontFaces(win, 1)).toContain('url("http://fazhi-font.localhost/role/body?v=1")');
  });

  it("declares nothing where the page has no scheme (the page's fonts stand in)", () => {
    expect(previewFontFaces(fontBase({ protocol: "http:", hostname: "localhost" }), 1)).toBe("");
  });
});

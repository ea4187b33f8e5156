// The page's fonts. The official faces (仿宋_GB2312, 黑体, 楷体_GB2312…) are named
// first in the stacks of styles.css and used when installed; otherwise the freely
// licensed Fandol/Noto files of assets/fonts, the same ones the PDF export embeds,
// are loaded from the app's `fazhi-font:` scheme (src-tauri/src/fonts.rs), never
// from the network and never bundled into the binary.
//
// The faces are added at start-up rather than written in styles.css so that
// builds without the scheme (browser tests, `vite dev`) declare them with local()
// sources only and make no request the CSP would refuse.

/** Family name in CSS → file served by the scheme (and names it may be installed under). */
export const FACES: { family: string; file: string; local: string[]; weight?: number }[] = [
  { family: "FandolFang", file: "FandolFang-Regular.otf", local: ["FandolFang-Regular", "FandolFang"] },
  { family: "FandolHei", file: "FandolHei-Regular.otf", local: ["FandolHei-Regular", "FandolHei"] },
  { family: "FandolKai", file: "FandolKai-Regular.otf", local: ["FandolKai-Regular", "FandolKai"] },
  // Characters Fandol lacks (堃喆珺昇镕彧…) and the title fall back to Noto Serif SC.
  { family: "Noto Serif SC", file: "NotoSerifSC-Regular.otf", local: ["Noto Serif CJK SC", "NotoSerifCJKsc-Regular"], weight: 400 },
  { family: "Noto Serif SC", file: "NotoSerifSC-Bold.otf", local: ["Noto Serif CJK SC Bold", "NotoSerifCJKsc-Bold"], weight: 700 },
];

/**
 * Where the scheme is, seen from a page at `location`: WebKitGTK and macOS
 * address custom schemes as `fazhi-font://localhost/`, WebView2 (Windows) as
 * `http://fazhi-font.localhost/`. Null when the page is not the app's.
 */
export function fontBase(loc: { protocol: string; hostname: string }): string | null {
  if (loc.protocol === "tauri:") return "fazhi-font://localhost/";
  if ((loc.protocol === "http:" || loc.protocol === "https:") && loc.hostname === "tauri.localhost") return "http://fazhi-font.localhost/";
  return null;
}

/** The `src` descriptor of each face: installed copies first, then the served file. */
export function fontSources(base: string | null): { family: string; src: string; weight: number }[] {
  return FACES.map((f) => ({
    family: f.family,
    weight: f.weight ?? 400,
    src: [...f.local.map((n) => `local("${n}")`), ...(base ? [`url("${base}${f.file}") format("opentype")`] : [])].join(", "),
  }));
}

let installed = false;

/**
 * Adds the faces to the page once (the FontFace API: no inline style the CSP
 * would have to allow). A face is fetched only when text needs it.
 */
export function installFonts(): void {
  if (installed || typeof FontFace === "undefined") return;
  installed = true;
  for (const f of fontSources(fontBase(location))) {
    document.fonts.add(new FontFace(f.family, f.src, { weight: String(f.weight), display: "swap" }));
  }
}

#!/usr/bin/env python3
"""Writes the committed hostile corpus (tests/hostile/{import,document,package,settings}/).
Re-run after changing it: `python3 tests/hostile/generate.py`. Big files (50 MB text,
zip bombs) are NOT here: crates/fazhi-cli/tests/hostile_corpus.rs makes them at run time."""
import io, json, os, sqlite3, struct, zipfile, zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
def out(kind, name, data):
    p = ROOT / kind / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)

def noise(n, seed=7):
    x = seed; b = bytearray()
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF; x ^= x >> 7; x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        b.append((x >> 24) & 0xFF)
    return bytes(b)

def docx(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            # A fixed date: regenerating gives the same bytes.
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), body, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()

CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def body(paras):
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>' + "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paras) + "</w:body></w:document>"
GOOD = docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": body(["梅河口市人民政府关于2019年法治政府建设情况的报告", "一、主要举措和成效", "正文。"])})

# ---- import: every file goes through `fazhi import FILE` ----------------------------
out("import", "zero-length.txt", b"")
out("import", "zero-length.docx", b"")
out("import", "zero-length.html", b"")
out("import", "random-binary.txt", noise(4096))
out("import", "random-binary.docx", noise(4096, 11))
out("import", "elf-header.txt", b"\x7fELF\x02\x01\x01\x00" + noise(2000, 3))
out("import", "png-as-text.txt", b"\x89PNG\r\n\x1a\n" + noise(1000, 5))
out("import", "nul-bytes.txt", b"\x00" * 10000)
out("import", "only-whitespace.txt", "　 \t\r\n" * 500)
out("import", "no-structure.txt", "这是一段没有任何结构的文字。" * 50)
out("import", "truncated.docx", GOOD[: len(GOOD) // 2])
out("import", "truncated-central-directory.docx", GOOD[:-30])
out("import", "zip-without-document.docx", docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "hello.txt": "hi"}))
out("import", "document-not-xml.docx", docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": noise(3000, 9)}))
out("import", "deep-xml.docx", docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body>' + "<w:p>" * 100000 + "</w:body></w:document>"}))
out("import", "billion-laughs.docx", docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>' + f'<w:document {W}><w:body><w:p><w:r><w:t>&lol5;</w:t></w:r></w:p></w:body></w:document>'}))
out("import", "external-entity.docx", docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + f'<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'}))
out("import", "encrypted-zip-entry.docx", GOOD[:6] + b"\x01\x00" + GOOD[8:])  # general-purpose flag: encrypted
out("import", "zip-path-traversal.docx", docx({"[Content_Types].xml": CT, "_rels/.rels": RELS, "../../../../tmp/evil.xml": "x", "word/document.xml": body([])}))
out("import", "docx-that-is-a-pdf.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + noise(500))
out("import", "html-that-is-a-docx.html", GOOD)
out("import", "text-that-is-a-zip.txt", GOOD)
out("import", "deep-html.html", "<html><body>" + "<div>" * 20000 + "正文" + "</body></html>")
out("import", "script-only.html", "<html><head><script>alert(1)</script><style>p{}</style></head><body><script>for(;;){}</script></body></html>")
out("import", "html-no-body-text.htm", "<!doctype html><html><head><title>空</title></head><body><nav>首页</nav></body></html>")
out("import", "utf16-odd-length.txt", b"\xff\xfe" + "一、主要举措".encode("utf-16-le") + b"\x00")
out("import", "invalid-utf8-and-gbk-mix.txt", "一、主要举措和成效\n".encode("utf-8") + b"\xff\xfe\xfd\x80\x81" * 200 + "二、".encode("gb18030"))
out("import", "wrong-extension.pdf", "一、主要举措和成效\n正文。\n")
out("import", "no-extension", "一、主要举措和成效\n正文。\n")
out("import", "control-characters.txt", "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) * 300)

# ---- document JSON: `fazhi put ID FILE` ---------------------------------------------
out("document", "empty.json", b"")
out("document", "not-json.json", "这不是JSON")
out("document", "array.json", "[1,2,3]")
out("document", "null.json", "null")
out("document", "deep-nesting.json", "[" * 100000 + "]" * 100000)
out("document", "deep-sections.json", json.dumps({"issuer": "梅河口市人民政府", "year": 2019, "parts": [{"role": "measures", "heading": "2019年推进法治政府建设的主要举措和成效", "sections": [json.loads('{"heading":"a","sections":[' * 200 + '{"heading":"b"}' + ']}' * 200)]}]}))
out("document", "missing-parts.json", json.dumps({"issuer": "梅河口市人民政府", "year": 2019, "template": {"id": "statutory", "version": 1}, "parts": []}, ensure_ascii=False))
out("document", "wrong-types.json", json.dumps({"issuer": 42, "year": "二〇一九", "parts": "none"}))
out("document", "year-overflow.json", json.dumps({"issuer": "梅河口市人民政府", "year": 99999999999999999999, "parts": []}))
out("document", "newer-schema.json", json.dumps({"schema_version": 99, "issuer": "梅河口市人民政府", "year": 2019, "template": {"id": "statutory", "version": 1}, "parts": []}, ensure_ascii=False))
out("document", "unknown-template.json", json.dumps({"issuer": "梅河口市人民政府", "year": 2019, "template": {"id": "../../etc/passwd", "version": 1}, "parts": []}, ensure_ascii=False))
out("document", "utf16.json", "\ufeff{\"issuer\":\"x\"}".encode("utf-16-le"))
out("document", "sql-in-id.json", json.dumps({"issuer": "梅河口市人民政府", "year": 2019, "template": {"id": "statutory", "version": 1}, "preface": [{"id": "'); DROP TABLE reports;--", "text": "x"}], "parts": []}, ensure_ascii=False))
out("document", "binary.json", noise(2048, 21))

# ---- review packages: `fazhi package info FILE` and `fazhi package open FILE` -----------
def package(name, app_id=0x465A4247, version=1, meta=None, report=None, extra=""):
    p = ROOT / "package" / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if p.exists(): p.unlink()
    c = sqlite3.connect(p)
    c.executescript("""CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE report (id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, content TEXT NOT NULL) STRICT;
CREATE TABLE comments (id TEXT PRIMARY KEY, parent_id TEXT, author TEXT NOT NULL, role TEXT, created_at TEXT NOT NULL, edited_at TEXT, text TEXT NOT NULL, resolved INTEGER NOT NULL, resolved_by TEXT, resolved_at TEXT, node_id TEXT, start_off INTEGER, end_off INTEGER, quote TEXT, prefix TEXT, suffix TEXT, orphaned INTEGER NOT NULL) STRICT;""" + extra)
    for k, v in (meta or {"format_version": str(version), "exported_at": "2026-11-27T00:00:00Z", "exported_by": "审核人"}).items():
        c.execute("INSERT INTO meta VALUES (?, ?)", (k, v))
    if report is not None:
        c.execute("INSERT INTO report VALUES (?, ?, ?, ?)", report)
    c.execute(f"PRAGMA application_id = {app_id}")
    c.execute(f"PRAGMA user_version = {version}")
    c.commit(); c.close()

package("newer-format.fzbg", version=99, meta={"format_version": "99"})
package("not-a-package-app-id.fzbg", app_id=0x465A4853)
package("empty-package.fzbg")
package("sql-in-names.fzbg", report=("x'); DROP TABLE reports;--", "draft", 1, '{"issuer":"\'); DELETE FROM reports;--","year":2019,"parts":[]}'),
        meta={"format_version": "1", "exported_at": "'; DROP TABLE comments;--", "exported_by": "Robert'); DROP TABLE reports;--"})
package("bad-document.fzbg", report=("3f9c2a1b7d40", "draft", 1, "这不是JSON"))
package("negative-version.fzbg", report=("3f9c2a1b7d40", "final", -5, "{}"))
out("package", "not-sqlite.fzbg", "这不是审阅包，只是一段文字。")
out("package", "zero-length.fzbg", b"")
out("package", "random.fzbg", b"SQLite format 3\x00" + noise(8192, 33))
good = (ROOT / "package" / "empty-package.fzbg").read_bytes()
out("package", "truncated.fzbg", good[: len(good) // 3])

# ---- settings: the 校对 rule configuration (settings key checks.config) --------------
out("settings", "not-json.json", "{rules:")
out("settings", "wrong-shape.json", json.dumps("设置"))
out("settings", "unknown-rule.json", json.dumps({"rules": {"no.such.rule": {"enabled": False}}, "typos": [], "sensitive_terms": [], "names": []}))
out("settings", "deep-nesting.json", "{\"rules\":" + "[" * 100000 + "]" * 100000 + "}")

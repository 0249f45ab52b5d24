"""Template tags of the evaluation pages: stacked SVG bars (classes only; no inline styles)."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jinji.evaluation.selectors.dashboard import Bar

register = template.Library()


@register.simple_tag
def bar_chart(bars: Sequence[Bar], label: str, small: bool = False) -> SafeString:
    """``<svg>`` with one ``<rect>`` per segment (x and width in percent) and a text alternative."""
    summary = "、".join(f"{b.label} {b.count}人" for b in bars) or "なし"
    rects = format_html_join(
        "",
        '<rect class="{}" x="{}" y="0" width="{}" height="10"><title>{}: {}人</title></rect>',
        ((b.css, f"{b.x:.2f}", f"{b.width:.2f}", b.label, b.count) for b in bars),
    )
    css = "chart chart--small" if small else "chart"
    return format_html(
        '<svg class="{}" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{}: {}">{}</svg>',
        css,
        label,
        summary,
        rects,
    )

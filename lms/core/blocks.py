"""StreamField blocks shared by every kind of learning content."""

import difflib
from itertools import zip_longest

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.compare import BlockComparison, diff_text
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        form_classname = "title"
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"), help_text=_("What the image shows, for screen readers.")
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"), help_text=_("A YouTube or Vimeo address."))
    transcript = blocks.RichTextBlock(
        label=_("transcript"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "media"
        template = "blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("note", _("Note")),
            ("case_study", _("Case study")),
            ("warning", _("Caution")),
        ],
        default="note",
    )
    title = blocks.CharBlock(label=_("title"))
    body = blocks.RichTextBlock(label=_("body"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "blocks/callout.html"


class KnowledgeCheckBlock(blocks.StructBlock):
    """A one-question self-check inside a lesson; not graded, the answer is revealed."""

    question = blocks.CharBlock(label=_("question"))
    options = blocks.ListBlock(blocks.CharBlock(label=_("option")), label=_("options"), min_num=2)
    correct_option = blocks.IntegerBlock(
        label=_("correct option"), min_value=1, help_text=_("Number of the correct option, from 1.")
    )
    explanation = blocks.TextBlock(label=_("explanation"), required=False)

    class Meta:
        icon = "tick"
        template = "blocks/knowledge_check.html"

    def clean(self, value):
        value = super().clean(value)
        if value["correct_option"] > len(value["options"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "correct_option": ErrorList(
                        [
                            ValidationError(
                                _("There are only %(n)d options.") % {"n": len(value["options"])}
                            )
                        ]
                    )
                }
            )
        return value


class TableBlockComparison(BlockComparison):
    """A table block in Wagtail's compare view (revisions, workflow review): the caption and
    the rows as a table, with the changed words of each cell marked, and rows added or
    removed shown as such; not the stored dict."""

    @staticmethod
    def _parts(value):
        value = value or {}
        rows = [
            tuple("" if cell is None else str(cell) for cell in row)
            for row in value.get("data") or []
        ]
        return str(value.get("table_caption") or ""), rows

    @staticmethod
    def _table(caption, rows):
        """``rows``: lists of (css class, safe HTML) cells."""
        body = format_html_join(
            "",
            "<tr>{}</tr>",
            (
                (format_html_join("", '<td class="{}">{}</td>', ((c, h) for c, h in row)),)
                for row in rows
            ),
        )
        caption = format_html("<caption>{}</caption>", caption) if caption else ""
        return format_html(
            '<table class="comparison-table">{}<tbody>{}</tbody></table>', caption, body
        )

    def htmlvalue(self, val):
        caption, rows = self._parts(val)
        return self._table(escape(caption), [[("", escape(cell)) for cell in row] for row in rows])

    def htmldiff(self):
        caption_a, rows_a = self._parts(self.val_a)
        caption_b, rows_b = self._parts(self.val_b)

        def changed(a, b):
            return [
                ("", mark_safe(diff_text(x or "", y or "").to_html()))  # noqa: S308 - escaped by to_html
                for x, y in zip_longest(a, b)
            ]

        def whole(row, kind):
            return [(kind, format_html('<span class="{}">{}</span>', kind, cell)) for cell in row]

        rows = []
        matcher = difflib.SequenceMatcher(a=rows_a, b=rows_b, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                rows += [[("", escape(cell)) for cell in row] for row in rows_a[a1:a2]]
            elif op == "delete":
                rows += [whole(row, "deletion") for row in rows_a[a1:a2]]
            elif op == "insert":
                rows += [whole(row, "addition") for row in rows_b[b1:b2]]
            else:  # replace: cell by cell, pairing the rows in order
                for a, b in zip_longest(rows_a[a1:a2], rows_b[b1:b2]):
                    if a is None:
                        rows.append(whole(b, "addition"))
                    elif b is None:
                        rows.append(whole(a, "deletion"))
                    else:
                        rows.append(changed(a, b))
        caption = (
            mark_safe(diff_text(caption_a, caption_b).to_html())  # noqa: S308 - escaped by to_html
            if caption_a or caption_b
            else ""
        )
        return self._table(caption, rows)


class LessonTableBlock(TableBlock):
    """Wagtail's table block, compared as a table in the admin's compare view."""

    def get_comparison_class(self):
        return TableBlockComparison


def lesson_blocks():
    return [
        ("heading", HeadingBlock(label=_("heading"))),
        ("paragraph", blocks.RichTextBlock(label=_("rich text"), features=RICH_TEXT_FEATURES)),
        ("image", ImageBlock(label=_("image"))),
        ("video", VideoBlock(label=_("video"))),
        ("document", DocumentBlock(label=_("document"))),
        ("callout", CalloutBlock(label=_("callout or case study"))),
        ("table", LessonTableBlock(label=_("table"), template="blocks/table.html")),
        ("knowledge_check", KnowledgeCheckBlock(label=_("knowledge check"))),
    ]

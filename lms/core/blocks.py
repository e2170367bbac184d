"""StreamField blocks shared by every kind of learning content."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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


def lesson_blocks():
    return [
        ("heading", HeadingBlock(label=_("heading"))),
        ("paragraph", blocks.RichTextBlock(label=_("rich text"), features=RICH_TEXT_FEATURES)),
        ("image", ImageBlock(label=_("image"))),
        ("video", VideoBlock(label=_("video"))),
        ("document", DocumentBlock(label=_("document"))),
        ("callout", CalloutBlock(label=_("callout or case study"))),
        ("table", TableBlock(label=_("table"), template="blocks/table.html")),
        ("knowledge_check", KnowledgeCheckBlock(label=_("knowledge check"))),
    ]

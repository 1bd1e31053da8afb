package io.github.telegrammcp.telegram.render;

import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;

/** Maps a commonmark tree onto Telegram's HTML subset; see {@link MarkdownRenderer} for the mapping. */
final class TelegramHtmlVisitor extends AbstractVisitor {

    static final String THEMATIC_BREAK = "———";
    static final String BULLET = "• ";
    /** Telegram cannot nest block quotes, so deeper levels are drawn with this bar inside the outer quote. */
    static final String NESTED_QUOTE_BAR = "│ ";

    private final HtmlOutput out = new HtmlOutput();
    /** Gap between sibling blocks: a blank line, or a single line break inside the items of a tight list. */
    private int blockGap = 2;
    private int quoteDepth;
    private boolean inLink;

    String render(Node document) {
        document.accept(this);
        return out.result();
    }

    @Override
    public void visit(Document document) {
        visitChildren(document);
    }

    @Override
    public void visit(Paragraph paragraph) {
        visitChildren(paragraph);
        out.separate(blockGap);
    }

    @Override
    public void visit(Heading heading) {
        out.open("<b>");
        visitChildren(heading);
        out.close("</b>");
        out.separate(blockGap);
    }

    @Override
    public void visit(BlockQuote blockQuote) {
        quoteDepth++;
        if (quoteDepth == 1) {
            out.open("<blockquote>");
        } else {
            out.pushIndent(NESTED_QUOTE_BAR);
        }
        int outerGap = blockGap;
        blockGap = 2;
        visitChildren(blockQuote);
        blockGap = outerGap;
        if (quoteDepth == 1) {
            out.close("</blockquote>");
        } else {
            out.popIndent();
        }
        quoteDepth--;
        out.separate(blockGap);
    }

    @Override
    public void visit(BulletList list) {
        visitList(list, 0);
    }

    @Override
    public void visit(OrderedList list) {
        visitList(list, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
    }

    private void visitList(ListBlock list, int start) {
        int outerGap = blockGap;
        int itemGap = list.isTight() ? 1 : 2;
        int number = start;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            String marker = list instanceof OrderedList ? number++ + ". " : BULLET;
            out.text(item.getFirstChild() == null ? marker.strip() : marker);
            out.pushIndent(" ".repeat(marker.length()));
            blockGap = itemGap;
            visitChildren(item);
            out.popIndent();
            out.separate(itemGap);
        }
        blockGap = outerGap;
        out.separate(blockGap);
    }

    @Override
    public void visit(FencedCodeBlock codeBlock) {
        codeBlock(codeBlock.getLiteral(), firstWord(codeBlock.getInfo()));
    }

    @Override
    public void visit(IndentedCodeBlock codeBlock) {
        codeBlock(codeBlock.getLiteral(), null);
    }

    private void codeBlock(String literal, String language) {
        String code = stripFinalNewline(literal);
        if (!code.isEmpty()) {
            out.preformatted(CodeFormatter.openPreCode(language), code, "</code></pre>");
        }
        out.separate(blockGap);
    }

    @Override
    public void visit(HtmlBlock htmlBlock) {
        // raw HTML is never passed through: Telegram would reject most of it
        out.text(stripFinalNewline(htmlBlock.getLiteral()));
        out.separate(blockGap);
    }

    @Override
    public void visit(ThematicBreak thematicBreak) {
        out.text(THEMATIC_BREAK);
        out.separate(blockGap);
    }

    @Override
    public void visit(Text text) {
        out.text(text.getLiteral());
    }

    @Override
    public void visit(StrongEmphasis strong) {
        inline("<b>", strong, "</b>");
    }

    @Override
    public void visit(Emphasis emphasis) {
        inline("<i>", emphasis, "</i>");
    }

    @Override
    public void visit(Code code) {
        out.open("<code>");
        out.text(code.getLiteral());
        out.close("</code>");
    }

    @Override
    public void visit(HtmlInline htmlInline) {
        out.text(htmlInline.getLiteral());
    }

    @Override
    public void visit(SoftLineBreak softLineBreak) {
        out.lineBreak();
    }

    @Override
    public void visit(HardLineBreak hardLineBreak) {
        out.lineBreak();
    }

    @Override
    public void visit(Link link) {
        String destination = link.getDestination();
        if (inLink) {
            visitChildren(link);
        } else if (Links.isAllowed(destination)) {
            out.open("<a href=\"" + Html.escapeAttribute(Links.clean(destination)) + "\">");
            inLink = true;
            visitChildren(link);
            inLink = false;
            if (out.innermostIsEmpty()) {
                // a link without visible text would vanish; show its address instead
                out.text(destination);
            }
            out.close("</a>");
        } else {
            visitChildren(link);
            appendUrlAsText(destination, link.getFirstChild() == null);
        }
    }

    @Override
    public void visit(Image image) {
        String alt = PlainText.of(image).strip();
        String destination = image.getDestination();
        if (inLink) {
            out.text(alt);
        } else if (Links.isAllowed(destination)) {
            out.open("<a href=\"" + Html.escapeAttribute(Links.clean(destination)) + "\">");
            out.text(alt.isEmpty() ? destination : alt);
            out.close("</a>");
        } else {
            out.text(alt);
            appendUrlAsText(destination, alt.isEmpty());
        }
    }

    private void appendUrlAsText(String destination, boolean alone) {
        if (destination != null && !destination.isBlank()) {
            out.text(alone ? destination : " (" + destination + ")");
        }
    }

    @Override
    public void visit(CustomNode node) {
        if (node instanceof Strikethrough) {
            inline("<s>", node, "</s>");
        } else {
            visitChildren(node);
        }
    }

    @Override
    public void visit(CustomBlock block) {
        if (block instanceof TableBlock table) {
            String text = TextTable.render(table);
            if (!text.isBlank()) {
                out.preformatted("<pre>", text, "</pre>");
            }
            out.separate(blockGap);
        } else {
            visitChildren(block);
        }
    }

    private void inline(String openTag, Node node, String closeTag) {
        out.open(openTag);
        visitChildren(node);
        out.close(closeTag);
    }

    private static String firstWord(String info) {
        if (info == null) {
            return null;
        }
        String trimmed = info.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static String stripFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}

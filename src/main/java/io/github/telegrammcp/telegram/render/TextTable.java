package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.Node;

/** Lays out a table as monospace text with padded columns, for a {@code <pre>} block. */
final class TextTable {

    /** Horizontal alignment of a column. */
    enum Align {
        LEFT, CENTER, RIGHT
    }

    private TextTable() {
    }

    /** Lays out a GFM table: cells as plain text, the header underlined, columns aligned as the table asks. */
    static String render(TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        List<Align> aligns = new ArrayList<>();
        int headerRows = 0;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    cells.add(PlainText.of(cell));
                    if (rows.isEmpty() && cell instanceof TableCell tableCell) {
                        aligns.add(align(tableCell.getAlignment()));
                    }
                }
                rows.add(cells);
                if (section instanceof TableHead) {
                    headerRows++;
                }
            }
        }
        return render(rows, aligns, headerRows);
    }

    private static Align align(TableCell.Alignment alignment) {
        if (alignment == null) {
            return Align.LEFT;
        }
        return switch (alignment) {
            case CENTER -> Align.CENTER;
            case RIGHT -> Align.RIGHT;
            default -> Align.LEFT;
        };
    }

    /**
     * Renders rows of plain-text cells; the first {@code headerRows} rows are underlined. Missing cells count as
     * empty, and line breaks inside a cell become spaces.
     */
    static String render(List<List<String>> rows, List<Align> aligns, int headerRows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        List<List<String>> cells = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> clean = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String cell = c < row.size() ? row.get(c).replace('\n', ' ').strip() : "";
                clean.add(cell);
                widths[c] = Math.max(widths[c], displayWidth(cell));
            }
            cells.add(clean);
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            if (r > 0) {
                out.append('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append(" | ");
                }
                Align align = c < aligns.size() && aligns.get(c) != null ? aligns.get(c) : Align.LEFT;
                line.append(pad(cells.get(r).get(c), widths[c], align));
            }
            out.append(line.toString().stripTrailing());
            if (r == headerRows - 1 && cells.size() > headerRows) {
                out.append('\n');
                for (int c = 0; c < columns; c++) {
                    out.append(c > 0 ? "-+-" : "").append("-".repeat(Math.max(widths[c], 1)));
                }
            }
        }
        return out.toString();
    }

    private static String pad(String cell, int width, Align align) {
        int space = width - displayWidth(cell);
        int left = switch (align) {
            case LEFT -> 0;
            case CENTER -> space / 2;
            case RIGHT -> space;
        };
        return " ".repeat(left) + cell + " ".repeat(space - left);
    }

    /**
     * Approximate width in a monospace font: East Asian wide characters and most emoji take two columns, combining
     * marks, joiners and variation selectors none.
     */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            width += codePointWidth(cp);
        }
        return width;
    }

    private static int codePointWidth(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)) {
            return 0;
        }
        boolean wide = (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }
}

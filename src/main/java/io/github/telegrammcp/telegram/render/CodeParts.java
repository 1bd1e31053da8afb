package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.List;

/** Packs lines of code, escaped, into parts of bounded length: whole lines where possible. */
final class CodeParts {

    private final int firstRoom;
    private final int room;
    private final List<String> parts = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private boolean currentHasLine;

    private CodeParts(int firstRoom, int room) {
        this.firstRoom = firstRoom;
        this.room = room;
    }

    /**
     * Splits {@code code} into escaped parts; the first holds at most {@code firstRoom} characters, the others
     * {@code room}. Parts end at line breaks (which are dropped); only a line longer than a whole part is cut inside,
     * between code points.
     */
    static List<String> pack(String code, int firstRoom, int room) {
        if (firstRoom < 16 || room < 16) {
            throw new IllegalArgumentException("no room for code: " + firstRoom + "/" + room);
        }
        CodeParts packer = new CodeParts(firstRoom, room);
        for (String line : code.split("\n", -1)) {
            packer.add(Html.escape(line));
        }
        packer.finishPart();
        return packer.parts;
    }

    private int roomNow() {
        return parts.isEmpty() ? firstRoom : room;
    }

    private void add(String escapedLine) {
        int separator = currentHasLine ? 1 : 0;
        if (current.length() + separator + escapedLine.length() <= roomNow()) {
            append(escapedLine);
        } else if (currentHasLine && escapedLine.length() <= room) {
            finishPart();
            append(escapedLine);
        } else {
            addLongLine(escapedLine);
        }
    }

    /**
     * Cuts a line too long for any part, never inside an entity or a surrogate pair. It starts in the current part,
     * since it has no line boundary worth keeping.
     */
    private void addLongLine(String escapedLine) {
        if (currentHasLine) {
            if (current.length() + 1 + nextUnit(escapedLine, 0) > roomNow()) {
                finishPart();
            } else {
                current.append('\n');
            }
        }
        int from = 0;
        while (from < escapedLine.length()) {
            int to = from;
            int limit = from + roomNow() - current.length();
            while (to < escapedLine.length()) {
                int next = nextUnit(escapedLine, to);
                if (next > limit) {
                    break;
                }
                to = next;
            }
            current.append(escapedLine, from, to);
            currentHasLine = true;
            from = to;
            if (from < escapedLine.length()) {
                finishPart();
            }
        }
    }

    private static int nextUnit(String escaped, int at) {
        char c = escaped.charAt(at);
        if (c == '&') {
            return escaped.indexOf(';', at) + 1;
        }
        return Character.isHighSurrogate(c) && at + 1 < escaped.length()
                && Character.isLowSurrogate(escaped.charAt(at + 1)) ? at + 2 : at + 1;
    }

    private void append(String escapedLine) {
        if (currentHasLine) {
            current.append('\n');
        }
        current.append(escapedLine);
        currentHasLine = true;
    }

    private void finishPart() {
        if (currentHasLine) {
            parts.add(current.toString());
            current.setLength(0);
            currentHasLine = false;
        }
    }
}

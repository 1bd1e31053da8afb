package io.github.telegrammcp.session;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Look-alike session names. The owner picks a session by the name they read, so two live sessions must never look the
 * same: a name whose {@link #skeleton} equals a live session's counts as taken (the newcomer becomes {@code alpha-2}),
 * and a name that mixes Latin, Cyrillic or Greek letters is flagged wherever sessions are listed. The skeleton follows
 * the idea of Unicode's confusable detection (UTS #39) for the letters that matter here; it is not the full table.
 */
public final class SessionNames {

    /** Cyrillic and Greek letters drawn like Latin ones, and digits drawn like letters. */
    private static final Map<Character, Character> LOOK_ALIKES = Map.ofEntries(
            // Cyrillic
            Map.entry('А', 'A'), Map.entry('В', 'B'), Map.entry('Е', 'E'), Map.entry('К', 'K'), Map.entry('М', 'M'),
            Map.entry('Н', 'H'), Map.entry('О', 'O'), Map.entry('Р', 'P'), Map.entry('С', 'C'), Map.entry('Т', 'T'),
            Map.entry('Х', 'X'), Map.entry('У', 'Y'), Map.entry('Ѕ', 'S'), Map.entry('І', 'I'), Map.entry('Ј', 'J'),
            Map.entry('Ԛ', 'Q'), Map.entry('Ԝ', 'W'), Map.entry('а', 'a'), Map.entry('е', 'e'), Map.entry('о', 'o'),
            Map.entry('р', 'p'), Map.entry('с', 'c'), Map.entry('у', 'y'), Map.entry('х', 'x'), Map.entry('ѕ', 's'),
            Map.entry('і', 'i'), Map.entry('ј', 'j'), Map.entry('ԁ', 'd'), Map.entry('һ', 'h'), Map.entry('ӏ', 'l'),
            Map.entry('Ӏ', 'l'), Map.entry('ԛ', 'q'), Map.entry('ԝ', 'w'), Map.entry('ү', 'y'),
            // Greek
            Map.entry('Α', 'A'), Map.entry('Β', 'B'), Map.entry('Ε', 'E'), Map.entry('Ζ', 'Z'), Map.entry('Η', 'H'),
            Map.entry('Ι', 'I'), Map.entry('Κ', 'K'), Map.entry('Μ', 'M'), Map.entry('Ν', 'N'), Map.entry('Ο', 'O'),
            Map.entry('Ρ', 'P'), Map.entry('Τ', 'T'), Map.entry('Υ', 'Y'), Map.entry('Χ', 'X'), Map.entry('ο', 'o'),
            Map.entry('ι', 'i'), Map.entry('ν', 'v'), Map.entry('ρ', 'p'), Map.entry('α', 'a'), Map.entry('κ', 'k'),
            Map.entry('υ', 'u'), Map.entry('χ', 'x'),
            // Digits that are easily taken for letters
            Map.entry('1', 'l'), Map.entry('0', 'o'));

    private static final Set<Character.UnicodeScript> CONFUSABLE_SCRIPTS = Set.of(Character.UnicodeScript.LATIN,
            Character.UnicodeScript.CYRILLIC, Character.UnicodeScript.GREEK);

    private SessionNames() {
    }

    /**
     * The name as it looks: compatibility forms folded (fullwidth letters), accents dropped, look-alike letters and
     * digits mapped to one Latin letter, lower case. Two names with the same skeleton look alike.
     */
    public static String skeleton(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                    || type == Character.CONTROL) {
                continue;
            }
            out.append(LOOK_ALIKES.getOrDefault(c, c));
        }
        // Lower case after the mapping: Cyrillic "В" looks like Latin "B", but its lower case "в" looks like neither.
        String lower = out.toString().toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            folded.append(LOOK_ALIKES.getOrDefault(lower.charAt(i), lower.charAt(i)));
        }
        return folded.toString();
    }

    /** True when two names look alike (equal skeletons), whatever their letters. */
    public static boolean lookAlike(String a, String b) {
        return skeleton(a).equals(skeleton(b));
    }

    /**
     * The scripts a name mixes among Latin, Cyrillic and Greek ("Latin and Cyrillic"), or null when it uses at most
     * one of them: such a name can pass for another one.
     */
    public static String mixedScripts(String name) {
        Set<String> scripts = new TreeSet<>();
        name.codePoints().filter(Character::isLetter).mapToObj(Character.UnicodeScript::of)
                .filter(CONFUSABLE_SCRIPTS::contains)
                .forEach(s -> scripts.add(s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT)));
        return scripts.size() < 2 ? null : String.join(" and ", scripts);
    }
}

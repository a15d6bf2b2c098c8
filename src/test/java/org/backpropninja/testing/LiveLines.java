package org.backpropninja.testing;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command printed with its live progress line on, read as a terminal shows it: the last
 * count a progress line drew, and the text that stays on the screen once every line is redrawn.
 */
public final class LiveLines {

    private LiveLines() {
    }

    /**
     * The last {@code done/total} that the progress line labelled {@code label} drew (for example
     * {@code "gradient check: element"}), or null when it drew none.
     */
    public static String lastCount(String live, String label) {
        Matcher m = Pattern.compile("\r  " + Pattern.quote(label) + " ([\\d,]+)/([\\d,]+) ").matcher(live);
        String last = null;
        while (m.find()) {
            last = m.group(1) + "/" + m.group(2);
        }
        return last;
    }

    /** Whether that line reached its end: its last count is all of its total. */
    public static boolean reachedItsEnd(String live, String label) {
        String last = lastCount(live, label);
        return last != null && last.split("/")[0].equals(last.split("/")[1]);
    }

    /** What stays on the screen of each line: the text after its last carriage return. */
    public static String kept(String live) {
        return Arrays.stream(live.split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1))
                .reduce("", (a, b) -> a + b + "\n");
    }
}

package org.backpropninja.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line options of the form {@code --name value} or {@code --name=value}, declared up
 * front with a default and a help line. Anything else is a {@link UsageError} naming the offending
 * word; {@code --help} raises {@link HelpRequested} with the usage text.
 */
public final class Options {

    /** One option: its name without dashes, its default (null: none) and a help line. */
    public record Spec(String name, String defaultValue, String help) {
    }

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** Parses args against specs. */
    public static Options parse(String program, String summary, List<Spec> specs, String[] args) {
        Map<String, Spec> byName = new LinkedHashMap<>();
        for (Spec s : specs) {
            byName.put(s.name(), s);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Spec s : specs) {
            if (s.defaultValue() != null) {
                values.put(s.name(), s.defaultValue());
            }
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new HelpRequested(usage(program, summary, specs));
            }
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageError("unexpected argument '" + a + "'; options look like --name value"
                        + " (see --help)");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!byName.containsKey(name)) {
                throw new UsageError("unknown option --" + name + " (see --help for the options)");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageError("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        return new Options(values);
    }

    /** The usage text: summary, then one line per option with its default. */
    public static String usage(String program, String summary, List<Spec> specs) {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(program).append(" [options]\n").append(summary).append("\n\noptions:\n");
        for (Spec s : specs) {
            String left = "  --" + s.name() + " " + s.name().toUpperCase(Locale.ROOT).replace('-', '_');
            sb.append(String.format(Locale.ROOT, "%-34s %s", left, s.help()));
            if (s.defaultValue() != null) {
                sb.append(" (default: ").append(s.defaultValue()).append(')');
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-34s %s%n", "  --help", "print this help and exit"));
        return sb.toString();
    }

    /** The value given or defaulted, if any. */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** An integer option; malformed values are a usage error. */
    public long longValue(String name) {
        String v = require(name);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageError("option --" + name + " needs a whole number, got '" + v + "'");
        }
    }

    /** An int option within [min, max]. */
    public int intIn(String name, int min, int max) {
        long v = longValue(name);
        if (v < min || v > max) {
            throw new UsageError("option --" + name + " must be between " + min + " and " + max
                    + ", got " + v);
        }
        return (int) v;
    }

    /** A finite double option. */
    public double doubleValue(String name) {
        String v = require(name);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageError("option --" + name + " needs a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new UsageError("option --" + name + " needs a finite number, got '" + v + "'");
        }
        return d;
    }

    /** A finite double option that must be strictly positive. */
    public double positiveDouble(String name) {
        double d = doubleValue(name);
        if (!(d > 0)) {
            throw new UsageError("option --" + name + " must be positive, got " + values.get(name));
        }
        return d;
    }

    private String require(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new UsageError("option --" + name + " is required");
        }
        return v;
    }
}

package org.backpropninja.cli;

import java.math.BigInteger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A whole-number option with its range, converted and checked in one place. A subclass per range
 * names it (picocli instantiates converters by class): {@code static final class Steps extends
 * WholeNumber { Steps() { super(1, 100_000_000); } }}. The message says what is wrong without the
 * option's name, which {@link UsageSentence} puts in front: "needs a whole number, got '1e3'", or
 * "must be between 1 and 100000000, got 99999999999999999999" -- a number too large even for a
 * {@code long} is out of range, not malformed.
 */
public abstract class WholeNumber implements ITypeConverter<Long> {

    private final long min;
    private final long max;
    private final String why;

    /** Values from {@code min} to {@code max}, both included. */
    protected WholeNumber(long min, long max) {
        this(min, max, null);
    }

    /** As {@link #WholeNumber(long, long)}, with the reason for the lower bound, said when it is broken. */
    protected WholeNumber(long min, long max, String why) {
        this.min = min;
        this.max = max;
        this.why = why;
    }

    @Override
    public Long convert(String value) {
        String digits = value.replace("_", "");
        if (!digits.matches("[+-]?[0-9]+")) {
            throw new TypeConversionException("needs a whole number, got '" + value + "'");
        }
        BigInteger n = new BigInteger(digits);
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException(why == null
                    ? "must be between " + min + " and " + max + ", got " + value
                    : "must be at least " + min + " (" + why + ") and at most " + max + ", got " + value);
        }
        return n.longValueExact();
    }
}

package org.backpropninja.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A real-valued option that must be finite and greater than zero (a learning rate). The message
 * leaves out the option's name, which {@link UsageSentence} puts in front.
 */
public final class PositiveNumber implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("needs a number, got '" + value + "'");
        }
        if (!Double.isFinite(d)) {
            throw new TypeConversionException("needs a finite number, got '" + value + "'");
        }
        if (!(d > 0)) {
            throw new TypeConversionException("must be positive, got " + value);
        }
        return d;
    }
}

package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** FastTanh keeps its stated bound against Math.tanh: 1e-14 relative, everywhere. */
class FastTanhProperties {

    static final double RELATIVE_BOUND = 1e-14;

    /** Arguments spread over every branch: log-uniform magnitudes from 1e-300 to 1e3, both signs. */
    @Provide
    Arbitrary<Double> arguments() {
        return Arbitraries.doubles().between(-300, 3).withDistribution(net.jqwik.api.RandomDistribution.uniform())
                .withoutEdgeCases()
                .flatMap(e -> Arbitraries.of(-1.0, 1.0).map(s -> s * Math.pow(10, e)));
    }

    @Property(tries = 20000)
    void staysWithinTheStatedRelativeBoundOfMathTanh(@ForAll("arguments") double x) {
        double exact = Math.tanh(x);
        double fast = FastTanh.tanh(x);
        assertTrue(Math.abs(fast - exact) <= RELATIVE_BOUND * Math.abs(exact),
                "x=" + x + " fast=" + fast + " Math.tanh=" + exact);
    }

    /**
     * The row form the matrix kernel uses gives exactly the bits of the scalar form, element by
     * element, whatever mixes of branches a row holds (rows of 1 to 40 arguments from every branch,
     * with zeros of both signs, infinities and NaN among them).
     */
    @Property(tries = 2000)
    void theRowFormHasTheBitsOfTheScalarForm(@ForAll("rows") java.util.List<Double> row) {
        double[] x = row.stream().mapToDouble(Double::doubleValue).toArray();
        double[] out = new double[x.length];
        FastTanh.tanhRow(x, out, new double[x.length], new double[x.length]);
        for (int j = 0; j < x.length; j++) {
            assertEquals(Double.doubleToRawLongBits(FastTanh.tanh(x[j])), Double.doubleToRawLongBits(out[j]),
                    "x=" + x[j] + " row=" + out[j] + " scalar=" + FastTanh.tanh(x[j]));
        }
    }

    @Provide
    Arbitrary<java.util.List<Double>> rows() {
        Arbitrary<Double> special = Arbitraries.of(0.0, -0.0, 0.0625, -0.0625, 22.0, -22.0, 1e300, -1e300,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MIN_VALUE);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, arguments()), net.jqwik.api.Tuple.of(1, special))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    /** The inline exponential behind it: within 1e-15 relative of Math.exp on its whole domain. */
    @Property(tries = 20000)
    void itsExponentialStaysWithinOneEMinus15OfMathExp(@ForAll @net.jqwik.api.constraints.DoubleRange(min = -44, max = 0) double y) {
        double exact = Math.exp(y);
        assertTrue(Math.abs(FastTanh.expNonPositive(y) - exact) <= 1e-15 * exact,
                "y=" + y + " fast=" + FastTanh.expNonPositive(y) + " Math.exp=" + exact);
    }

    @Property(tries = 2000)
    void isExactlyOdd(@ForAll("arguments") double x) {
        assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x));
    }

    @Example
    void boundaryAndSpecialValues() {
        for (double x : new double[] {0.0625, Math.nextDown(0.0625), 22.0, Math.nextUp(22.0), 1e-320, 0.5, 3.0}) {
            double exact = Math.tanh(x);
            assertTrue(Math.abs(FastTanh.tanh(x) - exact) <= RELATIVE_BOUND * Math.abs(exact), "x=" + x);
        }
        assertEquals(0.0, FastTanh.tanh(0.0));
        assertEquals(1.0, FastTanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, FastTanh.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(FastTanh.tanh(Double.NaN)));
    }

    @Example
    void aDeliberatelyWorseTanhBreaksTheBound() {
        // The check is strict enough to notice a single-precision tanh.
        double x = 0.7;
        double sloppy = (float) Math.tanh(x);
        assertTrue(Math.abs(sloppy - Math.tanh(x)) > RELATIVE_BOUND * Math.tanh(x));
    }
}

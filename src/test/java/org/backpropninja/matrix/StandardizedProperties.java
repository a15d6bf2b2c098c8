package org.backpropninja.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.DoubleRange;
import org.backpropninja.testing.MatrixArbitraries;

/**
 * The kernels that read a {@link Standardized} operand without materialising it give exactly the
 * bits of the same kernel on {@link Standardized#values()}, itself the bits of
 * {@code x.sub(shift).mul(scale)}; and cross-entropy's one-pass {@link Fused#subOneHotScaled} gives
 * the bits of {@link Fused#subOneHot} then a scale. Operands of one row are broadcast, as the
 * masks choose.
 */
class StandardizedProperties {

    /** z and x of one shape, then shift, scale, a, c, d each of it or one row of its width (by rowMask). */
    @Provide
    Arbitrary<List<Matrix>> operands() {
        return Combinators.combine(MatrixArbitraries.shapes(9, 9), Arbitraries.integers().between(0, 31))
                .flatAs((s, rowMask) -> {
                    Shape row = new Shape(1, s.cols());
                    return Combinators.combine(List.of(
                            MatrixArbitraries.matrix(s, -3, 3),
                            MatrixArbitraries.matrix(s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 1) != 0 ? row : s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 2) != 0 ? row : s, 0.1, 4),
                            MatrixArbitraries.matrix((rowMask & 4) != 0 ? row : s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 8) != 0 ? row : s, -2, 2),
                            MatrixArbitraries.matrix((rowMask & 16) != 0 ? row : s, -2, 2))).as(l -> l);
                });
    }

    /** A matrix and one column index per row. */
    @Provide
    Arbitrary<Tuple2<Matrix, int[]>> picked() {
        return MatrixArbitraries.withAColumnPerRow(9, 30);
    }

    @Property(tries = 200)
    void kernelsOnAStandardizedOperandHaveTheBitsOfItsValues(@ForAll("operands") List<Matrix> m,
                                                             @ForAll @DoubleRange(min = -40, max = 40) double s) {
        Matrix z = m.get(0);
        Matrix x = m.get(1);
        Standardized std = new Standardized(z, m.get(2), m.get(3));
        Matrix a = m.get(4);
        Matrix c = m.get(5);
        Matrix d = m.get(6);
        Matrix values = std.values();
        assertEquals(z.sub(m.get(2)).mul(m.get(3)), values);
        assertEquals(Fused.mulThenAdd(values, a, c), Fused.mulThenAdd(std, a, c));
        assertEquals(Fused.columnDot(x, values), Fused.columnDot(x, std));
        assertEquals(Fused.scaleAddAffineMul(x, s, values, a, c, d), Fused.scaleAddAffineMul(x, s, std, a, c, d));
    }

    @Property(tries = 200)
    void subOneHotScaledHasTheBitsOfSubtractingThenScaling(@ForAll("picked") Tuple2<Matrix, int[]> t,
                                                          @ForAll @DoubleRange(min = -3, max = 3) double s) {
        Matrix x = t.get1();
        assertEquals(Fused.subOneHot(x, t.get2()).scale(s), Fused.subOneHotScaled(x, t.get2(), s));
    }

    @Example
    void misshapenOperandsAreRefusedNamingTheShapes() {
        Matrix z = Matrix.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Standardized(z, Matrix.zeros(1, 2), Matrix.ones(1, 3)));
        assertTrue(e.getMessage().contains("(1, 2)") && e.getMessage().contains("(4, 3)"), e.getMessage());
        Standardized std = new Standardized(z, Matrix.zeros(1, 3), Matrix.ones(1, 3));
        e = assertThrows(IllegalArgumentException.class, () -> Fused.columnDot(Matrix.zeros(3, 3), std));
        assertTrue(e.getMessage().contains("(3, 3)") && e.getMessage().contains("(4, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fused.mulThenAdd(std, Matrix.ones(2, 3), Matrix.ones(1, 3)));
        assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Fused.scaleAddAffineMul(Matrix.zeros(4, 2), 1.0, std, z, z, z));
        assertTrue(e.getMessage().contains("(4, 2)") && e.getMessage().contains("(4, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Fused.subOneHotScaled(z, new int[] {0, 1}, 0.5));
        assertTrue(e.getMessage().contains("(4, 3)"), e.getMessage());
    }
}

package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.backpropninja.matrix.Matrix;
import org.junit.jupiter.api.Test;

/**
 * What a line of Exercise 1 may read: every gradient above it, by tensor or by its accessor, and
 * nothing at or below it. Each of Upstream's named accessors is checked against the gradient it names.
 */
class UpstreamTest {

    private static final ChainCase SMALL = ChainCase.small();
    private static final StagedChain.Grads GRADS = StagedChain.backward(
            StagedChain.forward(SMALL.params(), SMALL.Xb(), SMALL.Yb()));

    /** The tensor whose gradient an accessor reads: the one whose gradient name it has (dcountsSumInv). */
    private static Tensor tensorOf(Method m) {
        for (Tensor t : Tensor.values()) {
            if (t.gradientName().equals(m.getName())) {
                return t;
            }
        }
        throw new AssertionError(m.getName() + " is the gradient name of no tensor of the table");
    }

    private static Set<Method> accessors() {
        Set<Method> all = new HashSet<>();
        for (Method m : Upstream.class.getMethods()) {
            if (m.getName().startsWith("d") && m.getParameterCount() == 0 && m.getReturnType() == Matrix.class
                    && !Modifier.isStatic(m.getModifiers())) {
                all.add(m);
            }
        }
        return all;
    }

    /**
     * Every accessor is named d + a tensor's Java name and returns that tensor's gradient, as
     * {@link Upstream#get} does for every tensor above the last line. (The accessors are the
     * learner's spelling; a tensor without one is read with get.)
     */
    @Test
    void belowTheLastLineEveryAccessorReturnsTheGradientItNames() throws ReflectiveOperationException {
        Upstream afterAll = Upstream.before(Tensor.C, GRADS);
        for (Tensor t : Tensor.C.before()) {
            assertSame(GRADS.get(t), afterAll.get(t), t.notebookName());
        }
        for (Method m : accessors()) {
            Tensor t = tensorOf(m);
            if (t != Tensor.C) {
                assertSame(GRADS.get(t), m.invoke(afterAll), m.getName());
            }
        }
    }

    @Test
    void aLineCannotReadItsOwnGradientOrALaterOne() throws ReflectiveOperationException {
        for (Tensor t : Tensor.values()) {
            Upstream atThatLine = Upstream.before(t, GRADS);
            for (Tensor later : Tensor.values()) {
                if (later.ordinal() >= t.ordinal()) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, () -> atThatLine.get(later));
                    assertTrue(e.getMessage().startsWith("d" + t.notebookName() + " reads d" + later.notebookName()),
                            e.getMessage());
                }
            }
        }
        for (Method m : accessors()) {
            Tensor t = tensorOf(m);
            String name = t.notebookName();
            Upstream atThatLine = Upstream.before(t, GRADS);
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(atThatLine),
                    m.getName());
            assertTrue(e.getCause() instanceof IllegalStateException, m.getName());
            assertTrue(e.getCause().getMessage().startsWith("d" + name + " reads d" + name), e.getCause().getMessage());
        }
    }
}

package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * What a line of Exercise 1 may read: every gradient above it, by its notebook name, and nothing at
 * or below it. Each of Upstream's 26 named accessors is checked against the gradient it names.
 */
class UpstreamTest {

    private static final ChainCase SMALL = ChainCase.small();
    private static final StagedChain.Grads GRADS = StagedChain.backward(
            StagedChain.forward(SMALL.params(), SMALL.Xb(), SMALL.Yb()));

    /** The notebook name an accessor reads: dW2 -> W2, dcountsSumInv -> counts_sum_inv. */
    private static String notebookName(Method m) {
        String rest = m.getName().substring(1);
        return StagedChain.CMP_ORDER.contains(rest) ? rest : rest.replaceAll("([A-Z])", "_$1").toLowerCase();
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

    @Test
    void belowTheLastLineEveryAccessorReturnsTheGradientItNames() throws ReflectiveOperationException {
        Upstream afterAll = Upstream.before("C", GRADS);
        Set<String> read = new HashSet<>();
        for (Method m : accessors()) {
            String name = notebookName(m);
            if (!name.equals("C")) {
                assertSame(GRADS.get(name), m.invoke(afterAll), m.getName());
                read.add(name);
            }
        }
        assertEquals(new HashSet<>(StagedChain.CMP_ORDER.subList(0, 25)), read, "one accessor per line above dC");
    }

    @Test
    void aLineCannotReadItsOwnGradientOrALaterOne() throws ReflectiveOperationException {
        for (Method m : accessors()) {
            String name = notebookName(m);
            Upstream atThatLine = Upstream.before(name, GRADS);
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(atThatLine),
                    m.getName());
            assertTrue(e.getCause() instanceof IllegalStateException, m.getName());
            assertTrue(e.getCause().getMessage().startsWith("d" + name + " reads d" + name), e.getCause().getMessage());
        }
    }
}

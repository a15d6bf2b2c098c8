package org.backpropninja.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.backpropninja.matrix.Shape;
import org.backpropninja.nn.Mlp;
import org.backpropninja.nn.Param;
import org.junit.jupiter.api.Test;

/**
 * The table of the notebook's 26 tensors agrees with the code it describes: the shapes it states
 * are the staged forward's, each row's method is the Exercise 1 method named after it, its
 * parameters are {@link Param}'s, and the values used twice are those the derivations say are.
 */
class TensorTest {

    @Provide
    Arbitrary<ChainCase> chains() {
        return ChainCase.cases();
    }

    /** Every tensor's shape rule, as computed and as written for the learner, is its value's shape. */
    @Property(tries = 50)
    void everyShapeRuleIsTheShapeOfTheStagedForwardsValue(@ForAll("chains") ChainCase c) {
        StagedChain.Forward f = StagedChain.forward(c.params(), c.Xb(), c.Yb());
        Mlp net = Mlp.of(c.params());
        int n = c.Xb().rows();
        for (Tensor t : Tensor.values()) {
            Shape actual = f.value(t).shape();
            assertEquals(actual, t.shapeIn(net, n), t.notebookName());
            assertEquals(actual, Tensor.shapeOf(t.shapeRule(), net, n), t.notebookName() + " " + t.shapeRule());
        }
    }

    @Test
    void theParametersAreParamsInTheirOwnOrderAndTheRestAreMadeByAForwardLine() {
        List<Param> inTable = new ArrayList<>();
        for (Tensor t : Tensor.values()) {
            if (t.isParameter()) {
                inTable.add(t.param());
                assertEquals(t.param().notebookName(), t.notebookName());
                assertSame(t, Tensor.of(t.param()));
                assertNull(t.forwardLine(), t.notebookName());
            } else {
                assertNotNull(t.stretch(), t.notebookName());
                assertTrue(t.forwardLine().startsWith(t.notebookName() + " = "), t.forwardLine());
            }
            assertSame(t, Tensor.named(t.notebookName()));
        }
        assertEquals(Param.values().length, inTable.size());
        assertTrue(inTable.containsAll(List.of(Param.values())));
    }

    /** Each row's line is the method of {@link Exercises} named d + its Java name, the name the judge finds it by. */
    @Test
    void eachRowsLineIsTheExercisesMethodOfItsGradientName() {
        List<String> called = new ArrayList<>();
        Exercises recorder = (Exercises) Proxy.newProxyInstance(Exercises.class.getClassLoader(),
                new Class<?>[] {Exercises.class}, (proxy, m, args) -> {
                    called.add(m.getName());
                    return Exercises.NOT_YET;
                });
        for (Tensor t : Tensor.values()) {
            called.clear();
            t.line(recorder, null, null);
            assertEquals(List.of(t.gradientName()), called, t.notebookName());
        }
        int lines = 0;
        for (Method m : Exercises.class.getMethods()) {
            if (List.of(m.getParameterTypes()).equals(List.of(ForwardValues.class, Upstream.class))) {
                lines++;
            }
        }
        assertEquals(Tensor.values().length, lines, "one Exercise 1 method per tensor");
    }

    /**
     * The values used twice are those whose users' lines both read them, and their gradients are
     * derived in "Values used twice"; every other tensor is used by one line (logprobs by the loss's).
     */
    @Test
    void aTensorUsedByTwoLinesIsDerivedInValuesUsedTwice() {
        for (Tensor t : Tensor.values()) {
            assertEquals(t.usedTwice(), t.section() == Tensor.Section.USED_TWICE, t.notebookName());
            assertEquals(t.usedTwice() ? 2 : 1, t.usingLines().size(), t.notebookName());
            for (Tensor user : t.users()) {
                assertTrue(user.ordinal() < t.ordinal(), t + " is used by the later " + user);
                assertTrue(user.forwardLine().matches(".*\\b" + t.notebookName() + "\\b.*"),
                        user.forwardLine() + " does not read " + t.notebookName());
            }
        }
        assertTrue(Tensor.LOSS_LINE.contains(Tensor.LOGPROBS.notebookName()));
    }
}

package org.backpropninja.testing;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * For the mutation run only (the {@code mutation} Maven profile, docs/testing.md): when the system
 * property {@code backpropninja.mutation.tries} is set, every property runs at most that many tries,
 * from a fixed seed, without shrinking. A mutant needs one failing sample to die; the fixed seed makes
 * the score repeatable. Without the system property (every ordinary test run) this hook does nothing.
 * Registered for all properties through META-INF/services.
 */
public final class MutationTries implements AroundPropertyHook {

    static final String TRIES = "backpropninja.mutation.tries";
    static final String SEED = "20260101";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String cap = System.getProperty(TRIES);
        if (cap != null && !cap.isBlank()) {
            int max = Integer.parseInt(cap.trim());
            int tries = context.attributes().tries().orElse(max);
            context.attributes().setTries(Math.min(tries, max));
            context.attributes().setSeed(SEED);
            context.attributes().setShrinking(ShrinkingMode.OFF);
            context.attributes().setAfterFailure(AfterFailureMode.RANDOM_SEED);
        }
        return property.execute();
    }
}

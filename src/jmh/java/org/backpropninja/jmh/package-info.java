/**
 * The JMH suite (a developer's measurement, not part of the product or the tests): the whole training
 * step split and on one thread ({@link org.backpropninja.jmh.WholeStep}), the step by layer
 * ({@link org.backpropninja.jmh.StepByLayer}) and the step's six products
 * ({@link org.backpropninja.jmh.Products}), all on the notebook's Exercise-4 shapes. Compiled and run
 * only by the {@code jmh} Maven profile: {@code mvn -Pjmh test-compile exec:exec}, with JMH's options in
 * {@code -Djmh.args="..."} ({@code -prof gc} for the bytes allocated per call). docs/speed.md, "How to
 * measure".
 */
package org.backpropninja.jmh;

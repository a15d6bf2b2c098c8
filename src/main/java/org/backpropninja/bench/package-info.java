/**
 * The measuring wing: the training-step benchmark the bench command runs
 * ({@link org.backpropninja.bench.StepBench}), its steadiness line and its machine line. Apart from
 * the commands' own package, because it measures the product rather than being part of it.
 */
package org.backpropninja.bench;

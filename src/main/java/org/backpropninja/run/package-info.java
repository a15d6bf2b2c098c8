/**
 * A run's output: the directory written all or nothing ({@link org.backpropninja.run.RunDirectory}),
 * the loss plot and metrics.json. Apart from the loop and the model, because what a run leaves on
 * disk is a promise of its own (the README's "output directory") and knows no network.
 */
package org.backpropninja.run;

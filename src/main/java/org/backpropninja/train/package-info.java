/**
 * The training loop, one idea: {@link org.backpropninja.train.Trainer} draws a minibatch, runs the
 * forward and the hand-written backward and the {@link org.backpropninja.train.Sgd} update, step
 * after step, with the {@link org.backpropninja.train.DivergenceGuard} watching the loss.
 */
package org.backpropninja.train;

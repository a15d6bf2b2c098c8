/**
 * The one supertype of "bad input", at the bottom of the layering so that every package that reads
 * input (data, safetensors, model, run, train, cli) can throw a subclass and the command shell can
 * map them all once.
 */
package org.backpropninja.failure;

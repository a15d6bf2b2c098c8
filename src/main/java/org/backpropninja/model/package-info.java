/**
 * A trained model and what reads it: {@link org.backpropninja.model.Model} (parameters, calibrated
 * batchnorm statistics, vocabulary, context length), its file
 * ({@link org.backpropninja.model.ModelFile}, safetensors), the {@link org.backpropninja.model.Sampler}
 * and the whole-split {@link org.backpropninja.model.Evaluator}. Apart from the loop, because
 * sample and evaluate use a model without training one.
 */
package org.backpropninja.model;

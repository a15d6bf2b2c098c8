package org.backpropninja.notebook;

/**
 * Every gradient a placeholder, as in the committed blank workbook (src/workbook): what the judge
 * must show as "not yet" throughout, without running a law or throwing. {@link Exercises}' methods
 * are placeholders until overridden, so it overrides none. Deliberate mistakes extend it with one
 * gradient each ({@link TypicalMistakes}).
 */
public class BlankExercises implements Exercises {
}

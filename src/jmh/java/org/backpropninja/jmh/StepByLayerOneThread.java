package org.backpropninja.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link StepByLayer}'s parts with the row split off ({@code -Dbackpropninja.split=false}, read
 * once at start, hence a fork of its own): what each part costs on one thread.
 */
@Fork(value = 1, jvmArgsAppend = "-Dbackpropninja.split=false")
public class StepByLayerOneThread extends StepByLayer {
}

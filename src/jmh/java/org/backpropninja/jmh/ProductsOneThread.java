package org.backpropninja.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link Products} with the row split off ({@code -Dbackpropninja.split=false}, read once at
 * start, hence a fork of its own): each product on one thread.
 */
@Fork(value = 1, jvmArgsAppend = "-Dbackpropninja.split=false")
public class ProductsOneThread extends Products {
}

package org.backpropninja.safetensors;

import java.util.Arrays;

/**
 * One tensor of a safetensors file: its dtype, its shape and its elements in row-major order,
 * widened to double whatever the dtype. The arrays are copied in and out, so a StoredTensor never
 * changes.
 */
public final class StoredTensor {

    private final Dtype dtype;
    private final long[] shape;
    private final double[] values;

    /** A tensor; the product of the shape must equal the number of values (a scalar has shape []). */
    public StoredTensor(Dtype dtype, long[] shape, double[] values) {
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("StoredTensor: negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, d);
        }
        if (count != values.length) {
            throw new IllegalArgumentException("StoredTensor: shape " + Arrays.toString(shape) + " holds " + count
                    + " elements, but " + values.length + " values were given");
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.values = values.clone();
    }

    public Dtype dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public double[] values() {
        return values.clone();
    }

    /** The shape as the format writes it, {@code [27, 10]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}

package org.backpropninja.safetensors;

import java.util.Set;

/**
 * The element types this program reads and writes: 64- and 32-bit IEEE floats, little-endian.
 * {@link #OTHERS} are the format's other dtype names, refused by name rather than as unknown.
 */
public enum Dtype {
    F64(8),
    F32(4);

    /** The format's dtypes that this program does not read. */
    static final Set<String> OTHERS = Set.of("F16", "BF16", "F8_E4M3", "F8_E5M2", "I64", "I32", "I16", "I8",
            "U64", "U32", "U16", "U8", "BOOL", "C64");

    /** Bytes per element. */
    public final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }
}

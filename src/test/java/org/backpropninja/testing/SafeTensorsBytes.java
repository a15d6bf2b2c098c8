package org.backpropninja.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Safetensors files built by hand, byte by byte from the format's definition, without the
 * program's writer: 8 bytes of header length (unsigned, least significant byte first), the header's
 * UTF-8 bytes, then the data buffer, whose numbers are IEEE bits laid out least significant byte
 * first.
 */
public final class SafeTensorsBytes {

    private SafeTensorsBytes() {
    }

    /** A file with the given header text and data buffer; the length is the header's byte count. */
    public static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return file(h.length, h, data);
    }

    /** A file whose declared header length may lie about the header. */
    public static byte[] file(long declaredLength, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 8; i++) {
            out.write((int) (declaredLength >>> (8 * i)) & 0xff);
        }
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Doubles as F64 data: each value's 64 bits, least significant byte first. */
    public static byte[] f64(double... values) {
        byte[] b = new byte[values.length * 8];
        for (int k = 0; k < values.length; k++) {
            long bits = Double.doubleToRawLongBits(values[k]);
            for (int i = 0; i < 8; i++) {
                b[8 * k + i] = (byte) (bits >>> (8 * i));
            }
        }
        return b;
    }

    /** Floats as F32 data: each value's 32 bits, least significant byte first. */
    public static byte[] f32(float... values) {
        byte[] b = new byte[values.length * 4];
        for (int k = 0; k < values.length; k++) {
            int bits = Float.floatToRawIntBits(values[k]);
            for (int i = 0; i < 4; i++) {
                b[4 * k + i] = (byte) (bits >>> (8 * i));
            }
        }
        return b;
    }

    /** Byte arrays one after the other. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

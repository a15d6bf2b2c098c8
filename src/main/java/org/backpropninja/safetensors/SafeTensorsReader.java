package org.backpropninja.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file from its bytes, as untrusted input. The layout is {@code [8 bytes: header
 * length N, unsigned little-endian][N bytes: UTF-8 JSON header][data buffer]}; each tensor's
 * {@code data_offsets} are byte positions in the data buffer.
 *
 * <p>Before it decodes a single value it checks what the reference reader checks: the header fits
 * in the file and under {@link #MAX_HEADER}; it is UTF-8 JSON of the expected form ({@link Header});
 * every dtype is known; every tensor's byte length equals its element count times its dtype's size;
 * sorted by position, the tensors tile the data buffer exactly -- each starts where the previous one
 * ended, none runs past the end, no byte is left over. Every failure is a {@link SafeTensorsException}
 * of one sentence. F64 and F32 are read (F32 widened to double); the other dtypes are refused by name.
 */
public final class SafeTensorsReader {

    /** The reference reader's limit on the header (100 MB). */
    public static final long MAX_HEADER = 100_000_000L;

    private SafeTensorsReader() {
    }

    public static SafeTensors read(byte[] file) {
        if (file.length < 8) {
            throw fail("is " + file.length + " bytes long, too short for the 8-byte header length that starts a"
                    + " safetensors file");
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long after = file.length - 8L;
        if (n < 0 || n > after) {
            throw fail("declares a header of " + Long.toUnsignedString(n) + " bytes, but only " + after
                    + " bytes follow: the file is truncated or is not a safetensors file");
        }
        if (n > MAX_HEADER) {
            throw fail("declares a header of " + n + " bytes, more than the " + MAX_HEADER + " a safetensors"
                    + " reader accepts");
        }
        int start = 8 + (int) n;
        Header header = Header.parse(utf8(file, (int) n));
        int dataLength = file.length - start;
        List<Located> located = new ArrayList<>();
        for (Header.Entry e : header.entries()) {
            located.add(locate(e, dataLength));
        }
        checkTiling(located, dataLength);
        ByteBuffer data = ByteBuffer.wrap(file, start, dataLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (Located t : located) {
            tensors.put(t.entry().name(), new StoredTensor(t.dtype(), t.entry().shape(), values(data, t)));
        }
        return new SafeTensors(tensors, header.metadata(), start);
    }

    /** An entry whose dtype is known and whose byte range is consistent and inside the data buffer. */
    private record Located(Header.Entry entry, Dtype dtype, int count, int begin, int end) {
    }

    private static Located locate(Header.Entry e, int dataLength) {
        String name = Header.quote(e.name());
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(e.dtype());
        } catch (IllegalArgumentException unknown) {
            if (Dtype.OTHERS.contains(e.dtype())) {
                throw fail("has a tensor " + name + " of dtype " + e.dtype() + "; this program reads F64 and F32");
            }
            throw fail("has a tensor " + name + " of the unknown dtype " + Header.quote(e.dtype()));
        }
        long count = 1;
        long bytes;
        try {
            for (long d : e.shape()) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, dtype.bytes);
        } catch (ArithmeticException overflow) {
            throw fail("has a tensor " + name + " whose shape " + Arrays.toString(e.shape()) + " is impossibly large");
        }
        long begin = e.offsets()[0];
        long end = e.offsets()[1];
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (end < begin) {
            throw fail("has a tensor " + name + " whose " + range + " end before they begin");
        }
        if (end - begin != bytes) {
            throw fail("has a tensor " + name + " of dtype " + dtype + " and shape " + Arrays.toString(e.shape())
                    + ", which needs " + bytes + " bytes, but its " + range + " span " + (end - begin));
        }
        if (end > dataLength) {
            throw fail("has a tensor " + name + " whose " + range + " run past the end of the " + dataLength
                    + "-byte data buffer: the file is truncated or its header is wrong");
        }
        return new Located(e, dtype, (int) count, (int) begin, (int) end);
    }

    /** Sorted by position, each tensor starts where the previous one ended and the last ends the file. */
    private static void checkTiling(List<Located> located, int dataLength) {
        List<Located> sorted = new ArrayList<>(located);
        sorted.sort(Comparator.comparingInt(Located::begin).thenComparingInt(Located::end));
        int expected = 0;
        Located previous = null;
        for (Located t : sorted) {
            if (t.begin() < expected) {
                throw fail("has tensors " + Header.quote(previous.entry().name()) + " and "
                        + Header.quote(t.entry().name()) + " that overlap (bytes " + previous.begin() + " to "
                        + previous.end() + " and " + t.begin() + " to " + t.end() + " of the data buffer)");
            }
            if (t.begin() > expected) {
                throw fail("has a gap in its data buffer: bytes " + expected + " to " + t.begin()
                        + " belong to no tensor");
            }
            expected = t.end();
            previous = t;
        }
        if (expected != dataLength) {
            throw fail("has " + (dataLength - expected) + " bytes after its last tensor that belong to no tensor");
        }
    }

    private static double[] values(ByteBuffer data, Located t) {
        double[] v = new double[t.count()];
        for (int i = 0; i < v.length; i++) {
            int at = t.begin() + i * t.dtype().bytes;
            v[i] = t.dtype() == Dtype.F64 ? data.getDouble(at) : data.getFloat(at);
        }
        return v;
    }

    private static String utf8(byte[] file, int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file, 8, n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail("has a header that is not UTF-8 text");
        }
    }

    private static SafeTensorsException fail(String message) {
        return new SafeTensorsException(message);
    }
}

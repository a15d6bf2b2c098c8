package org.backpropninja.safetensors;

import static org.backpropninja.testing.SafeTensorsBytes.concat;
import static org.backpropninja.testing.SafeTensorsBytes.f32;
import static org.backpropninja.testing.SafeTensorsBytes.f64;
import static org.backpropninja.testing.SafeTensorsBytes.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Files built by hand from the format's definition (see testing/SafeTensorsBytes) read as written,
 * in F64 and F32; every malformed file is one sentence, found before any value is decoded.
 */
class SafeTensorsReaderTest {

    static final double[] A = {1.5, -2.25, 3.0e-7, 4.0e10, -0.0, 6.125};

    @Test
    void aHandBuiltF64FileReadsBackEveryBit() {
        byte[] bytes = file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}}", f64(A));
        SafeTensors st = SafeTensorsReader.read(bytes);
        StoredTensor a = st.tensors().get("a");
        assertEquals(Dtype.F64, a.dtype());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(A, a.values());
        assertEquals(Optional.empty(), st.metadata());
        assertEquals(8 + bytes.length - 8 - 48, st.dataStart());
    }

    @Test
    void aHandBuiltF32FileReadsBackWidenedExactly() {
        float[] v = {0.1f, -3.5f, 1e-30f, 65504.0f};
        byte[] bytes = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", f32(v));
        StoredTensor w = SafeTensorsReader.read(bytes).tensors().get("w");
        assertEquals(Dtype.F32, w.dtype());
        assertArrayEquals(new long[] {4}, w.shape());
        for (int i = 0; i < v.length; i++) {
            assertEquals((double) v[i], w.values()[i], 0.0);
        }
        assertEquals(0.10000000149011612, w.values()[0], 0.0, "the float's value, not 0.1");
    }

    @Test
    void mixedDtypesInAnyHeaderOrderWithMetadataAndPaddingReadBack() {
        // data: x (F32, 2 values) at [0, 8), y (F64, (1, 2)) at [8, 24); the header lists y first, then
        // metadata, then x, and ends in padding spaces
        String header = "{\"y\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[8,24]},"
                + "\"__metadata__\":{\"vocabulary\":\".ab\u00e9\",\"format\":\"pt\"},"
                + "\"x\":{\"shape\":[2],\"data_offsets\":[0,8],\"dtype\":\"F32\"}}     ";
        SafeTensors st = SafeTensorsReader.read(file(header, concat(f32(2.5f, -1f), f64(Math.PI, -Math.E))));
        assertEquals(List.of("y", "x"), List.copyOf(st.tensors().keySet()));
        assertArrayEquals(new double[] {Math.PI, -Math.E}, st.tensors().get("y").values());
        assertArrayEquals(new double[] {2.5, -1.0}, st.tensors().get("x").values());
        assertEquals(Map.of("vocabulary", ".ab\u00e9", "format", "pt"), st.metadata().orElseThrow());
    }

    @Test
    void aScalarAndAnEmptyTensorAreValid() {
        String header = "{\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[8,8]}}";
        SafeTensors st = SafeTensorsReader.read(file(header, f64(7.0)));
        assertArrayEquals(new double[] {7.0}, st.tensors().get("s").values());
        assertEquals(0, st.tensors().get("e").values().length);
    }

    @Test
    void theWritersBytesAreTheFormatsDefinition() {
        Map<String, StoredTensor> t = new java.util.LinkedHashMap<>();
        t.put("a", new StoredTensor(Dtype.F64, new long[] {2, 3}, A));
        t.put("b", new StoredTensor(Dtype.F32, new long[] {1}, new double[] {0.5}));
        byte[] written = SafeTensorsWriter.encode(new SafeTensors(t, Optional.of(Map.of("k", "v")), 0));
        String header = "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[48,52]}}";
        String padded = header + " ".repeat((8 - (8 + header.length()) % 8) % 8);
        assertEquals(0, (8 + padded.length()) % 8, "the data starts 8-byte aligned");
        assertArrayEquals(file(padded, concat(f64(A), f32(0.5f))), written);
    }

    // ---- every malformed file: one sentence ----

    static String refusal(byte[] bytes) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensorsReader.read(bytes));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    static void refused(byte[] bytes, String fragment) {
        String m = refusal(bytes);
        assertTrue(m.contains(fragment), "'" + fragment + "' in: " + m);
    }

    static final String OK_A = "\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}";

    @Test
    void aFileTooShortForTheHeaderLengthIsRefused() {
        refused(new byte[0], "0 bytes long, too short");
        refused(new byte[] {5, 0, 0, 0}, "4 bytes long, too short");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefused() {
        byte[] header = ("{" + OK_A + "}").getBytes(StandardCharsets.UTF_8);
        refused(file(header.length + 48 + 1, header, f64(A)), "but only " + (header.length + 48) + " bytes follow");
        refused(file(-1L, header, f64(A)), "declares a header of 18446744073709551615 bytes");
    }

    @Test
    void aHeaderOverTheLimitIsRefusedBeforeItIsParsed() {
        byte[] big = new byte[(int) SafeTensorsReader.MAX_HEADER + 16];
        long n = SafeTensorsReader.MAX_HEADER + 1;
        for (int i = 0; i < 8; i++) {
            big[i] = (byte) (n >>> (8 * i));
        }
        refused(big, "more than the 100000000 a safetensors reader accepts");
    }

    @Test
    void aTruncatedHeaderIsRefused() {
        String header = "{" + OK_A + "}";
        byte[] cut = header.substring(0, header.length() - 3).getBytes(StandardCharsets.UTF_8);
        refused(file(cut.length, cut, f64(A)), "not valid JSON");
        refused(file("", f64(A)), "not a JSON object");
    }

    /** Jackson's messages name the source and its settings; the sentence keeps only what went wrong. */
    @Test
    void aJsonErrorSaysWhatWentWrongWithoutTheParsersInternals() {
        for (String header : new String[] {"{\"a\":", "{" + OK_A, "{\"a\":{\"dtype\":\"F64\"", "{" + OK_A + " x"}) {
            byte[] b = header.getBytes(StandardCharsets.UTF_8);
            String m = refusal(file(b.length, b, f64(A)));
            assertTrue(m.contains("not valid JSON ("), m);
            assertFalse(m.contains("Source") || m.contains("StreamReadFeature") || m.contains("REDACTED")
                    || m.contains("marker at") || m.contains("line:"), m);
            assertTrue(m.endsWith(")"), m);
        }
    }

    @Test
    void aTruncatedDataBufferIsRefused() {
        byte[] data = java.util.Arrays.copyOf(f64(A), 40);
        refused(file("{" + OK_A + "}", data), "run past the end of the 40-byte data buffer");
    }

    @Test
    void overlappingOffsetsAreRefused() {
        String header = "{" + OK_A + ",\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[40,56]}}";
        refused(file(header, f64(1, 2, 3, 4, 5, 6, 7)), "that overlap (bytes 0 to 48 and 40 to 56");
    }

    @Test
    void aGapOrBytesAfterTheLastTensorAreRefused() {
        String gap = "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
        refused(file(gap, f64(1, 2)), "bytes 0 to 8 belong to no tensor");
        refused(file("{" + OK_A + "}", f64(1, 2, 3, 4, 5, 6, 7)), "8 bytes after its last tensor");
    }

    @Test
    void offsetsThatDisagreeWithTheShapeOrRunBackwardsAreRefused() {
        refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,48]}}", f64(A)),
                "which needs 32 bytes, but its data_offsets [0, 48] span 48");
        refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[48,0]}}", f64(A)), "end before they begin");
        refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[6],\"data_offsets\":[0]}}", f64(A)), "not two numbers");
        refused(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,48]}}", f64(A)),
                "impossibly large");
    }

    @Test
    void unknownAndUnreadDtypesAreRefusedByName() {
        refused(file("{\"a\":{\"dtype\":\"F65\",\"shape\":[6],\"data_offsets\":[0,48]}}", f64(A)), "unknown dtype 'F65'");
        refused(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[24],\"data_offsets\":[0,48]}}", f64(A)),
                "dtype F16; this program reads F64 and F32");
        refused(file("{\"a\":{\"dtype\":64,\"shape\":[6],\"data_offsets\":[0,48]}}", f64(A)), "dtype is not a string");
    }

    @Test
    void malformedHeadersAreRefused() {
        refused(file("[1,2]", new byte[0]), "not a JSON object");
        refused(file("{" + OK_A + "} x", f64(A)), "not valid JSON");
        refused(file("{" + OK_A + "}{}", f64(A)), "content after the header's JSON object");
        refused(file("{" + OK_A + "," + OK_A + "}", f64(A)), "not valid JSON (Duplicate field 'a'");
        refused(file("{" + OK_A.replace("[2,3]", "[2,-3]") + "}", f64(A)), "not a whole number");
        refused(file("{" + OK_A.replace("[2,3]", "[2,3.0]") + "}", f64(A)), "not a whole number");
        refused(file("{" + OK_A.replace("[2,3]", "[2,99999999999999999999]") + "}", f64(A)), "not a whole number");
        refused(file("{" + OK_A.replace("[2,3]", "\"2x3\"") + "}", f64(A)), "shape is not an array");
        refused(file("{" + OK_A.replace(",\"shape\":[2,3]", "") + "}", f64(A)), "without shape");
        refused(file("{" + OK_A.replace("\"dtype\"", "\"type\"") + "}", f64(A)), "unexpected field 'type'");
        refused(file("{\"__metadata__\":{\"n\":3}," + OK_A + "}", f64(A)), "entry 'n' that is not a string");
        refused(file("{\"__metadata__\":[]," + OK_A + "}", f64(A)), "__metadata__ that is not a JSON object");
        refused(file("{\"a\":[1]}", new byte[0]), "entry 'a' that is not a JSON object");
        refused(file("{" + OK_A.replace("[2,3]", "[[2],3]") + "}", f64(A)), "not valid JSON (Document nesting depth");
        byte[] latin1 = ("{\"\u00e9\":{}}").getBytes(StandardCharsets.ISO_8859_1);
        refused(file(latin1.length, latin1, new byte[0]), "not UTF-8");
        refused(file("{\"line\\nbreak\":{\"dtype\":\"X\",\"shape\":[],\"data_offsets\":[0,0]}}", new byte[0]),
                "'line\\u000abreak'");
    }
}

package org.backpropninja.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a safetensors file: the 8-byte little-endian header length, the JSON header (written
 * with Jackson's generator: {@code __metadata__} first, then the tensors in the map's order with
 * consecutive {@code data_offsets}), padded with spaces so that the data buffer starts at a
 * multiple of 8 bytes, then every tensor's elements, little-endian, row-major.
 */
public final class SafeTensorsWriter {

    private SafeTensorsWriter() {
    }

    /** The file's bytes. */
    public static byte[] encode(SafeTensors contents) {
        return encode(contents.tensors(), data -> contents.metadata().orElse(null));
    }

    /**
     * The file's bytes, with the metadata computed from the data buffer (a checksum, say): the buffer
     * is built once, handed to {@code metadata}, then written. A null metadata map means none.
     */
    public static byte[] encode(Map<String, StoredTensor> tensors, Function<byte[], Map<String, String>> metadata) {
        byte[] data = data(tensors);
        byte[] header = header(new SafeTensors(tensors, Optional.ofNullable(metadata.apply(data)), 0));
        int padded = (header.length + 8 + 7) / 8 * 8 - 8;
        ByteBuffer file = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(padded).put(header);
        for (int i = header.length; i < padded; i++) {
            file.put((byte) ' ');
        }
        return file.put(data).array();
    }

    /** The data buffer alone: every tensor's elements in the map's order. */
    static byte[] data(Map<String, StoredTensor> tensors) {
        long total = 0;
        for (StoredTensor t : tensors.values()) {
            total += (long) t.values().length * t.dtype().bytes;
        }
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
        for (StoredTensor t : tensors.values()) {
            for (double v : t.values()) {
                if (t.dtype() == Dtype.F64) {
                    data.putDouble(v);
                } else {
                    data.putFloat((float) v);
                }
            }
        }
        return data.array();
    }

    /** Characters outside the BMP as their four UTF-8 bytes, not as two escaped surrogates. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static byte[] header(SafeTensors contents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            if (contents.metadata().isPresent()) {
                json.writeObjectFieldStart(Header.METADATA);
                for (Map.Entry<String, String> e : contents.metadata().get().entrySet()) {
                    json.writeStringField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, StoredTensor> e : contents.tensors().entrySet()) {
                StoredTensor t = e.getValue();
                long end = offset + (long) t.values().length * t.dtype().bytes;
                json.writeObjectFieldStart(e.getKey());
                json.writeStringField("dtype", t.dtype().name());
                long[] shape = t.shape();
                json.writeFieldName("shape");
                json.writeArray(shape, 0, shape.length);
                json.writeFieldName("data_offsets");
                json.writeArray(new long[] {offset, end}, 0, 2);
                json.writeEndObject();
                offset = end;
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JSON write failed", e);
        }
        return bytes.toByteArray();
    }
}

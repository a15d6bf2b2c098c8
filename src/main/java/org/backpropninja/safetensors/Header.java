package org.backpropninja.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON header of a safetensors file, parsed with Jackson's streaming parser as untrusted
 * input: one object whose keys are tensor names mapping to {@code {"dtype", "shape",
 * "data_offsets"}}, and the optional {@code "__metadata__"} mapping to an object of strings.
 * Duplicate keys, unexpected fields, wrong types, negative or oversized numbers and anything after
 * the object other than whitespace (the writer's padding) are refused with one sentence. Sizes and
 * offsets are checked by {@link SafeTensorsReader}.
 */
record Header(List<Entry> entries, Optional<Map<String, String>> metadata) {

    /** One tensor's header entry, as written (the dtype is still a name). */
    record Entry(String name, String dtype, long[] shape, long[] offsets) {
    }

    static final String METADATA = "__metadata__";

    /** Nesting: the header object, an entry or the metadata, a shape array. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(3).maxNumberLength(24).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static Header parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("has a header that is not a JSON object");
            }
            List<Entry> entries = new ArrayList<>();
            Optional<Map<String, String>> metadata = Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(METADATA)) {
                    metadata = value == JsonToken.VALUE_NULL ? Optional.empty() : Optional.of(metadata(p, value));
                } else {
                    entries.add(entry(p, name, value));
                }
            }
            if (p.nextToken() != null) {
                throw fail("has content after the header's JSON object");
            }
            return new Header(entries, metadata);
        } catch (JsonProcessingException e) {
            throw fail("has a header that is not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    private static Map<String, String> metadata(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw fail("has a __metadata__ that is not a JSON object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw fail("has a __metadata__ entry " + quote(key) + " that is not a string");
            }
            m.put(key, p.getText());
        }
        return m;
    }

    private static Entry entry(JsonParser p, String name, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw fail("has a header entry " + quote(name) + " that is not a JSON object");
        }
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype" -> {
                    if (value != JsonToken.VALUE_STRING) {
                        throw fail("has a tensor " + quote(name) + " whose dtype is not a string");
                    }
                    dtype = p.getText();
                }
                case "shape" -> shape = wholeNumbers(p, value, name, "shape");
                case "data_offsets" -> offsets = wholeNumbers(p, value, name, "data_offsets");
                default -> throw fail("has a tensor " + quote(name) + " with the unexpected field " + quote(field));
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            String missing = dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets";
            throw fail("has a tensor " + quote(name) + " without " + missing);
        }
        if (offsets.length != 2) {
            throw fail("has a tensor " + quote(name) + " whose data_offsets are not two numbers [begin, end]");
        }
        return new Entry(name, dtype, shape, offsets);
    }

    /** An array of non-negative whole numbers that fit in a long. */
    private static long[] wholeNumbers(JsonParser p, JsonToken start, String name, String field) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw fail("has a tensor " + quote(name) + " whose " + field + " is not an array");
        }
        List<Long> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw fail("has a tensor " + quote(name) + " whose " + field + " holds " + quote(p.getText())
                        + ", not a whole number from 0 to " + Long.MAX_VALUE);
            }
            values.add(p.getLongValue());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** A name from the file, quoted for a one-line message: control characters escaped, long names cut. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("'");
        s.codePoints().limit(40).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || c == 0x85) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        if (s.codePointCount(0, s.length()) > 40) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        m = (nl < 0 ? m : m.substring(0, nl).strip()).replaceAll("\\p{Cntrl}", " ");
        // Jackson names the source and its own settings ("(start marker at [Source: REDACTED
        // (`StreamReadFeature...` disabled); line: 1, column: 1])"): the parser's internals, not the file's fault
        int source = m.indexOf("[Source:");
        if (source >= 0) {
            m = m.substring(0, source).replaceAll("\\s*(\\(start marker at|at)\\s*$", "").strip();
        }
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    private static SafeTensorsException fail(String message) {
        return new SafeTensorsException(message);
    }
}

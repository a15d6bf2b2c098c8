package org.backpropninja.safetensors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a safetensors file holds: tensors by name (in the header's order) and, if the header has
 * one, the {@code __metadata__} map of strings. {@code dataStart} is the file position of the
 * data buffer (8 + the header length) in a file that was read; 0 for contents made in memory.
 */
public record SafeTensors(Map<String, StoredTensor> tensors, Optional<Map<String, String>> metadata, long dataStart) {

    public SafeTensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = metadata.map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)));
    }
}

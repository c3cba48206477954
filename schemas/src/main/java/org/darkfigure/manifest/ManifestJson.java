package org.darkfigure.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads and writes the run and release manifests as indented JSON with sorted map keys. */
public final class ManifestJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // an unknown key is an error, not silence

    private ManifestJson() {
    }

    public static <T> T read(InputStream in, Class<T> type) throws IOException {
        try {
            return JSON.readValue(in, type);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new IOException("the " + type.getSimpleName() + " has an unknown key '" + e.getPropertyName()
                    + "' (known: " + e.getKnownPropertyIds() + "); it was written by another version of darkfigure "
                    + "or edited by hand", e);
        }
    }

    public static void write(OutputStream out, Object manifest) throws IOException {
        JSON.writeValue(out, manifest);
    }

    public static byte[] bytes(Object manifest) throws IOException {
        return JSON.writeValueAsBytes(manifest);
    }
}

package org.darkfigure.releases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** A release manifest as a researcher may read it: what went in and how, without where it lies on the server. */
public final class ReleaseManifests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReleaseManifests() {
    }

    public static byte[] forResearchers(byte[] manifest) throws IOException {
        JsonNode root = JSON.readTree(manifest);
        for (JsonNode input : root.path("inputs")) {
            ((ObjectNode) input).remove("stagedPath");
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}

package org.darkfigure.release.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The release's {@code estimates/estimates.json}: what the API serves and the charts draw. One
 * object per stratum with its lists, the estimate (non-finite numbers as null) and diagnostics.
 */
public final class EstimatesJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EstimatesJson() {
    }

    public static byte[] render(String releaseId, String createdAt, double level, List<Row> estimates) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("releaseId", releaseId);
        root.put("createdAt", createdAt);
        root.put("level", level);
        ArrayNode strata = root.putArray("strata");
        for (Row r : estimates) {
            ObjectNode s = strata.addObject();
            s.put("country", r.<String>getAs("country"));
            s.put("year", r.<Integer>getAs("year"));
            s.put("observed", r.<Long>getAs("observed"));
            ArrayNode lists = s.putArray("lists");
            r.<String>getList(r.fieldIndex("lists")).forEach(lists::add);
            ArrayNode sizes = s.putArray("listSizes");
            r.<Long>getList(r.fieldIndex("list_sizes")).forEach(sizes::add);
            ObjectNode e = s.putObject("estimate");
            e.put("method", r.<String>getAs("method"));
            e.put("model", r.<String>getAs("model"));
            number(e, "total", r.getAs("total"));
            number(e, "stderr", r.getAs("stderr"));
            number(e, "lower", r.getAs("lower"));
            number(e, "upper", r.getAs("upper"));
            e.put("level", r.<Double>getAs("level"));
            e.put("interval", r.<String>getAs("interval"));
            e.put("status", r.<String>getAs("status"));
            ArrayNode warnings = e.putArray("warnings");
            r.<String>getList(r.fieldIndex("warnings")).forEach(warnings::add);
            if (r.isNullAt(r.fieldIndex("deviance"))) {
                s.putNull("diagnostics");
            } else {
                ObjectNode d = s.putObject("diagnostics");
                number(d, "deviance", r.getAs("deviance"));
                d.put("df", r.<Integer>getAs("df"));
                number(d, "aic", r.getAs("aic"));
                number(d, "bic", r.getAs("bic"));
            }
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void number(ObjectNode node, String name, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}

package org.darkfigure.codebook;

import java.util.LinkedHashSet;
import java.util.Set;
import org.darkfigure.codes.CodeList;
import org.darkfigure.standard.FieldSpec;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/** The codebook as one HTML page: every record type, field and code list of the standard. */
public final class CodebookPage {

    private CodebookPage() {
    }

    public static String render(Standard standard, String stylesheet) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>darkfigure codebook</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(stylesheet)).append("\"></head><body>")
                .append("<header><h1>Codebook of the darkfigure standard</h1><p>Every record type, its columns and the "
                        + "code lists they use. Roles: LK linkage key (never released), QI quasi-identifier, ST "
                        + "stratification variable, S sensitive.</p></header><main>");
        h.append("<nav><ul>");
        for (RecordType t : standard.recordTypes()) {
            h.append("<li><a href=\"#").append(t.name()).append("-v").append(t.version()).append("\">")
                    .append(escape(t.label())).append("</a> — ").append(escape(t.title())).append("</li>");
        }
        h.append("<li><a href=\"#code-lists\">Code lists</a></li></ul></nav>");
        Set<String> usedLists = new LinkedHashSet<>();
        for (RecordType t : standard.recordTypes()) {
            String base = "/api/v1/standard/" + t.name() + "/" + t.version();
            h.append("<section class=\"country\" id=\"").append(t.name()).append("-v").append(t.version()).append("\">")
                    .append("<h2>").append(escape(t.label())).append(": ").append(escape(t.title())).append("</h2>")
                    .append("<p>").append(escape(t.description())).append("</p>")
                    .append("<p>Templates: <a href=\"").append(base).append("/template.csv\">CSV</a> · <a href=\"")
                    .append(base).append("/template.xlsx\">XLSX</a> · <a href=\"").append(base)
                    .append("/schema.json\">JSON Schema</a></p>")
                    .append("<table><tr><th>column</th><th>type</th><th>required</th><th>allowed values</th>")
                    .append("<th>roles</th><th>description</th></tr>");
            for (FieldSpec f : t.fields()) {
                StringBuilder allowed = new StringBuilder();
                f.codeList().ifPresent(l -> {
                    usedLists.add(l);
                    allowed.append("<a href=\"#list-").append(l).append("\">").append(escape(l)).append("</a>");
                });
                f.maxLength().ifPresent(n -> allowed.append("≤ ").append(n).append(" characters "));
                if (f.min().isPresent() || f.max().isPresent()) {
                    allowed.append(f.min().map(String::valueOf).orElse("")).append(" to ").append(f.max().map(String::valueOf).orElse(""));
                }
                if (f.withinPeriod()) {
                    allowed.append(" inside the reporting period");
                }
                h.append("<tr><td><code>").append(f.name()).append("</code></td><td>").append(f.type().name().toLowerCase())
                        .append("</td><td>").append(f.required() ? "yes" : "").append("</td><td>").append(allowed)
                        .append("</td><td>").append(String.join(" ", f.roles().stream().map(Enum::name).sorted().toList()))
                        .append("</td><td>").append(escape(f.description())).append("</td></tr>");
            }
            h.append("</table>");
            t.listColumns().ifPresent(l -> h.append("<p>List columns: <code>").append(escape(l.prefix()))
                    .append("&lt;source id&gt;</code>, ").append(l.min()).append(" to ").append(l.max()).append(". ")
                    .append(escape(l.description())).append("</p>"));
            if (!t.checks().isEmpty()) {
                h.append("<p>Rules across columns:</p><ul>");
                t.checks().forEach(c -> h.append("<li><code>").append(c.kind()).append("</code> ")
                        .append(escape(String.join(", ", c.fields()))).append(c.values().isEmpty() ? "" : " (" + escape(String.join(", ", c.values())) + ")")
                        .append("</li>"));
                h.append("</ul>");
            }
            h.append("</section>");
        }
        h.append("<section id=\"code-lists\"><h2>Code lists</h2>");
        for (String name : usedLists) {
            CodeList list = standard.requireCodeList(name);
            h.append("<h3 id=\"list-").append(name).append("\">").append(escape(list.title())).append(" (<code>")
                    .append(name).append("</code>)</h3><p>").append(escape(list.description())).append("</p><table>")
                    .append("<tr><th>code</th><th>label</th></tr>");
            list.labels().forEach((code, label) -> h.append("<tr><td><code>").append(escape(code)).append("</code></td><td>")
                    .append(escape(label)).append("</td></tr>"));
            h.append("</table>");
        }
        h.append("</section></main></body></html>");
        return h.toString();
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

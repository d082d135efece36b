package io.coachmatch.training.eval;

import io.coachmatch.core.json.Json;
import io.coachmatch.training.fit.TrainingProvenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link EvaluationReport} as one self-contained HTML page (ECharts, from its WebJar, inlined with the
 * report's numbers, so the page opens from a file with no network) and as JSON beside it, for notebooks.
 */
public final class ReportPage {

    private static final String TEMPLATE = "/io/coachmatch/training/report/report.html";

    private ReportPage() {}

    /** The JSON file written beside {@code html}: the same name with {@code .json} for {@code .html}. */
    public static Path jsonBeside(Path html) {
        String name = html.getFileName().toString();
        String stem = name.endsWith(".html") ? name.substring(0, name.length() - ".html".length()) : name;
        return html.resolveSibling(stem + ".json");
    }

    /** Writes the page to {@code html} and its numbers to {@link #jsonBeside}; creates missing folders. */
    public static void write(EvaluationReport report, Path html) {
        byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        try {
            Path dir = html.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(html, html(report, new String(json, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            Files.write(jsonBeside(html), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + html + ": " + e.getMessage(), e);
        }
    }

    static String html(EvaluationReport report, String json) {
        String title = "Evaluation of " + report.model() + " (" + report.algorithm() + ")";
        return resource(TEMPLATE)
                .replace("{{TITLE}}", escape(title))
                // JSON inside a script element: "</" would end the element early
                .replace("/*REPORT_DATA*/", json.replace("</", "<\\/"))
                .replace("/*ECHARTS*/", echarts());
    }

    private static String echarts() {
        String version = TrainingProvenance.buildProperty("echarts.version");
        return resource("/META-INF/resources/webjars/echarts/" + version + "/dist/echarts.min.js");
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report page needs " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
